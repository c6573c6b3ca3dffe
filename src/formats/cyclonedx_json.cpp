#include "formats/cyclonedx_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_set>

#include "formats/cyclonedx_rules.h"
#include "formats/date_time.h"
#include "formats/json_reader.h"

namespace cradle {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

class CycloneDxJsonParser {
 public:
  CycloneDxJsonParser(std::string_view file, SbomParseResult& result, const ParseLimits& limits)
      : json_(file, result.diagnostics), result_(result), limits_(limits) {}

  void parse(std::string_view bytes) {
    auto root = json_.parse_object(bytes, limits_);
    if (!root) return;

    auto format = json_.string_at(*root, "bomFormat", "");
    if (!format) {
      json_.error("/bomFormat", "missing bomFormat: not a CycloneDX document");
      return;
    }
    if (*format != "CycloneDX") {
      json_.error("/bomFormat", fmt::format("bomFormat is '{}', expected 'CycloneDX'", *format));
      return;
    }
    auto spec_version = json_.string_at(*root, "specVersion", "");
    if (!spec_version) {
      json_.error("/specVersion", "missing specVersion");
      return;
    }
    auto minor = cyclonedx::spec_minor(*spec_version);
    if (!minor || *minor < 2) {
      json_.error("/specVersion",
                  fmt::format("unsupported CycloneDX specVersion '{}'; JSON is defined for 1.2 to "
                              "1.7",
                              *spec_version));
      return;
    }
    minor_ = *minor;
    Sbom& sbom = result_.sbom.emplace();
    sbom_ = &sbom;
    sbom.format = SbomFormat::cyclonedx;
    sbom.spec_version = std::string(*spec_version);
    sbom.encoding = "JSON";

    if (auto serial = json_.string_at(*root, "serialNumber", "")) {
      sbom.serial_number = std::string(*serial);
      check("", "serialNumber", cyclonedx::check_serial_number(*serial));
    }
    simdjson::dom::element bom_version;
    if (!root->at_key("version").get(bom_version)) {
      std::int64_t number = 0;
      if (!bom_version.get_int64().get(number)) sbom.bom_version = std::to_string(number);
    }
    if (auto metadata = json_.object_at(*root, "metadata", "")) read_metadata(*metadata);
    if (auto components = json_.array_at(*root, "components", "")) {
      // One allocation for the top level (nested ones may still grow it): growing by doubling
      // would hold the old and the new array at once, the peak of the whole parse.
      sbom.components.reserve(components->size());
      read_components(*components, "/components", "", 1);
    }
    if (auto services = json_.array_at(*root, "services", "")) read_services(*services, "/services");
    if (auto dependencies = json_.array_at(*root, "dependencies", "")) {
      read_dependencies(*dependencies);
    }
    if (auto citations = json_.array_at(*root, "citations", "")) read_citations(*citations);
  }

 private:
  // Reports `problem` at parent/key; the pointer is built only when there is a problem.
  void check(std::string_view parent, std::string_view key, const std::string& problem) {
    if (!problem.empty()) json_.error(json_pointer(parent, key), problem);
  }

