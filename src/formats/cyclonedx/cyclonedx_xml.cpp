#include "formats/cyclonedx/cyclonedx_xml.h"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <unordered_set>

#include "formats/cyclonedx/cyclonedx_rules.h"
#include "formats/cyclonedx/cyclonedx_xml_nodes.h"
#include "formats/source_package.h"
#include "formats/spdx/license_expression.h"
#include "formats/text_position.h"
#include "model/date_time.h"

namespace cradle {
namespace {

constexpr std::string_view kNamespacePrefix = "http://cyclonedx.org/schema/bom/";

class CycloneDxXmlParser {
 public:
  CycloneDxXmlParser(std::string_view file, SbomParseResult& result, const ParseLimits& limits)
      : file_(file), result_(result), limits_(limits) {}

  void parse(std::string_view bytes) {
    if (bytes.size() > limits_.max_bytes) {
      error({}, fmt::format("the file is {} bytes, more than the limit of {} bytes", bytes.size(),
                            limits_.max_bytes));
      return;
    }
    if (auto bad = first_invalid_utf8(bytes)) {
      error(position_at(bytes, *bad), "invalid UTF-8");
      return;
    }
    bytes_ = bytes;
    pugi::xml_parse_result parsed = document_.load_buffer(
        bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata_single,
        pugi::encoding_utf8);
    if (!parsed) {
      error(LineIndex(bytes).position(static_cast<std::size_t>(parsed.offset)),
            fmt::format("malformed XML: {}", parsed.description()));
      return;
    }
    pugi::xml_node root = document_.document_element();
    nodes_ = CycloneDxXmlNodes(bytes, root);
    const std::string& prefix = nodes_.prefix();
    std::string_view root_name = nodes_.local_name(root);
    std::string ns_attribute = prefix.empty() ? "xmlns" : "xmlns:" + prefix.substr(0, prefix.size() - 1);
    std::string_view ns = root.attribute(ns_attribute.c_str()).value();
    if (root_name != "bom" || !ns.starts_with(kNamespacePrefix)) {
      error(at(root), "not a CycloneDX document: expected a <bom> element in the namespace "
                      "http://cyclonedx.org/schema/bom/1.x");
      return;
    }
    std::string_view version = ns.substr(kNamespacePrefix.size());
    auto minor = cyclonedx::spec_minor(version);
    if (!minor && version != "1.0" && version != "1.1") {
      error(at(root), fmt::format("unsupported CycloneDX namespace version '{}'", version));
      return;
    }
    minor_ = minor.value_or(version == "1.1" ? 1 : 0);
    Sbom& sbom = result_.sbom.emplace();
    sbom_ = &sbom;
    sbom.format = SbomFormat::cyclonedx;
    sbom.spec_version = std::string(version);
    sbom.encoding = "XML";
    if (auto serial = root.attribute("serialNumber")) {
      sbom.serial_number = serial.value();
      check(root, cyclonedx::check_serial_number(sbom.serial_number));
    }
    if (auto bom_version = root.attribute("version")) sbom.bom_version = bom_version.value();
    if (auto metadata = child(root, "metadata")) read_metadata(metadata);
    if (auto components = child(root, "components")) read_components(components, "", 1);
    if (auto services = child(root, "services")) read_services(services);
    if (auto dependencies = child(root, "dependencies")) read_dependencies(dependencies);
    if (auto compositions = child(root, "compositions")) read_compositions(compositions);
  }

 private:
  // Elements of the CycloneDX namespace (formats/cyclonedx/cyclonedx_xml_nodes.h).
  pugi::xml_node child(pugi::xml_node parent, std::string_view name) const {
    return nodes_.child(parent, name);
  }
  bool is(pugi::xml_node node, std::string_view name) const { return nodes_.is(node, name); }
  std::string text(pugi::xml_node parent, std::string_view name) const {
    return nodes_.text(parent, name);
  }
  template <typename F>
  void each(pugi::xml_node parent, std::string_view name, F f) const {
    nodes_.each(parent, name, f);
  }
  SourceLocation at(pugi::xml_node node) const { return nodes_.at(node); }
  void error(const SourceLocation& location, std::string message) {
    result_.diagnostics.push_back(
        Diagnostic{Severity::error, std::string(file_), location, std::move(message)});
  }
  void warning(const SourceLocation& location, std::string message) {
    result_.diagnostics.push_back(
        Diagnostic{Severity::warning, std::string(file_), location, std::move(message)});
  }
  void check(pugi::xml_node node, const std::string& problem) {
    if (!problem.empty()) error(at(node), problem);
  }

