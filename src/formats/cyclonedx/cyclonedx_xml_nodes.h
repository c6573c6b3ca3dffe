// CycloneDxXmlNodes: the elements of a CycloneDX XML document, however it binds the namespace
// (<bom xmlns="http://cyclonedx.org/schema/bom/1.x"> or <cdx:bom xmlns:cdx="...">), with the
// line:column of each. Elements of other namespaces are extensions, and never match.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "formats/text_position.h"
#include "model/diagnostic.h"

namespace cradle {

class CycloneDxXmlNodes {
 public:
  CycloneDxXmlNodes() = default;
  // `bytes` is the text the document was parsed from; `root` its document element, whose
  // prefix ("" or "cdx:") the CycloneDX elements share.
  CycloneDxXmlNodes(std::string_view bytes, pugi::xml_node root) : lines_(bytes) {
    std::string_view name = root.name();
    if (auto colon = name.find(':'); colon != std::string_view::npos)
      prefix_ = std::string(name.substr(0, colon + 1));
  }

  const std::string& prefix() const { return prefix_; }
  // An element's name without the CycloneDX prefix.
  std::string_view local_name(pugi::xml_node node) const {
    std::string_view name = node.name();
    return name.starts_with(prefix_) ? name.substr(prefix_.size()) : name;
  }
  bool is(pugi::xml_node node, std::string_view name) const {
    std::string_view full = node.name();
    return full.size() == prefix_.size() + name.size() && full.starts_with(prefix_) &&
           full.substr(prefix_.size()) == name;
  }
  // The first child element `name`, or a null node.
  pugi::xml_node child(pugi::xml_node parent, std::string_view name) const {
    for (pugi::xml_node node : parent.children()) {
      if (is(node, name)) return node;
    }
    return {};
  }
  // The text of the first child element `name`; empty when there is none.
  std::string text(pugi::xml_node parent, std::string_view name) const {
    pugi::xml_node node = child(parent, name);
    return node ? std::string(node.child_value()) : std::string();
  }
  template <typename F>
  void each(pugi::xml_node parent, std::string_view name, F f) const {
    for (pugi::xml_node node : parent.children()) {
      if (is(node, name)) f(node);
    }
  }
  SourceLocation at(pugi::xml_node node) const {
    return lines_.position(static_cast<std::size_t>(node.offset_debug()));
  }

 private:
  LineIndex lines_;
  std::string prefix_;  // "" or "cdx:" when the document prefixes CycloneDX elements
};

}  // namespace cradle