  void read_metadata(object metadata) {
    const std::string base = "/metadata";
    // metadata admits no other members (additionalProperties: false in every schema version).
    static constexpr std::array<std::string_view, 11> kMetadataKeys{
        "timestamp", "lifecycles", "tools",    "manufacturer", "authors", "component",
        "manufacture", "supplier", "licenses", "properties",   "distributionConstraints"};
    for (auto [key, value] : metadata) {
      if (std::ranges::find(kMetadataKeys, key) == kMetadataKeys.end()) {
        json_.error(json_pointer(base, key), fmt::format("'{}' is not a metadata member", key));
      }
    }
    if (auto timestamp = json_.string_at(metadata, "timestamp", base)) {
      sbom_->created = std::string(*timestamp);
      sbom_->evidence.produced_at = sbom_->created;
      if (!is_rfc3339_date_time(*timestamp)) {
        json_.error(base + "/timestamp",
                    fmt::format("'{}' is not an RFC 3339 date-time", *timestamp));
      }
    }
    if (auto authors = json_.array_at(metadata, "authors", base)) {
      std::size_t index = 0;
      for (element author : *authors) {
        std::string pointer = json_pointer(base + "/authors", index++);
        if (auto entry = json_.as_object(author, pointer)) {
          if (auto name = contact_name(*entry, pointer)) sbom_->creators.push_back(*name);
        }
      }
    }
    for (std::string_view key : {"manufacture", "manufacturer", "supplier"}) {
      if (auto entity = json_.object_at(metadata, key, base)) {
        if (auto name = contact_name(*entity, json_pointer(base, key))) {
          sbom_->creators.push_back(*name);
        }
      }
    }
    read_tools(metadata, base);
    if (auto licenses = json_.array_at(metadata, "licenses", base)) {
      std::vector<std::string> ignored_declared, ignored_concluded;
      read_licenses(*licenses, base + "/licenses", ignored_declared, ignored_concluded);
    }
    read_properties(metadata, base, nullptr);
    if (auto component = json_.object_at(metadata, "component", base)) {
      Component primary = read_component(*component, base + "/component", "");
      sbom_->described_refs.push_back(primary.ref);
      if (auto nested = json_.array_at(*component, "components", base + "/component")) {
        read_components(*nested, base + "/component/components", primary.ref, 2);
      }
      sbom_->primary_component = std::move(primary);
    }
  }

  // Tools: an array of {vendor, name, version} (up to 1.4, deprecated since) or an object with
  // `components` and `services` (1.5 and later).
  void read_tools(object metadata, const std::string& base) {
    element tools;
    if (metadata.at_key("tools").get(tools)) return;
    const std::string pointer = base + "/tools";
    auto add_tools = [&](array list, const std::string& list_pointer) {
      std::size_t index = 0;
      for (element tool : list) {
        auto entry = json_.as_object(tool, json_pointer(list_pointer, index++));
        if (!entry) continue;
        std::string text;
        for (std::string_view key : {"vendor", "group", "name", "version"}) {
          if (auto value = json_.string_at(*entry, key, list_pointer)) {
            if (!text.empty()) text.push_back(' ');
            text += *value;
          }
        }
        if (!text.empty()) sbom_->tools.push_back(std::move(text));
      }
    };
    array list;
    object grouped;
    if (!tools.get_array().get(list)) {
      add_tools(list, pointer);
    } else if (!tools.get_object().get(grouped)) {
      for (std::string_view key : {"components", "services"}) {
        if (auto entries = json_.array_at(grouped, key, pointer)) {
          add_tools(*entries, json_pointer(pointer, key));
        }
      }
    } else {
      json_.error(pointer, fmt::format("expected an array or an object, found {}",
                                       json_type_name(tools.type())));
    }
  }

  std::optional<std::string> contact_name(object entity, const std::string& pointer) {
    std::string text;
    if (auto name = json_.string_at(entity, "name", pointer)) text = std::string(*name);
    if (auto email = json_.string_at(entity, "email", pointer)) {
      text += text.empty() ? std::string(*email) : fmt::format(" <{}>", *email);
    }
    if (text.empty()) return std::nullopt;
    return text;
  }

  void read_components(array components, const std::string& pointer,
                       const std::string& parent_ref, std::size_t depth) {
    if (depth > limits_.max_depth) {
      json_.error(pointer, fmt::format("components nest deeper than the limit of {} levels",
                                       limits_.max_depth));
      return;
    }
    std::size_t index = 0;
    for (element item : components) {
      std::string item_pointer = json_pointer(pointer, index++);
      auto entry = json_.as_object(item, item_pointer);
      if (!entry) continue;
      Component component = read_component(*entry, item_pointer, parent_ref);
      std::string ref = component.ref;
      sbom_->components.push_back(std::move(component));
      if (auto nested = json_.array_at(*entry, "components", item_pointer)) {
        read_components(*nested, item_pointer + "/components", ref, depth + 1);
      }
    }
  }

