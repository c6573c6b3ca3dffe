#include "formats/cyclonedx_json.h"

#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

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
      refs_.reserve(components->size() + 1);
      read_components(*components, "/components", "", 1);
    }
    if (auto services = json_.array_at(*root, "services", "")) {
      read_services(*services, "/services");
    }
    if (auto dependencies = json_.array_at(*root, "dependencies", "")) {
      read_dependencies(*dependencies);
    }
    if (auto citations = json_.array_at(*root, "citations", "")) read_citations(*citations);
  }

 private:
  // Reports `problem` at parent/key; the pointer is rendered only when there is a problem.
  void check(const JsonPath& parent, std::string_view key, const std::string& problem) {
    if (!problem.empty()) json_.error(JsonPath(parent, key), problem);
  }

  void read_metadata(object metadata) {
    const JsonPath base("/metadata");
    // metadata admits no other members (additionalProperties: false in every schema version).
    static constexpr std::array<std::string_view, 11> kMetadataKeys{
        "timestamp", "lifecycles", "tools",    "manufacturer", "authors", "component",
        "manufacture", "supplier", "licenses", "properties",   "distributionConstraints"};
    for (auto [key, value] : metadata) {
      if (std::ranges::find(kMetadataKeys, key) == kMetadataKeys.end()) {
        json_.error(JsonPath(base, key), fmt::format("'{}' is not a metadata member", key));
      }
    }
    if (auto timestamp = json_.string_at(metadata, "timestamp", base)) {
      sbom_->created = std::string(*timestamp);
      sbom_->evidence.produced_at = sbom_->created;
      if (!is_rfc3339_date_time(*timestamp)) {
        json_.error(JsonPath(base, "timestamp"),
                    fmt::format("'{}' is not an RFC 3339 date-time", *timestamp));
      }
    }
    if (auto authors = json_.array_at(metadata, "authors", base)) {
      const JsonPath authors_path(base, "authors");
      std::size_t index = 0;
      for (element author : *authors) {
        const JsonPath path(authors_path, index++);
        if (auto entry = json_.as_object(author, path)) {
          if (auto name = contact_name(*entry, path)) sbom_->creators.push_back(*name);
        }
      }
    }
    for (std::string_view key : {"manufacture", "manufacturer", "supplier"}) {
      if (auto entity = json_.object_at(metadata, key, base)) {
        if (auto name = contact_name(*entity, JsonPath(base, key))) {
          sbom_->creators.push_back(*name);
        }
      }
    }
    read_tools(metadata, base);
    if (auto licenses = json_.array_at(metadata, "licenses", base)) {
      std::vector<std::string> ignored_declared, ignored_concluded;
      read_licenses(*licenses, JsonPath(base, "licenses"), ignored_declared, ignored_concluded);
    }
    read_properties(metadata, base, nullptr);
    if (auto component = json_.object_at(metadata, "component", base)) {
      const JsonPath path(base, "component");
      Component primary;
      auto nested = read_component(*component, path, "", primary);
      sbom_->described_refs.push_back(primary.ref);
      if (nested) read_components(*nested, JsonPath(path, "components"), primary.ref, 2);
      sbom_->primary_component = std::move(primary);
    }
  }

  // Tools: an array of {vendor, name, version} (up to 1.4, deprecated since) or an object with
  // `components` and `services` (1.5 and later).
  void read_tools(object metadata, const JsonPath& base) {
    element tools;
    if (metadata.at_key("tools").get(tools)) return;
    const JsonPath pointer(base, "tools");
    auto add_tools = [&](array list, const JsonPath& list_pointer) {
      std::size_t index = 0;
      for (element tool : list) {
        auto entry = json_.as_object(tool, JsonPath(list_pointer, index++));
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
          add_tools(*entries, JsonPath(pointer, key));
        }
      }
    } else {
      json_.error(pointer, fmt::format("expected an array or an object, found {}",
                                       json_type_name(tools.type())));
    }
  }

  std::optional<std::string> contact_name(object entity, const JsonPath& pointer) {
    std::string text;
    if (auto name = json_.string_at(entity, "name", pointer)) text = std::string(*name);
    if (auto email = json_.string_at(entity, "email", pointer)) {
      text += text.empty() ? std::string(*email) : fmt::format(" <{}>", *email);
    }
    if (text.empty()) return std::nullopt;
    return text;
  }

  void read_components(array components, const JsonPath& at, std::string_view parent_ref,
                       std::size_t depth) {
    if (depth > limits_.max_depth) {
      json_.error(at, fmt::format("components nest deeper than the limit of {} levels",
                                  limits_.max_depth));
      return;
    }
    std::size_t index = 0;
    for (element item : components) {
      const JsonPath path(at, index++);
      auto entry = json_.as_object(item, path);
      if (!entry) continue;
      // Read in place: a Component is large, and moving one costs as much as reading it.
      std::size_t position = sbom_->components.size();
      auto nested = read_component(*entry, path, parent_ref, sbom_->components.emplace_back());
      if (nested) {
        const std::string ref = sbom_->components[position].ref;
        read_components(*nested, JsonPath(path, "components"), ref, depth + 1);
      }
    }
  }

  // The members of a component this parser reads, in one pass over the object.
  enum ComponentKey : std::size_t {
    kType, kName, kBomRef, kGroup, kVersion, kVersionRange, kIsExternal, kScope, kAuthor,
    kAuthors, kSupplier, kManufacturer, kPublisher, kPurl, kCpe, kHashes, kLicenses,
    kExternalReferences, kProperties, kSwid, kPedigree, kComponents, kComponentKeyCount
  };
  static constexpr std::array<std::string_view, kComponentKeyCount> kComponentKeys{
      "type",     "name",      "bom-ref", "group",    "version",  "versionRange",
      "isExternal", "scope",   "author",  "authors",  "supplier", "manufacturer",
      "publisher", "purl",     "cpe",     "hashes",   "licenses", "externalReferences",
      "properties", "swid",    "pedigree", "components"};

  // Reads `entry` into `component`; returns its nested `components` array, if any.
  std::optional<array> read_component(object entry, const JsonPath& at,
                                      std::string_view parent_ref, Component& component) {
    const Members<kComponentKeyCount> members(entry, kComponentKeys);
    auto string = [&](ComponentKey key) {
      return json_.as_string(members.get(key), JsonPath(at, kComponentKeys[key]));
    };
    component.location.json_pointer = at.pointer();
    component.parent_ref = parent_ref;

    if (auto type = string(kType)) {
      component.type = std::string(*type);
      check(at, "type", cyclonedx::check_component_type(*type, minor_));
    } else if (!members.has(kType)) {
      json_.error(at, "a component needs a 'type'");
    }
    if (auto name = string(kName)) {
      component.name = std::string(*name);
    } else if (!members.has(kName)) {
      json_.error(at, "a component needs a 'name'");
    }
    if (auto ref = string(kBomRef)) {
      component.ref = std::string(*ref);
      register_ref(*ref, JsonPath(at, "bom-ref"));
    }
    if (auto group = string(kGroup)) component.group = std::string(*group);
    if (auto version = string(kVersion)) component.version = std::string(*version);
    if (auto range = string(kVersionRange)) {
      if (!component.version.empty()) {
        json_.error(at, "a component has either 'version' or 'versionRange', not both");
      }
      bool is_external = false;
      if (const element* external = members.get(kIsExternal);
          external != nullptr && external->get_bool().get(is_external)) {
        json_.error(JsonPath(at, "isExternal"), "expected a boolean");
      }
      if (!is_external) {
        json_.error(JsonPath(at, "versionRange"),
                    "'versionRange' is only allowed on a component with 'isExternal': true");
      }
    }
    if (auto scope = string(kScope)) {
      component.scope = std::string(*scope);
      check(at, "scope", cyclonedx::check_scope(*scope));
    }
    if (auto author = string(kAuthor)) {
      component.author = std::string(*author);
    } else if (auto authors = json_.as_array(members.get(kAuthors), JsonPath(at, "authors"))) {
      const JsonPath authors_path(at, "authors");
      std::size_t index = 0;
      for (element item : *authors) {
        const JsonPath path(authors_path, index++);
        auto contact = json_.as_object(item, path);
        if (!contact) continue;
        if (auto name = contact_name(*contact, path)) {
          if (!component.author.empty()) component.author += ", ";
          component.author += *name;
        }
      }
    }
    for (ComponentKey key : {kSupplier, kManufacturer}) {
      if (!component.supplier.empty()) break;
      const JsonPath path(at, kComponentKeys[key]);
      if (auto supplier = json_.as_object(members.get(key), path)) {
        if (auto name = contact_name(*supplier, path)) component.supplier = *name;
      }
    }
    if (component.supplier.empty()) {
      if (auto publisher = string(kPublisher)) component.supplier = std::string(*publisher);
    }
    if (auto purl = string(kPurl)) {
      component.purl_text = std::string(*purl);
      if (auto parsed = parse_purl(*purl)) {
        component.purl = std::move(*parsed);
      } else {
        json_.warning(JsonPath(at, "purl"),
                      fmt::format("invalid purl '{}': {} (column {})", *purl,
                                  parsed.error().message, parsed.error().location.column));
      }
    }
    if (auto cpe = string(kCpe)) component.cpes.emplace_back(*cpe);
    if (auto hashes = json_.as_array(members.get(kHashes), JsonPath(at, "hashes"))) {
      read_hashes(*hashes, JsonPath(at, "hashes"), component.hashes);
    }
    if (auto licenses = json_.as_array(members.get(kLicenses), JsonPath(at, "licenses"))) {
      read_licenses(*licenses, JsonPath(at, "licenses"), component.declared_licenses,
                    component.concluded_licenses);
    }
    if (auto references = json_.as_array(members.get(kExternalReferences),
                                          JsonPath(at, "externalReferences"))) {
      read_external_references(*references, JsonPath(at, "externalReferences"),
                               component.external_references);
    }
    if (auto properties = json_.as_array(members.get(kProperties), JsonPath(at, "properties"))) {
      read_properties(*properties, JsonPath(at, "properties"), &component.properties);
    }
    if (auto swid = json_.as_object(members.get(kSwid), JsonPath(at, "swid"))) {
      const JsonPath swid_path(at, "swid");
      for (std::string_view key : {"tagId", "name"}) {
        if (!json_.string_at(*swid, key, swid_path)) {
          json_.error(swid_path, fmt::format("a swid needs '{}'", key));
        }
      }
    }
    if (auto pedigree = json_.as_object(members.get(kPedigree), JsonPath(at, "pedigree"))) {
      read_pedigree(*pedigree, JsonPath(at, "pedigree"));
    }
    return json_.as_array(members.get(kComponents), JsonPath(at, "components"));
  }

  void register_ref(std::string_view ref, const JsonPath& at) {
    if (ref.empty()) {
      json_.error(at, "bom-ref must not be empty");
    } else if (!refs_.emplace(ref).second) {
      json_.error(at, fmt::format("duplicate bom-ref '{}'", ref));
    }
  }

  void check_ref_known(std::string_view ref, const JsonPath& at) {
    if (!refs_.contains(ref)) {
      json_.error(at, fmt::format("dependency on unknown bom-ref '{}'", ref));
    }
  }

  void read_hashes(array hashes, const JsonPath& at, std::vector<Hash>& out) {
    std::size_t index = 0;
    for (element item : hashes) {
      const JsonPath path(at, index++);
      auto entry = json_.as_object(item, path);
      if (!entry) continue;
      static constexpr std::array<std::string_view, 2> kKeys{"alg", "content"};
      const Members<2> members(*entry, kKeys);
      auto algorithm = json_.as_string(members.get(0), JsonPath(path, kKeys[0]));
      auto content = json_.as_string(members.get(1), JsonPath(path, kKeys[1]));
      if (!algorithm || !content) {
        json_.error(path, "a hash needs 'alg' and 'content'");
        continue;
      }
      check(path, "alg", cyclonedx::check_hash_algorithm(*algorithm, minor_));
      check(path, "content", cyclonedx::check_hash_content(*content));
      out.push_back(Hash{std::string(*algorithm), std::string(*content)});
    }
  }

  // A licence choice: {license: {id | name, ...}} and {expression} entries. CycloneDX 1.6 marks
  // each as declared or concluded (`acknowledgement`); unmarked ones count as declared.
  void read_licenses(array licenses, const JsonPath& at, std::vector<std::string>& declared,
                     std::vector<std::string>& concluded) {
    std::size_t count = 0;
    bool has_expression = false;
    std::size_t index = 0;
    for (element item : licenses) {
      ++count;
      const JsonPath path(at, index++);
      auto entry = json_.as_object(item, path);
      if (!entry) continue;
      static constexpr std::array<std::string_view, 3> kChoiceKeys{"acknowledgement",
                                                                   "expression", "license"};
      const Members<3> choice(*entry, kChoiceKeys);
      auto acknowledgement = json_.as_string(choice.get(0), JsonPath(path, kChoiceKeys[0]));
      auto expression = json_.as_string(choice.get(1), JsonPath(path, kChoiceKeys[1]));
      auto license = json_.as_object(choice.get(2), JsonPath(path, kChoiceKeys[2]));
      if (expression && license) {
        json_.error(path, "a licence choice has 'license' or 'expression', not both");
        continue;
      }
      std::string text;
      if (expression) {
        has_expression = true;
        text = std::string(*expression);
      } else if (license) {
        const JsonPath license_path(path, "license");
        static constexpr std::array<std::string_view, 5> kLicenseKeys{
            "acknowledgement", "id", "name", "text", "properties"};
        const Members<5> members(*license, kLicenseKeys);
        auto own_acknowledgement =
            json_.as_string(members.get(0), JsonPath(license_path, kLicenseKeys[0]));
        if (!acknowledgement) acknowledgement = own_acknowledgement;
        auto id = json_.as_string(members.get(1), JsonPath(license_path, kLicenseKeys[1]));
        auto name = json_.as_string(members.get(2), JsonPath(license_path, kLicenseKeys[2]));
        if (id && name) {
          json_.error(license_path, "a licence has 'id' or 'name', not both");
        } else if (id) {
          check(license_path, "id", cyclonedx::check_license_id(*id));
          text = std::string(*id);
        } else if (name) {
          text = std::string(*name);
        } else {
          json_.error(license_path, "a licence needs 'id' or 'name'");
        }
        const JsonPath text_path(license_path, kLicenseKeys[3]);
        if (auto body = json_.as_object(members.get(3), text_path)) {
          if (auto encoding = json_.string_at(*body, "encoding", text_path)) {
            check(text_path, "encoding", cyclonedx::check_license_encoding(*encoding));
          }
        }
        const JsonPath properties_path(license_path, kLicenseKeys[4]);
        if (auto properties = json_.as_array(members.get(4), properties_path)) {
          read_properties(*properties, properties_path, nullptr);
        }
      } else {
        json_.error(path, "a licence choice needs 'license' or 'expression'");
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
      json_.error(at, "a licence 'expression' must be the only entry of its list");
    }
  }

  void read_external_references(array references, const JsonPath& at,
                                std::vector<ExternalReference>& out) {
    std::size_t index = 0;
    for (element item : references) {
      const JsonPath path(at, index++);
      auto entry = json_.as_object(item, path);
      if (!entry) continue;
      auto type = json_.string_at(*entry, "type", path);
      auto url = json_.string_at(*entry, "url", path);
      if (!type || !url) {
        json_.error(path, "an external reference needs 'type' and 'url'");
        continue;
      }
      out.push_back(ExternalReference{std::string(*type), std::string(*url)});
    }
  }

  // The `properties` member of `owner`, checked, and kept in `out` unless it is null.
  void read_properties(object owner, const JsonPath& owner_path, std::vector<Property>* out) {
    if (auto properties = json_.array_at(owner, "properties", owner_path)) {
      read_properties(*properties, JsonPath(owner_path, "properties"), out);
    }
  }

  void read_properties(array properties, const JsonPath& at, std::vector<Property>* out) {
    std::size_t index = 0;
    for (element item : properties) {
      const JsonPath path(at, index++);
      auto entry = json_.as_object(item, path);
      if (!entry) continue;
      auto name = json_.string_at(*entry, "name", path);
      if (!name) {
        json_.error(path, "a property needs a 'name'");
        continue;
      }
      auto value = json_.string_at(*entry, "value", path);
      if (out != nullptr) {
        out->push_back(Property{std::string(*name), std::string(value.value_or(""))});
      }
    }
  }

  void read_pedigree(object pedigree, const JsonPath& at) {
    for (std::string_view key : {"ancestors", "descendants", "variants"}) {
      if (auto related = json_.array_at(pedigree, key, at)) {
        const JsonPath related_path(at, key);
        std::size_t index = 0;
        for (element item : *related) {
          const JsonPath path(related_path, index++);
          // Pedigree components describe other components; validated, not inventoried.
          if (auto entry = json_.as_object(item, path)) {
            Component ignored;
            (void)read_component(*entry, path, "", ignored);
          }
        }
      }
    }
    auto patches = json_.array_at(pedigree, "patches", at);
    if (!patches) return;
    const JsonPath patches_path(at, "patches");
    std::size_t index = 0;
    for (element item : *patches) {
      const JsonPath path(patches_path, index++);
      auto patch = json_.as_object(item, path);
      if (!patch) continue;
      if (auto type = json_.string_at(*patch, "type", path)) {
        check(path, "type", cyclonedx::check_patch_type(*type));
      } else {
        json_.error(path, "a patch needs a 'type'");
      }
      if (auto resolves = json_.array_at(*patch, "resolves", path)) {
        const JsonPath resolves_path(path, "resolves");
        std::size_t issue_index = 0;
        for (element issue_item : *resolves) {
          const JsonPath issue_path(resolves_path, issue_index++);
          auto issue = json_.as_object(issue_item, issue_path);
          if (!issue) continue;
          if (auto type = json_.string_at(*issue, "type", issue_path)) {
            check(issue_path, "type", cyclonedx::check_issue_type(*type));
          } else {
            json_.error(issue_path, "an issue needs a 'type'");
          }
        }
      }
    }
  }

  // Services are not inventory components; their constraints are still checked.
  void read_services(array services, const JsonPath& at) {
    std::size_t index = 0;
    for (element item : services) {
      const JsonPath path(at, index++);
      auto service = json_.as_object(item, path);
      if (!service) continue;
      if (auto ref = json_.string_at(*service, "bom-ref", path)) {
        register_ref(*ref, JsonPath(path, "bom-ref"));
      }
      if (!json_.string_at(*service, "name", path)) {
        json_.error(path, "a service needs a 'name'");
      }
      read_properties(*service, path, nullptr);
      if (auto data = json_.array_at(*service, "data", path)) {
        const JsonPath data_path(path, "data");
        std::size_t data_index = 0;
        for (element flow_item : *data) {
          const JsonPath flow_path(data_path, data_index++);
          auto flow = json_.as_object(flow_item, flow_path);
          if (!flow) continue;
          if (auto direction = json_.string_at(*flow, "flow", flow_path)) {
            check(flow_path, "flow", cyclonedx::check_data_flow(*direction));
          }
        }
      }
      if (auto nested = json_.array_at(*service, "services", path)) {
        read_services(*nested, JsonPath(path, "services"));
      }
    }
  }

  // A citation (1.7) says who supplied which fields: it names an entity or a process, and
  // exactly one of `pointers` and `expressions`.
  void read_citations(array citations) {
    const JsonPath at("/citations");
    std::size_t index = 0;
    for (element item : citations) {
      const JsonPath path(at, index++);
      auto citation = json_.as_object(item, path);
      if (!citation) continue;
      element ignored;
      bool attributed = !citation->at_key("attributedTo").get(ignored);
      bool process = !citation->at_key("process").get(ignored);
      bool pointers = !citation->at_key("pointers").get(ignored);
      bool expressions = !citation->at_key("expressions").get(ignored);
      if (!attributed && !process) {
        json_.error(path, "a citation needs 'attributedTo' or 'process'");
      }
      if (pointers == expressions) {
        json_.error(path, "a citation needs exactly one of 'pointers' and 'expressions'");
      }
    }
  }

  void read_dependencies(array dependencies) {
    const JsonPath at("/dependencies");
    sbom_->dependencies.reserve(sbom_->dependencies.size() + dependencies.size());
    std::size_t index = 0;
    for (element item : dependencies) {
      const JsonPath path(at, index++);
      auto entry = json_.as_object(item, path);
      if (!entry) continue;
      auto ref = json_.string_at(*entry, "ref", path);
      if (!ref || ref->empty()) {
        json_.error(path, "a dependency needs a non-empty 'ref'");
        continue;
      }
      check_ref_known(*ref, JsonPath(path, "ref"));
      for (std::string_view key : {"dependsOn", "provides"}) {
        auto targets = json_.array_at(*entry, key, path);
        if (!targets) continue;
        const JsonPath targets_path(path, key);
        std::size_t target_index = 0;
        for (element target : *targets) {
          const JsonPath target_path(targets_path, target_index++);
          auto to = json_.as_string(target, target_path);
          if (!to) continue;
          check_ref_known(*to, target_path);
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
  // Views of the document's strings: the DOM outlives the parse.
  absl::flat_hash_set<std::string_view> refs_;
};

}  // namespace

SbomParseResult parse_cyclonedx_json(std::string_view bytes, std::string_view file,
                                     const ParseLimits& limits) {
  SbomParseResult result;
  CycloneDxJsonParser(file, result, limits).parse(bytes);
  return result;
}

}  // namespace cradle