  void read_metadata(pugi::xml_node metadata) {
    if (auto timestamp = child(metadata, "timestamp")) {
      sbom_->created = timestamp.child_value();
      sbom_->evidence.produced_at = sbom_->created;
      if (!is_rfc3339_date_time(sbom_->created)) {
        error(at(timestamp), fmt::format("'{}' is not an RFC 3339 date-time", sbom_->created));
      }
    }
    std::vector<std::string> authors;
    if (auto list = child(metadata, "authors")) {
      each(list, "author",
           [&](pugi::xml_node a) { add_contact(a, authors, sbom_->creator_contacts); });
    }
    for (std::string& name : cyclonedx::sbom_creators(
             std::move(authors),
             contact_of(child(metadata, "manufacture"), sbom_->creator_contacts),
             contact_of(child(metadata, "manufacturer"), sbom_->creator_contacts),
             contact_of(child(metadata, "supplier"), sbom_->creator_contacts))) {
      sbom_->creators.push_back(std::move(name));
    }
    if (auto tools = child(metadata, "tools")) {
      each(tools, "tool", [&](pugi::xml_node tool) { add_tool(tool); });
      for (std::string_view group : {"components", "services"}) {
        if (auto list = child(tools, group)) {
          for (pugi::xml_node tool : list.children()) add_tool(tool);
        }
      }
    }
    if (auto licenses = child(metadata, "licenses")) {
      std::vector<std::string> declared, concluded;
      read_licenses(licenses, declared, concluded);
    }
    if (auto properties = child(metadata, "properties")) read_properties(properties, nullptr);
    if (auto component = child(metadata, "component")) {
      Component primary = read_component(component, "");
      sbom_->described_refs.push_back(primary.ref);
      if (auto nested = child(component, "components")) read_components(nested, primary.ref, 2);
      sbom_->primary_component = std::move(primary);
    }
  }

  void add_tool(pugi::xml_node tool) {
    std::string out;
    for (std::string_view key : {"vendor", "group", "name", "version"}) {
      std::string value = text(tool, key);
      if (value.empty()) continue;
      if (!out.empty()) out.push_back(' ');
      out += value;
    }
    if (!out.empty()) sbom_->tools.push_back(std::move(out));
  }

  // An entity's contact ("name <email>"); empty for a missing node. Its e-mail addresses and
  // URLs (an organisation's `url` and its contacts' e-mails) are added to `contacts`.
  std::string contact_of(pugi::xml_node entity, std::vector<std::string>& contacts) {
    if (!entity) return {};
    std::string email = text(entity, "email");
    if (!email.empty()) contacts.push_back(email);
    each(entity, "url", [&](pugi::xml_node url) { contacts.emplace_back(url.child_value()); });
    each(entity, "contact", [&](pugi::xml_node person) { contact_of(person, contacts); });
    return cyclonedx::contact(text(entity, "name"), email);
  }

  void add_contact(pugi::xml_node entity, std::vector<std::string>& out,
                   std::vector<std::string>& contacts) {
    if (std::string name = contact_of(entity, contacts); !name.empty()) {
      out.push_back(std::move(name));
    }
  }

  void read_components(pugi::xml_node list, const std::string& parent_ref, std::size_t depth) {
    if (depth > limits_.max_depth) {
      error(at(list), fmt::format("components nest deeper than the limit of {} levels",
                                  limits_.max_depth));
      return;
    }
    each(list, "component", [&](pugi::xml_node node) {
      Component component = read_component(node, parent_ref);
      component.line = static_cast<std::uint32_t>(at(node).line);
      std::string ref = component.ref;
      sbom_->components.push_back(std::move(component));
      if (auto nested = child(node, "components")) read_components(nested, ref, depth + 1);
    });
  }