  Component read_component(object entry, const std::string& pointer,
                           const std::string& parent_ref) {
    Component component;
    component.location.json_pointer = pointer;
    component.parent_ref = parent_ref;

    if (auto type = json_.string_at(entry, "type", pointer)) {
      component.type = std::string(*type);
      check(pointer, "type", cyclonedx::check_component_type(*type, minor_));
    } else if (!JsonReader::has(entry, "type")) {
      json_.error(pointer, "a component needs a 'type'");
    }
    if (auto name = json_.string_at(entry, "name", pointer)) {
      component.name = std::string(*name);
    } else if (!JsonReader::has(entry, "name")) {
      json_.error(pointer, "a component needs a 'name'");
    }
    if (auto ref = json_.string_at(entry, "bom-ref", pointer)) {
      component.ref = std::string(*ref);
      register_ref(*ref, pointer + "/bom-ref");
    }
    if (auto group = json_.string_at(entry, "group", pointer)) component.group = std::string(*group);
    if (auto version = json_.string_at(entry, "version", pointer)) {
      component.version = std::string(*version);
    }
    if (auto range = json_.string_at(entry, "versionRange", pointer)) {
      if (!component.version.empty()) {
        json_.error(pointer, "a component has either 'version' or 'versionRange', not both");
      }
      element external;
      bool is_external = false;
      if (!entry.at_key("isExternal").get(external) && external.get_bool().get(is_external)) {
        json_.error(pointer + "/isExternal", "expected a boolean");
      }
      if (!is_external) {
        json_.error(pointer + "/versionRange",
                    "'versionRange' is only allowed on a component with 'isExternal': true");
      }
    }
    if (auto scope = json_.string_at(entry, "scope", pointer)) {
      component.scope = std::string(*scope);
      check(pointer, "scope", cyclonedx::check_scope(*scope));
    }
    if (auto author = json_.string_at(entry, "author", pointer)) {
      component.author = std::string(*author);
    } else if (auto authors = json_.array_at(entry, "authors", pointer)) {
      std::size_t index = 0;
      for (element item : *authors) {
        std::string author_pointer = json_pointer(pointer + "/authors", index++);
        auto contact = json_.as_object(item, author_pointer);
        if (!contact) continue;
        if (auto name = contact_name(*contact, author_pointer)) {
          if (!component.author.empty()) component.author += ", ";
          component.author += *name;
        }
      }
    }
    for (std::string_view key : {"supplier", "manufacturer"}) {
      if (!component.supplier.empty()) break;
      if (auto supplier = json_.object_at(entry, key, pointer)) {
        if (auto name = contact_name(*supplier, json_pointer(pointer, key))) {
          component.supplier = *name;
        }
      }
    }
    if (component.supplier.empty()) {
      if (auto publisher = json_.string_at(entry, "publisher", pointer)) {
        component.supplier = std::string(*publisher);
      }
    }
    if (auto purl = json_.string_at(entry, "purl", pointer)) {
      component.purl_text = std::string(*purl);
      if (auto parsed = parse_purl(*purl)) {
        component.purl = std::move(*parsed);
      } else {
        json_.warning(pointer + "/purl",
                      fmt::format("invalid purl '{}': {} (column {})", *purl,
                                  parsed.error().message, parsed.error().location.column));
      }
    }
    if (auto cpe = json_.string_at(entry, "cpe", pointer)) component.cpes.emplace_back(*cpe);
    if (auto hashes = json_.array_at(entry, "hashes", pointer)) {
      read_hashes(*hashes, pointer + "/hashes", component.hashes);
    }
    if (auto licenses = json_.array_at(entry, "licenses", pointer)) {
      read_licenses(*licenses, pointer + "/licenses", component.declared_licenses,
                    component.concluded_licenses);
    }
    if (auto references = json_.array_at(entry, "externalReferences", pointer)) {
      read_external_references(*references, pointer + "/externalReferences",
                               component.external_references);
    }
    read_properties(entry, pointer, &component.properties);
    if (auto swid = json_.object_at(entry, "swid", pointer)) {
      for (std::string_view key : {"tagId", "name"}) {
        if (!json_.string_at(*swid, key, pointer + "/swid")) {
          json_.error(pointer + "/swid", fmt::format("a swid needs '{}'", key));
        }
      }
    }
    if (auto pedigree = json_.object_at(entry, "pedigree", pointer)) {
      read_pedigree(*pedigree, pointer + "/pedigree");
    }
    return component;
  }

