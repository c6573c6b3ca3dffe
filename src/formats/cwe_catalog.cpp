#include "formats/cwe_catalog.h"

#include <fmt/format.h>

#include <pugixml.hpp>

#include "formats/text_position.h"

namespace cradle {

std::expected<CweCatalog, Error> parse_cwe_catalog(std::string_view bytes, std::string_view file) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    const auto position = LineIndex(bytes).position(static_cast<std::size_t>(parsed.offset));
    return std::unexpected(Error{ErrorCode::invalid_input,
                                 fmt::format("{}: malformed XML: {}", file, parsed.description()),
                                 {position.line, position.column, {}}});
  }
  // MITRE's catalog declares a default namespace; names are compared without any prefix.
  auto local = [](const pugi::xml_node& node) {
    std::string_view name = node.name();
    return name.substr(name.find(':') == std::string_view::npos ? 0 : name.find(':') + 1);
  };
  const pugi::xml_node root = document.document_element();
  if (local(root) != "Weakness_Catalog") {
    return std::unexpected(Error{
        ErrorCode::invalid_input,
        fmt::format("{}: not a CWE catalog (expected a <Weakness_Catalog> root element)", file),
        {}});
  }
  CweCatalog catalog;
  catalog.source = fmt::format("{} ({} {})", file, root.attribute("Name").value(),
                               root.attribute("Version").value());
  for (const pugi::xml_node& list : root.children()) {
    for (const pugi::xml_node& entry : list.children()) {
      const std::string_view kind = local(entry);
      if (kind != "Weakness" && kind != "Category" && kind != "View") continue;
      const std::string_view id = entry.attribute("ID").value();
      if (id.empty()) continue;
      catalog.names.emplace(fmt::format("CWE-{}", id), entry.attribute("Name").value());
    }
  }
  if (catalog.names.empty()) {
    return std::unexpected(Error{
        ErrorCode::invalid_input, fmt::format("{}: the CWE catalog lists no entries", file), {}});
  }
  return catalog;
}

}  // namespace cradle