  Component read_component(pugi::xml_node node, const std::string& parent_ref) {
    Component c;
    ComponentDetails details;  // kept only when something is stated
    details.parent_ref = parent_ref;
    if (auto type = node.attribute("type")) {
      c.type = type.value();
      check(node, cyclonedx::check_component_type(c.type, minor_));
    } else {
      error(at(node), "a component needs a 'type' attribute");
    }
    if (auto ref = node.attribute("bom-ref")) {
      c.ref = ref.value();
      register_ref(c.ref, node);
    }
    if (auto name = child(node, "name")) {
      c.name = name.child_value();
    } else {
      error(at(node), "a component needs a <name>");
    }
    c.group = text(node, "group");
    c.version = text(node, "version");
    if (auto scope = child(node, "scope")) {
      details.scope = scope.child_value();
      check(scope, cyclonedx::check_scope(details.scope));
    }
    std::vector<std::string> authors;
    if (auto list = child(node, "authors")) {
      each(list, "author", [&](pugi::xml_node a) { add_contact(a, authors, details.contacts); });
    }
    details.author = cyclonedx::component_author(text(node, "author"), authors);
    details.supplier =
        cyclonedx::component_supplier(contact_of(child(node, "supplier"), details.contacts),
                                      contact_of(child(node, "manufacturer"), details.contacts),
                                      text(node, "publisher"));
    if (auto purl = child(node, "purl")) {
      c.purl_text = purl.child_value();
      if (auto parsed = parse_purl(c.purl_text)) {
        c.purl = std::move(*parsed);
      } else {
        warning(at(purl), fmt::format("invalid purl '{}': {} (column {})", c.purl_text,
                                      parsed.error().message, parsed.error().location.column));
      }
    }
    if (auto cpe = child(node, "cpe")) details.cpes.emplace_back(cpe.child_value());
    if (auto hashes = child(node, "hashes")) read_hashes(hashes, c.hashes);
    if (auto licenses = child(node, "licenses")) {
      read_licenses(licenses, c.declared_licenses, c.concluded_licenses);
    }
    if (auto references = child(node, "externalReferences")) {
      each(references, "reference", [&](pugi::xml_node reference) {
        ExternalReference& added = c.external_references.emplace_back(
            ExternalReference{reference.attribute("type").value(), text(reference, "url")});
        if (auto hashes = child(reference, "hashes")) read_hashes(hashes, added.hashes);
      });
    }
    if (auto properties = child(node, "properties")) {
      read_properties(properties, &details.properties);
      details.source_name = source_package_from_properties(details.properties);
    }
    if (details != ComponentDetails{}) c.details.edit() = std::move(details);
    if (auto swid = child(node, "swid")) {
      for (const char* attribute : {"tagId", "name"}) {
        if (!swid.attribute(attribute)) {
          error(at(swid), fmt::format("a swid needs a '{}' attribute", attribute));
        }
      }
    }
    if (auto pedigree = child(node, "pedigree")) read_pedigree(pedigree);
    return c;
  }

  void register_ref(const std::string& ref, pugi::xml_node node) {
    if (ref.empty()) {
      error(at(node), "bom-ref must not be empty");
    } else if (!refs_.insert(ref).second) {
      error(at(node), fmt::format("duplicate bom-ref '{}'", ref));
    }
  }

  void read_licenses(pugi::xml_node licenses, std::vector<std::string>& declared,
                     std::vector<std::string>& concluded) {
    std::size_t count = 0;
    bool has_expression = false;
    for (pugi::xml_node entry : licenses.children()) {
      bool is_license = is(entry, "license");
      bool is_expression = is(entry, "expression");
      if (!is_license && !is_expression) continue;
      ++count;
      std::string acknowledgement = entry.attribute("acknowledgement").value();
      std::string value;
      if (is_expression) {
        has_expression = true;
        value = entry.child_value();
        if (std::string problem = license_expression_error(value); !problem.empty()) {
          warning(at(entry), problem + ": kept as written");
        }
      } else {
        std::size_t ids = 0, names = 0;
        each(entry, "id", [&](pugi::xml_node) { ++ids; });
        each(entry, "name", [&](pugi::xml_node) { ++names; });
        auto url = child(entry, "url");
        if (ids + names == 0 && url) {
          value = url.child_value();
          warning(at(entry), fmt::format("a licence given by its URL only ('{}'), with no <id> or "
                                         "<name>: kept as the URL",
                                         value));
        } else if (ids + names != 1) {
          error(at(entry), "a licence has exactly one <id> or <name>");
        }
        if (auto id = child(entry, "id")) {
          value = id.child_value();
          // Neither another case nor an id the list lacks changes what is matched: warnings.
          if (auto spelled = cyclonedx::spdx_license_id_spelling(value); !spelled) {
            warning(at(id), cyclonedx::check_license_id(value) + ": kept as a name");
          } else if (*spelled != value) {
            warning(at(id), fmt::format("licence id '{}' is the SPDX id '{}' in another case (SPDX "
                                        "ids match case-insensitively)",
                                        value, *spelled));
            value = std::move(*spelled);
          }
        } else if (names > 0) {
          value = text(entry, "name");
        }
        if (auto body = child(entry, "text")) {
          if (auto encoding = body.attribute("encoding")) {
            check(body, cyclonedx::check_license_encoding(encoding.value()));
          }
        }
      }
      if (value.empty()) continue;
      (acknowledgement == "concluded" ? concluded : declared).push_back(std::move(value));
    }
    if (has_expression && count > 1 && (minor_ == 5 || minor_ == 6)) {
      error(at(licenses), "a licence <expression> must be the only entry of its list");
    }
  }

  void read_properties(pugi::xml_node properties, std::vector<Property>* out) {
    each(properties, "property", [&](pugi::xml_node property) {
      auto name = property.attribute("name");
      if (!name) {
        error(at(property), "a property needs a 'name' attribute");
        return;
      }
      if (out != nullptr) out->push_back(Property{name.value(), property.child_value()});
    });
  }