  void register_ref(std::string_view ref, const std::string& pointer) {
    if (ref.empty()) {
      json_.error(pointer, "bom-ref must not be empty");
    } else if (!refs_.emplace(ref).second) {
      json_.error(pointer, fmt::format("duplicate bom-ref '{}'", ref));
    }
  }

  void check_ref_known(std::string_view ref, const std::string& pointer) {
    if (!refs_.contains(std::string(ref))) {
      json_.error(pointer, fmt::format("dependency on unknown bom-ref '{}'", ref));
    }
  }

  void read_hashes(array hashes, const std::string& pointer, std::vector<Hash>& out) {
    std::size_t index = 0;
    for (element item : hashes) {
      std::string item_pointer = json_pointer(pointer, index++);
      auto entry = json_.as_object(item, item_pointer);
      if (!entry) continue;
      auto algorithm = json_.string_at(*entry, "alg", item_pointer);
      auto content = json_.string_at(*entry, "content", item_pointer);
      if (!algorithm || !content) {
        json_.error(item_pointer, "a hash needs 'alg' and 'content'");
        continue;
      }
      check(item_pointer, "alg", cyclonedx::check_hash_algorithm(*algorithm, minor_));
      check(item_pointer, "content", cyclonedx::check_hash_content(*content));
      out.push_back(Hash{std::string(*algorithm), std::string(*content)});
    }
  }

  // A licence choice: {license: {id | name, ...}} and {expression} entries. CycloneDX 1.6 marks each as declared or concluded (`acknowledgement`);
  // unmarked ones count as declared.
  void read_licenses(array licenses, const std::string& pointer, std::vector<std::string>& declared,
                     std::vector<std::string>& concluded) {
    std::size_t count = 0;
    bool has_expression = false;
    std::size_t index = 0;
    for (element item : licenses) {
      ++count;
      std::string item_pointer = json_pointer(pointer, index++);
      auto entry = json_.as_object(item, item_pointer);
      if (!entry) continue;
      auto acknowledgement = json_.string_at(*entry, "acknowledgement", item_pointer);
      auto expression = json_.string_at(*entry, "expression", item_pointer);
      auto license = json_.object_at(*entry, "license", item_pointer);
      if (expression && license) {
        json_.error(item_pointer, "a licence choice has 'license' or 'expression', not both");
        continue;
      }
      std::string text;
      if (expression) {
        has_expression = true;
        text = std::string(*expression);
      } else if (license) {
        std::string license_pointer = item_pointer + "/license";
        acknowledgement = acknowledgement ? acknowledgement
                                          : json_.string_at(*license, "acknowledgement",
                                                            license_pointer);
        auto id = json_.string_at(*license, "id", license_pointer);
        auto name = json_.string_at(*license, "name", license_pointer);
        if (id && name) {
          json_.error(license_pointer, "a licence has 'id' or 'name', not both");
        } else if (id) {
          check(license_pointer, "id", cyclonedx::check_license_id(*id));
          text = std::string(*id);
        } else if (name) {
          text = std::string(*name);
        } else {
          json_.error(license_pointer, "a licence needs 'id' or 'name'");
        }
        if (auto body = json_.object_at(*license, "text", license_pointer)) {
          if (auto encoding = json_.string_at(*body, "encoding", license_pointer + "/text")) {
            check(license_pointer + "/text", "encoding",
                  cyclonedx::check_license_encoding(*encoding));
          }
        }
        read_properties(*license, license_pointer, nullptr);
      } else {
        json_.error(item_pointer, "a licence choice needs 'license' or 'expression'");
        continue;
      }
      if (text.empty()) continue;
      if (acknowledgement && *acknowledgement == "concluded") {
        concluded.push_back(std::move(text));
      } else {
        declared.push_back(std::move(text));
      }
    }
    // 1.5 and 1.6 allow one expression alone or a list of licences; 1.4 and 1.7 allow a mix.
    if (has_expression && count > 1 && (minor_ == 5 || minor_ == 6)) {
      json_.error(pointer, "a licence 'expression' must be the only entry of its list");
    }
  }

  void read_external_references(array references, const std::string& pointer,
                                std::vector<ExternalReference>& out) {
    std::size_t index = 0;
    for (element item : references) {
      std::string item_pointer = json_pointer(pointer, index++);
      auto entry = json_.as_object(item, item_pointer);
      if (!entry) continue;
      auto type = json_.string_at(*entry, "type", item_pointer);
      auto url = json_.string_at(*entry, "url", item_pointer);
      if (!type || !url) {
        json_.error(item_pointer, "an external reference needs 'type' and 'url'");
        continue;
      }
      out.push_back(ExternalReference{std::string(*type), std::string(*url)});
    }
  }

  void read_properties(object owner, const std::string& pointer, std::vector<Property>* out) {
    auto properties = json_.array_at(owner, "properties", pointer);
    if (!properties) return;
    std::size_t index = 0;
    for (element item : *properties) {
      std::string item_pointer = json_pointer(pointer + "/properties", index++);
      auto entry = json_.as_object(item, item_pointer);
      if (!entry) continue;
      auto name = json_.string_at(*entry, "name", item_pointer);
      if (!name) {
        json_.error(item_pointer, "a property needs a 'name'");
        continue;
      }
      auto value = json_.string_at(*entry, "value", item_pointer);
      if (out != nullptr) out->push_back(Property{std::string(*name), std::string(value.value_or(""))});
    }
  }

  void read_pedigree(object pedigree, const std::string& pointer) {
    for (std::string_view key : {"ancestors", "descendants", "variants"}) {
      if (auto related = json_.array_at(pedigree, key, pointer)) {
        std::size_t index = 0;
        for (element item : *related) {
          std::string item_pointer = json_pointer(json_pointer(pointer, key), index++);
          // Pedigree components describe other components; validated, not inventoried.
          if (auto entry = json_.as_object(item, item_pointer)) {
            (void)read_component(*entry, item_pointer, "");
          }
        }
      }
    }
    auto patches = json_.array_at(pedigree, "patches", pointer);
    if (!patches) return;
    std::size_t index = 0;
    for (element item : *patches) {
      std::string item_pointer = json_pointer(pointer + "/patches", index++);
      auto patch = json_.as_object(item, item_pointer);
      if (!patch) continue;
      if (auto type = json_.string_at(*patch, "type", item_pointer)) {
        check(item_pointer, "type", cyclonedx::check_patch_type(*type));
      } else {
        json_.error(item_pointer, "a patch needs a 'type'");
      }
      if (auto resolves = json_.array_at(*patch, "resolves", item_pointer)) {
        std::size_t issue_index = 0;
        for (element issue_item : *resolves) {
          std::string issue_pointer = json_pointer(item_pointer + "/resolves", issue_index++);
          auto issue = json_.as_object(issue_item, issue_pointer);
          if (!issue) continue;
          if (auto type = json_.string_at(*issue, "type", issue_pointer)) {
            check(issue_pointer, "type", cyclonedx::check_issue_type(*type));
          } else {
            json_.error(issue_pointer, "an issue needs a 'type'");
          }
        }
      }
    }
  }