  void read_pedigree(pugi::xml_node pedigree) {
    for (std::string_view key : {"ancestors", "descendants", "variants"}) {
      if (auto related = child(pedigree, key)) {
        each(related, "component", [&](pugi::xml_node node) { (void)read_component(node, ""); });
      }
    }
    if (auto patches = child(pedigree, "patches")) {
      each(patches, "patch", [&](pugi::xml_node patch) {
        check(patch, cyclonedx::check_patch_type(patch.attribute("type").value()));
        if (auto resolves = child(patch, "resolves")) {
          each(resolves, "issue", [&](pugi::xml_node issue) {
            check(issue, cyclonedx::check_issue_type(issue.attribute("type").value()));
          });
        }
      });
    }
  }

  void read_services(pugi::xml_node services) {
    each(services, "service", [&](pugi::xml_node service) {
      if (auto ref = service.attribute("bom-ref")) register_ref(ref.value(), service);
      if (!child(service, "name")) error(at(service), "a service needs a <name>");
      if (auto properties = child(service, "properties")) read_properties(properties, nullptr);
      if (auto data = child(service, "data")) {
        each(data, "classification", [&](pugi::xml_node classification) {
          check(classification, cyclonedx::check_data_flow(classification.attribute("flow").value()));
        });
        each(data, "dataflow", [&](pugi::xml_node flow) {
          if (auto direction = flow.attribute("flow")) {
            check(flow, cyclonedx::check_data_flow(direction.value()));
          }
        });
      }
      if (auto nested = child(service, "services")) read_services(nested);
    });
  }

  void read_hashes(pugi::xml_node hashes, std::vector<Hash>& out) {
    each(hashes, "hash", [&](pugi::xml_node hash) {
      std::string algorithm = hash.attribute("alg").value();
      std::string content = hash.child_value();
      check(hash, cyclonedx::check_hash_algorithm(algorithm, minor_));
      // A hash that cannot be one changes nothing that is matched: told, and not kept.
      if (std::string problem = cyclonedx::check_hash_content(content); !problem.empty()) {
        warning(at(hash), problem + ": the hash is not kept");
        return;
      }
      out.push_back(Hash{std::move(algorithm), std::move(content)});
    });
  }

  // Compositions: of each, the aggregate and the refs it speaks for (assemblies, dependencies).
  void read_compositions(pugi::xml_node compositions) {
    each(compositions, "composition", [&](pugi::xml_node composition) {
      auto aggregate = child(composition, "aggregate");
      if (!aggregate) {
        error(at(composition), "a composition needs an 'aggregate'");
        return;
      }
      const std::string completeness = aggregate.child_value();
      check(aggregate, cyclonedx::check_aggregate(completeness));
      for (auto [list, item] : {std::pair{"assemblies", "assembly"},
                                std::pair{"dependencies", "dependency"}}) {
        if (auto refs = child(composition, list)) {
          each(refs, item, [&](pugi::xml_node ref) {
            sbom_->dependency_completeness.push_back(
                DependencyCompleteness{ref.attribute("ref").value(), completeness});
          });
        }
      }
    });
  }

  void read_dependencies(pugi::xml_node dependencies) {
    each(dependencies, "dependency", [&](pugi::xml_node dependency) {
      std::string from = dependency.attribute("ref").value();
      if (from.empty()) {
        error(at(dependency), "a dependency needs a non-empty 'ref' attribute");
        return;
      }
      check_known(from, dependency);
      sbom_->dependency_lists.push_back(from);
      each(dependency, "dependency", [&](pugi::xml_node target) {
        std::string to = target.attribute("ref").value();
        check_known(to, target);
        sbom_->dependencies.push_back(Dependency{from, to});
      });
    });
  }

  void check_known(const std::string& ref, pugi::xml_node node) {
    if (!refs_.contains(ref)) {
      // An edge to nothing changes nothing cradle matches: a warning.
      warning(at(node), fmt::format("dependency on unknown bom-ref '{}'", ref));
    }
  }

  std::string_view file_;
  SbomParseResult& result_;
  const ParseLimits& limits_;
  std::string_view bytes_;
  CycloneDxXmlNodes nodes_;
  pugi::xml_document document_;
  Sbom* sbom_ = nullptr;
  int minor_ = 0;
  std::unordered_set<std::string> refs_;
};

}  // namespace

SbomParseResult parse_cyclonedx_xml(std::string_view bytes, std::string_view file,
                                    const ParseLimits& limits) {
  SbomParseResult result;
  CycloneDxXmlParser(file, result, limits).parse(bytes);
  return result;
}

}  // namespace cradle