  // Services are not inventory components; their constraints are still checked.
  void read_services(array services, const std::string& pointer) {
    std::size_t index = 0;
    for (element item : services) {
      std::string item_pointer = json_pointer(pointer, index++);
      auto service = json_.as_object(item, item_pointer);
      if (!service) continue;
      if (auto ref = json_.string_at(*service, "bom-ref", item_pointer)) {
        register_ref(*ref, item_pointer + "/bom-ref");
      }
      if (!json_.string_at(*service, "name", item_pointer)) {
        json_.error(item_pointer, "a service needs a 'name'");
      }
      read_properties(*service, item_pointer, nullptr);
      if (auto data = json_.array_at(*service, "data", item_pointer)) {
        std::size_t data_index = 0;
        for (element flow_item : *data) {
          std::string flow_pointer = json_pointer(item_pointer + "/data", data_index++);
          auto flow = json_.as_object(flow_item, flow_pointer);
          if (!flow) continue;
          if (auto direction = json_.string_at(*flow, "flow", flow_pointer)) {
            check(flow_pointer, "flow", cyclonedx::check_data_flow(*direction));
          }
        }
      }
      if (auto nested = json_.array_at(*service, "services", item_pointer)) {
        read_services(*nested, item_pointer + "/services");
      }
    }
  }

  // A citation (1.7) says who supplied which fields: it names an entity or a process, and
  // exactly one of `pointers` and `expressions`.
  void read_citations(array citations) {
    std::size_t index = 0;
    for (element item : citations) {
      std::string pointer = json_pointer("/citations", index++);
      auto citation = json_.as_object(item, pointer);
      if (!citation) continue;
      element ignored;
      bool attributed = !citation->at_key("attributedTo").get(ignored);
      bool process = !citation->at_key("process").get(ignored);
      bool pointers = !citation->at_key("pointers").get(ignored);
      bool expressions = !citation->at_key("expressions").get(ignored);
      if (!attributed && !process) {
        json_.error(pointer, "a citation needs 'attributedTo' or 'process'");
      }
      if (pointers == expressions) {
        json_.error(pointer, "a citation needs exactly one of 'pointers' and 'expressions'");
      }
    }
  }

  void read_dependencies(array dependencies) {
    std::size_t index = 0;
    for (element item : dependencies) {
      std::string item_pointer = json_pointer("/dependencies", index++);
      auto entry = json_.as_object(item, item_pointer);
      if (!entry) continue;
      auto ref = json_.string_at(*entry, "ref", item_pointer);
      if (!ref || ref->empty()) {
        json_.error(item_pointer, "a dependency needs a non-empty 'ref'");
        continue;
      }
      check_ref_known(*ref, item_pointer + "/ref");
      for (std::string_view key : {"dependsOn", "provides"}) {
        auto targets = json_.array_at(*entry, key, item_pointer);
        if (!targets) continue;
        std::size_t target_index = 0;
        for (element target : *targets) {
          std::string target_pointer = json_pointer(json_pointer(item_pointer, key), target_index++);
          auto to = json_.as_string(target, target_pointer);
          if (!to) continue;
          check_ref_known(*to, target_pointer);
          // A cryptographic "provides" link is not a dependency edge.
          if (key == "dependsOn") {
            sbom_->dependencies.push_back(Dependency{std::string(*ref), std::string(*to)});
          }
        }
      }
    }
  }

  JsonReader json_;
  SbomParseResult& result_;
  const ParseLimits& limits_;
  Sbom* sbom_ = nullptr;
  int minor_ = 0;
  std::unordered_set<std::string> refs_;
};

}  // namespace

SbomParseResult parse_cyclonedx_json(std::string_view bytes, std::string_view file,
                                     const ParseLimits& limits) {
  SbomParseResult result;
  CycloneDxJsonParser(file, result, limits).parse(bytes);
  return result;
}

}  // namespace cradle
