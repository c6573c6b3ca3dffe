#include "formats/cyclonedx/cyclonedx_json.h"

#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "formats/cyclonedx/cyclonedx_rules.h"
#include "formats/on_demand_reader.h"
#include "formats/source_package.h"
#include "formats/spdx/license_expression.h"
#include "model/date_time.h"

namespace cradle {
namespace {

using simdjson::ondemand::array;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

// Read with simdjson On-Demand, in one pass in document order (after a first look at bomFormat
// and specVersion, which say how the rest is read): each member is read where it is, straight
// into the model, and everything else is validated as it is skipped.
class CycloneDxJsonParser {
 public:
  CycloneDxJsonParser(std::string_view file, SbomParseResult& result, const ParseLimits& limits)
      : json_(file, result.diagnostics), result_(result), limits_(limits) {}

  void parse(std::string_view bytes) {
    auto root = json_.root_object(bytes, limits_);
    if (!root || !read_header(*root)) return;
    root = json_.rewind_root();
    if (!root) return;
    Sbom& sbom = result_.sbom.emplace();
    sbom_ = &sbom;
    sbom.format = SbomFormat::cyclonedx;
    sbom.spec_version = spec_version_;
    sbom.encoding = "JSON";
    read_root(*root);
    check_deferred_refs();
    if (!json_.finish()) result_.sbom.reset();
  }

 private:
  // bomFormat and specVersion, looked up before anything is read; false, with the error, when
  // the document is not a CycloneDX version cradle reads.
  bool read_header(object root) {
    std::optional<std::string_view> format;
    std::optional<std::string_view> spec_version;
    bool format_is_string = true;
    bool version_is_string = true;
    // Stops once both are found (they usually come first): the rest is read, and validated, by
    // read_root.
    json_.for_each_member(root, [&](std::string_view key, value& member) {
      bool is_format = key == "bomFormat" && !format && format_is_string;
      bool is_version = key == "specVersion" && !spec_version && version_is_string;
      if (!is_format && !is_version) return true;
      simdjson::ondemand::json_type type;
      std::string_view text;
      if (!json_.ok(member.type().get(type))) return false;
      if (type != simdjson::ondemand::json_type::string) {
        (is_format ? format_is_string : version_is_string) = false;
        return true;
      }
      if (!json_.ok(read_json_string(member, text))) return false;
      (is_format ? format : spec_version) = text;
      return !(format && spec_version);
    });
    if (json_.failed()) {
      json_.finish();
      return false;
    }
    std::string problem;
    const char* at = "/bomFormat";
    if (!format) {
      problem = format_is_string ? "missing bomFormat: not a CycloneDX document"
                                 : "bomFormat is not a string: not a CycloneDX document";
    } else if (*format != "CycloneDX") {
      problem = fmt::format("bomFormat is '{}', expected 'CycloneDX'", *format);
    } else if (!spec_version) {
      at = "/specVersion";
      problem = version_is_string ? "missing specVersion" : "specVersion is not a string";
    } else if (auto minor = cyclonedx::spec_minor(*spec_version); !minor || *minor < 2) {
      at = "/specVersion";
      problem = fmt::format(
          "unsupported CycloneDX specVersion '{}'; JSON is defined for 1.2 to 1.7", *spec_version);
    } else {
      minor_ = *minor;
      spec_version_ = std::string(*spec_version);
      return true;
    }
    // A document that is not well-formed is told so, not that its header is wrong.
    if (auto again = json_.rewind_root()) {
      json_.for_each_member(*again, [&](std::string_view, value& member) { json_.skip(member); });
    }
    if (json_.finish()) json_.error(at, std::move(problem));
    return false;
  }

  enum RootKey : std::size_t {
    kRootFormat, kRootSpecVersion, kSerialNumber, kRootVersion, kMetadata, kRootComponents,
    kServices, kDependencies, kCompositions, kCitations, kRootKeyCount
  };
  static constexpr std::array<std::string_view, kRootKeyCount> kRootKeys{
      "bomFormat",  "specVersion", "serialNumber", "version",  "metadata",
      "components", "services",    "dependencies", "compositions", "citations"};

  void read_root(object root) {
    MemberKeys<kRootKeyCount> keys(kRootKeys);
    json_.for_each_member(root, [&](std::string_view key, value& member) {
      switch (keys.claim(key)) {
        case kSerialNumber:
          if (auto serial = json_.as_string(member, "/serialNumber")) {
            sbom_->serial_number = std::string(*serial);
            check("", "serialNumber", cyclonedx::check_serial_number(*serial));
          }
          return;
        case kRootVersion:
          if (auto number = json_.if_int64(member)) sbom_->bom_version = std::to_string(*number);
          return;
        case kMetadata:
          if (auto metadata = json_.as_object(member, "/metadata")) read_metadata(*metadata);
          return;
        case kRootComponents:
          read_components(member, "/components", 1, nullptr);
          return;
        case kServices:
          if (auto services = json_.as_array(member, "/services")) {
            read_services(*services, "/services");
          }
          return;
        case kDependencies:
          if (auto dependencies = json_.as_array(member, "/dependencies")) {
            read_dependencies(*dependencies);
          }
          return;
        case kCompositions:
          if (auto compositions = json_.as_array(member, "/compositions")) {
            read_compositions(*compositions);
          }
          return;
        case kCitations:
          if (auto citations = json_.as_array(member, "/citations")) read_citations(*citations);
          return;
        default:  // bomFormat and specVersion, read first; members not inventoried
          json_.skip(member);
          return;
      }
    });
  }

  // Reports `problem` at parent/key; the pointer is rendered only when there is a problem.
  void check(const JsonPath& parent, std::string_view key, const std::string& problem) {
    if (!problem.empty()) json_.error(JsonPath(parent, key), problem);
  }

  void read_metadata(object metadata) {
    const JsonPath base("/metadata");
    // metadata admits no other members (additionalProperties: false in every schema version).
    enum Key : std::size_t {
      kTimestamp, kLifecycles, kTools, kMetadataManufacturer, kMetadataAuthors, kComponent, kManufacture,
      kMetadataSupplier, kMetadataLicenses, kMetadataProperties, kDistributionConstraints, kCount
    };
    static constexpr std::array<std::string_view, kCount> kKeys{
        "timestamp", "lifecycles", "tools",    "manufacturer", "authors", "component",
        "manufacture", "supplier", "licenses", "properties",   "distributionConstraints"};
    MemberKeys<kCount> keys(kKeys);
    std::vector<std::string> authors;
    std::array<std::string, 3> entities;  // manufacture, manufacturer, supplier
    json_.for_each_member(metadata, [&](std::string_view key, value& member) {
      const JsonPath path(base, key);
      std::size_t index = keys.claim(key);
      if (index == kCount && std::ranges::find(kKeys, key) == kKeys.end()) {
        json_.error(path, fmt::format("'{}' is not a metadata member", key));
      }
      switch (index) {
        case kTimestamp:
          if (auto timestamp = json_.as_string(member, path)) {
            sbom_->created = std::string(*timestamp);
            sbom_->evidence.produced_at = sbom_->created;
            if (!is_rfc3339_date_time(*timestamp)) {
              json_.error(path, fmt::format("'{}' is not an RFC 3339 date-time", *timestamp));
            }
          }
          return;
        case kMetadataAuthors:
          if (auto list = json_.as_array(member, path)) {
            json_.for_each_element(*list, [&](std::size_t i, value& item) {
              const JsonPath item_path(path, i);
              if (auto entry = json_.as_object(item, item_path)) {
                if (auto name = contact_name(*entry, item_path, sbom_->creator_contacts)) {
                  authors.push_back(*name);
                }
              }
            });
          }
          return;
        case kManufacture:
        case kMetadataManufacturer:
        case kMetadataSupplier:
          if (auto entity = json_.as_object(member, path)) {
            entities[index == kManufacture ? 0 : index == kMetadataManufacturer ? 1 : 2] =
                contact_name(*entity, path, sbom_->creator_contacts).value_or("");
          }
          return;
        case kTools:
          read_tools(member, path);
          return;
        case kMetadataLicenses:
          if (auto licenses = json_.as_array(member, path)) {
            std::vector<std::string> ignored_declared, ignored_concluded;
            read_licenses(*licenses, path, ignored_declared, ignored_concluded);
          }
          return;
        case kMetadataProperties:
          read_properties(member, path, nullptr);
          return;
        case kComponent:
          if (const std::uint32_t line = json_.line_of(member);
              auto component = json_.as_object(member, path)) {
            Component primary;
            primary.line = line;
            read_component(*component, path, Slot{&primary, 0}, 2, true);
            sbom_->described_refs.push_back(primary.ref);
            sbom_->primary_component = std::move(primary);
          }
          return;
        default:
          json_.skip(member);
          return;
      }
    });
    for (std::string& name :
         cyclonedx::sbom_creators(std::move(authors), entities[0], entities[1], entities[2])) {
      sbom_->creators.push_back(std::move(name));
    }
  }

  // Tools: an array of {vendor, name, version} (up to 1.4, deprecated since) or an object with
  // `components` and `services` (1.5 and later).
  void read_tools(value& tools, const JsonPath& at) {
    auto add_tools = [&](array list, const JsonPath& list_path) {
      json_.for_each_element(list, [&](std::size_t index, value& item) {
        const JsonPath path(list_path, index);
        auto entry = json_.as_object(item, path);
        if (!entry) return;
        static constexpr std::array<std::string_view, 4> kKeys{"vendor", "group", "name",
                                                               "version"};
        MemberKeys<4> keys(kKeys);
        std::array<std::optional<std::string_view>, 4> parts;
        json_.for_each_member(*entry, [&](std::string_view key, value& member) {
          std::size_t part = keys.claim(key);
          if (part < parts.size()) {
            parts[part] = json_.as_string(member, JsonPath(path, key));
          } else {
            json_.skip(member);
          }
        });
        std::string text;
        for (const auto& part : parts) {
          if (!part) continue;
          if (!text.empty()) text.push_back(' ');
          text += *part;
        }
        if (!text.empty()) sbom_->tools.push_back(std::move(text));
      });
    };
    simdjson::ondemand::json_type type;
    if (!json_.ok(tools.type().get(type))) return;
    if (type == simdjson::ondemand::json_type::array) {
      if (auto list = json_.as_array(tools, at)) add_tools(*list, at);
    } else if (type == simdjson::ondemand::json_type::object) {
      auto grouped = json_.as_object(tools, at);
      if (!grouped) return;
      json_.for_each_member(*grouped, [&](std::string_view key, value& member) {
        if (key != "components" && key != "services") {
          json_.skip(member);
          return;
        }
        const JsonPath path(at, key);
        if (auto list = json_.as_array(member, path)) add_tools(*list, path);
      });
    } else {
      json_.error(at, fmt::format("expected an array or an object, found {}",
                                  json_type_name(type)));
      json_.skip(tools);
    }
  }

  // An entity's (a contact's, an organisation's) name for display; its e-mail addresses and
  // URLs (an organisation's `url` and its `contact` list's e-mails) are added to `contacts`.
  std::optional<std::string> contact_name(object entity, const JsonPath& at,
                                          std::vector<std::string>& contacts) {
    std::optional<std::string_view> name;
    std::optional<std::string_view> email;
    json_.for_each_member(entity, [&](std::string_view key, value& member) {
      const JsonPath path(at, key);
      if (key == "name" && !name) {
        name = json_.as_string(member, path);
      } else if (key == "email" && !email) {
        email = json_.as_string(member, path);
        if (email) contacts.emplace_back(*email);
      } else if (key == "url") {
        read_strings(member, path, contacts);
      } else if (key == "contact") {
        auto list = json_.as_array(member, path);
        if (!list) return;
        json_.for_each_element(*list, [&](std::size_t i, value& item) {
          const JsonPath item_path(path, i);
          if (auto person = json_.as_object(item, item_path)) {
            contact_name(*person, item_path, contacts);
          }
        });
      } else {
        json_.skip(member);
      }
    });
    std::string text = cyclonedx::contact(name.value_or(""), email.value_or(""));
    if (text.empty()) return std::nullopt;
    return text;
  }

  // An array of strings, added to `out`.
  void read_strings(value& member, const JsonPath& at, std::vector<std::string>& out) {
    auto list = json_.as_array(member, at);
    if (!list) return;
    json_.for_each_element(*list, [&](std::size_t i, value& item) {
      if (auto text = json_.as_string(item, JsonPath(at, i))) out.emplace_back(*text);
    });
  }

  // Where a component is read into: a Component of its own (metadata.component, pedigree), or
  // an entry of the inventory, named by index because nested components grow the inventory.
  struct Slot {
    Component* single;
    std::size_t index;
  };
  Component& component_at(Slot slot) {
    return slot.single != nullptr ? *slot.single : sbom_->components[slot.index];
  }

  // Reads an array of components into the inventory; the index of each is added to `read`.
  void read_components(value& member, const JsonPath& at, std::size_t depth,
                       std::vector<std::size_t>* read) {
    if (depth > limits_.max_depth) {
      json_.error(at, fmt::format("components nest deeper than the limit of {} levels",
                                  limits_.max_depth));
      json_.skip(member);
      return;
    }
    auto components = json_.as_array(member, at);
    if (!components) return;
    if (depth == 1) {
      // One allocation for the top level (nested ones may still grow it): growing by doubling
      // would hold the old and the new array at once, the peak of the whole parse.
      std::size_t count = 0;
      if (!json_.ok(components->count_elements().get(count))) return;
      sbom_->components.reserve(sbom_->components.size() + count);
      refs_.reserve(refs_.size() + count + 1);
    }
    json_.for_each_element(*components, [&](std::size_t index, value& item) {
      const JsonPath path(at, index);
      const std::uint32_t line = json_.line_of(item);
      auto entry = json_.as_object(item, path);
      if (!entry) return;
      const std::size_t position = sbom_->components.size();
      sbom_->components.emplace_back().line = line;
      if (read != nullptr) read->push_back(position);
      read_component(*entry, path, Slot{nullptr, position}, depth + 1, true);
    });
  }

  // The members of a component this parser reads.
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

  // Reads `entry` into the component at `slot`. Its nested components are read into the
  // inventory after it (`depth` is theirs) when `inventory`, else only validated.
  void read_component(object entry, const JsonPath& at, Slot slot, std::size_t depth,
                      bool inventory) {
    MemberKeys<kComponentKeyCount> keys(kComponentKeys);
    std::optional<std::string_view> version_range;
    std::optional<bool> is_external;
    std::optional<std::string_view> author;
    std::vector<std::string> authors;
    std::array<std::string, 2> organisations;  // supplier, manufacturer
    std::vector<std::string> contacts;
    std::optional<std::string_view> publisher;
    std::vector<std::size_t> nested;
    json_.for_each_member(entry, [&](std::string_view key, value& member) {
      const std::size_t index = keys.claim(key);
      if (index == kComponentKeyCount) {
        json_.skip(member);
        return;
      }
      const JsonPath path(at, kComponentKeys[index]);
      // Valid until nested components are read (they grow the inventory): taken again each time.
      Component& component = component_at(slot);
      switch (static_cast<ComponentKey>(index)) {
        case kType:
          if (auto type = json_.as_string(member, path)) {
            component.type = std::string(*type);
            check(at, "type", cyclonedx::check_component_type(*type, minor_));
          }
          return;
        case kName:
          if (auto name = json_.as_string(member, path)) component.name = std::string(*name);
          return;
        case kBomRef:
          if (auto ref = json_.as_string(member, path)) {
            component.ref = std::string(*ref);
            register_ref(*ref, path);
          }
          return;
        case kGroup:
          if (auto group = json_.as_string(member, path)) component.group = std::string(*group);
          return;
        case kVersion:
          if (auto version = json_.as_string(member, path)) {
            component.version = std::string(*version);
          }
          return;
        case kVersionRange:
          version_range = json_.as_string(member, path);
          return;
        case kIsExternal:
          is_external = json_.as_bool(member, path);
          return;
        case kScope:
          if (auto scope = json_.as_string(member, path)) {
            component.details.edit().scope = std::string(*scope);
            check(at, "scope", cyclonedx::check_scope(*scope));
          }
          return;
        case kAuthor:
          author = json_.as_string(member, path);
          return;
        case kAuthors:
          if (auto list = json_.as_array(member, path)) {
            json_.for_each_element(*list, [&](std::size_t i, value& item) {
              const JsonPath item_path(path, i);
              auto contact = json_.as_object(item, item_path);
              if (!contact) return;
              if (auto name = contact_name(*contact, item_path, contacts)) {
                authors.push_back(std::move(*name));
              }
            });
          }
          return;
        case kSupplier:
        case kManufacturer:
          if (auto organisation = json_.as_object(member, path)) {
            organisations[index == kSupplier ? 0 : 1] =
                contact_name(*organisation, path, contacts).value_or("");
          }
          return;
        case kPublisher:
          publisher = json_.as_string(member, path);
          return;
        case kPurl:
          if (auto purl = json_.as_string(member, path)) {
            component.purl_text = std::string(*purl);
            if (auto parsed = parse_purl(*purl)) {
              component.purl = std::move(*parsed);
            } else {
              json_.warning(path, fmt::format("invalid purl '{}': {} (column {})", *purl,
                                              parsed.error().message,
                                              parsed.error().location.column));
            }
          }
          return;
        case kCpe:
          if (auto cpe = json_.as_string(member, path)) {
            component.details.edit().cpes.emplace_back(*cpe);
          }
          return;
        case kHashes:
          if (auto hashes = json_.as_array(member, path)) {
            read_hashes(*hashes, path, component.hashes);
          }
          return;
        case kLicenses:
          if (auto licenses = json_.as_array(member, path)) {
            read_licenses(*licenses, path, component.declared_licenses,
                          component.concluded_licenses);
          }
          return;
        case kExternalReferences:
          if (auto references = json_.as_array(member, path)) {
            read_external_references(*references, path, component.external_references);
          }
          return;
        case kProperties: {
          std::vector<Property> properties;
          read_properties(member, path, &properties);
          if (properties.empty()) return;
          ComponentDetails& details = component.details.edit();
          details.source_name = source_package_from_properties(properties);
          details.properties = std::move(properties);
          return;
        }
        case kSwid:
          if (auto swid = json_.as_object(member, path)) read_swid(*swid, path);
          return;
        case kPedigree:
          if (auto pedigree = json_.as_object(member, path)) read_pedigree(*pedigree, path);
          return;
        case kComponents:
          if (inventory) {
            read_components(member, path, depth, &nested);
          } else {
            json_.skip(member);  // pedigree components describe others; not inventoried
          }
          return;
        case kComponentKeyCount:
          return;
      }
    });
    if (json_.failed()) return;

    Component& component = component_at(slot);
    if (!keys.claimed(kType)) json_.error(at, "a component needs a 'type'");
    if (!keys.claimed(kName)) json_.error(at, "a component needs a 'name'");
    if (version_range) {
      if (!component.version.empty()) {
        json_.error(at, "a component has either 'version' or 'versionRange', not both");
      }
      if (!is_external.value_or(false)) {
        json_.error(JsonPath(at, "versionRange"),
                    "'versionRange' is only allowed on a component with 'isExternal': true");
      }
    }
    if (std::string named = cyclonedx::component_author(author.value_or(""), authors); !named.empty())
      component.details.edit().author = std::move(named);
    if (std::string supplier = cyclonedx::component_supplier(organisations[0], organisations[1],
                                                             publisher.value_or(""));
        !supplier.empty()) {
      component.details.edit().supplier = std::move(supplier);
    }
    if (!contacts.empty()) component.details.edit().contacts = std::move(contacts);
    if (!component.ref.empty()) {
      for (std::size_t child : nested) {
        sbom_->components[child].details.edit().parent_ref = component.ref;
      }
    }
  }

  void read_swid(object swid, const JsonPath& at) {
    static constexpr std::array<std::string_view, 2> kKeys{"tagId", "name"};
    MemberKeys<2> keys(kKeys);
    std::array<bool, 2> present{};
    json_.for_each_member(swid, [&](std::string_view key, value& member) {
      std::size_t index = keys.claim(key);
      if (index < kKeys.size()) {
        present[index] = json_.as_string(member, JsonPath(at, key)).has_value();
      } else {
        json_.skip(member);
      }
    });
    for (std::size_t i = 0; i < kKeys.size(); ++i) {
      if (!present[i]) json_.error(at, fmt::format("a swid needs '{}'", kKeys[i]));
    }
  }

  void register_ref(std::string_view ref, const JsonPath& at) {
    if (ref.empty()) {
      json_.error(at, "bom-ref must not be empty");
    } else if (!refs_.emplace(ref).second) {
      json_.error(at, fmt::format("duplicate bom-ref '{}'", ref));
    }
  }

  // Components and services may follow the dependencies that name them: a ref not known yet is
  // checked again once the whole document is read.
  struct DeferredRef {
    std::string_view ref;
    std::size_t dependency;
    std::string_view key;  // "ref", "dependsOn" or "provides"
    std::size_t target;    // index in the key's array
  };
  void check_ref_known(std::string_view ref, std::size_t dependency, std::string_view key,
                       std::size_t target) {
    if (!refs_.contains(ref)) deferred_refs_.push_back(DeferredRef{ref, dependency, key, target});
  }
  void check_deferred_refs() {
    const JsonPath dependencies("/dependencies");
    for (const DeferredRef& deferred : deferred_refs_) {
      if (refs_.contains(deferred.ref)) continue;
      const JsonPath dependency(dependencies, deferred.dependency);
      const JsonPath key(dependency, deferred.key);
      const JsonPath target(key, deferred.target);
      // An edge to nothing changes nothing cradle matches: a warning.
      json_.warning(deferred.key == "ref" ? key : target,
                    fmt::format("dependency on unknown bom-ref '{}'", deferred.ref));
    }
  }

  void read_hashes(array hashes, const JsonPath& at, std::vector<Hash>& out) {
    json_.for_each_element(hashes, [&](std::size_t index, value& item) {
      const JsonPath path(at, index);
      auto entry = json_.as_object(item, path);
      if (!entry) return;
      static constexpr std::array<std::string_view, 2> kKeys{"alg", "content"};
      MemberKeys<2> keys(kKeys);
      std::array<std::optional<std::string_view>, 2> fields;
      json_.for_each_member(*entry, [&](std::string_view key, value& member) {
        std::size_t field = keys.claim(key);
        if (field < fields.size()) {
          fields[field] = json_.as_string(member, JsonPath(path, key));
        } else {
          json_.skip(member);
        }
      });
      auto [algorithm, content] = fields;
      if (!algorithm || !content) {
        json_.error(path, "a hash needs 'alg' and 'content'");
        return;
      }
      check(path, "alg", cyclonedx::check_hash_algorithm(*algorithm, minor_));
      // A hash that cannot be one changes nothing that is matched: told, and not kept.
      if (std::string problem = cyclonedx::check_hash_content(*content); !problem.empty()) {
        json_.warning(JsonPath(path, "content"), problem + ": the hash is not kept");
        return;
      }
      out.push_back(Hash{std::string(*algorithm), std::string(*content)});
    });
  }

  // A licence choice: {license: {id | name, ...}} and {expression} entries. CycloneDX 1.6 marks
  // each as declared or concluded (`acknowledgement`); unmarked ones count as declared.
  void read_licenses(array licenses, const JsonPath& at, std::vector<std::string>& declared,
                     std::vector<std::string>& concluded) {
    std::size_t count = 0;
    bool has_expression = false;
    json_.for_each_element(licenses, [&](std::size_t index, value& item) {
      ++count;
      const JsonPath path(at, index);
      auto entry = json_.as_object(item, path);
      if (!entry) return;
      static constexpr std::array<std::string_view, 3> kChoiceKeys{"acknowledgement",
                                                                   "expression", "license"};
      MemberKeys<3> keys(kChoiceKeys);
      std::optional<std::string_view> acknowledgement;
      std::optional<std::string_view> expression;
      std::optional<std::string_view> own_acknowledgement;
      std::optional<std::string_view> id;
      std::optional<std::string_view> name;
      std::optional<std::string_view> url;
      bool has_license = false;
      json_.for_each_member(*entry, [&](std::string_view key, value& member) {
        const JsonPath member_path(path, key);
        switch (keys.claim(key)) {
          case 0:
            acknowledgement = json_.as_string(member, member_path);
            return;
          case 1:
            expression = json_.as_string(member, member_path);
            return;
          case 2:
            if (auto license = json_.as_object(member, member_path)) {
              has_license = true;
              read_license(*license, member_path, own_acknowledgement, id, name, url);
            }
            return;
          default:
            json_.skip(member);
            return;
        }
      });
      if (json_.failed()) return;
      if (expression && has_license) {
        json_.error(path, "a licence choice has 'license' or 'expression', not both");
        return;
      }
      std::string text;
      if (expression) {
        has_expression = true;
        text = std::string(*expression);
        if (std::string problem = license_expression_error(text); !problem.empty()) {
          json_.warning(JsonPath(path, "expression"), problem + ": kept as written");
        }
      } else if (has_license) {
        const JsonPath license_path(path, "license");
        if (!acknowledgement) acknowledgement = own_acknowledgement;
        if (id && name) {
          json_.error(license_path, "a licence has 'id' or 'name', not both");
        } else if (id) {
          // Neither another case nor an id the list lacks changes what is matched: warnings.
          if (auto spelled = cyclonedx::spdx_license_id_spelling(*id); !spelled) {
            json_.warning(JsonPath(license_path, "id"),
                          cyclonedx::check_license_id(*id) + ": kept as a name");
            text = std::string(*id);
          } else {
            if (*spelled != *id) {
              json_.warning(JsonPath(license_path, "id"),
                            fmt::format("licence id '{}' is the SPDX id '{}' in another case (SPDX "
                                        "ids match case-insensitively)",
                                        *id, *spelled));
            }
            text = std::move(*spelled);
          }
        } else if (name) {
          text = std::string(*name);
        } else if (url) {
          json_.warning(license_path,
                        fmt::format("a licence given by its URL only ('{}'), with no 'id' or "
                                    "'name': kept as the URL",
                                    *url));
          text = std::string(*url);
        } else {
          json_.error(license_path, "a licence needs 'id' or 'name'");
        }
      } else {
        json_.error(path, "a licence choice needs 'license' or 'expression'");
        return;
      }
      if (text.empty()) return;
      if (acknowledgement && *acknowledgement == "concluded") {
        concluded.push_back(std::move(text));
      } else {
        declared.push_back(std::move(text));
      }
    });
    // 1.5 and 1.6 allow one expression alone or a list of licences; 1.4 and 1.7 allow a mix.
    if (has_expression && count > 1 && (minor_ == 5 || minor_ == 6)) {
      json_.error(at, "a licence 'expression' must be the only entry of its list");
    }
  }

  void read_license(object license, const JsonPath& at,
                    std::optional<std::string_view>& acknowledgement,
                    std::optional<std::string_view>& id, std::optional<std::string_view>& name,
                    std::optional<std::string_view>& url) {
    static constexpr std::array<std::string_view, 6> kKeys{"acknowledgement", "id", "name",
                                                           "text", "properties", "url"};
    MemberKeys<6> keys(kKeys);
    json_.for_each_member(license, [&](std::string_view key, value& member) {
      const JsonPath path(at, key);
      switch (keys.claim(key)) {
        case 0:
          acknowledgement = json_.as_string(member, path);
          return;
        case 1:
          id = json_.as_string(member, path);
          return;
        case 2:
          name = json_.as_string(member, path);
          return;
        case 3:
          if (auto body = json_.as_object(member, path)) {
            json_.for_each_member(*body, [&](std::string_view body_key, value& body_member) {
              if (body_key != "encoding") {
                json_.skip(body_member);
              } else if (auto encoding = json_.as_string(body_member, JsonPath(path, body_key))) {
                check(path, "encoding", cyclonedx::check_license_encoding(*encoding));
              }
            });
          }
          return;
        case 4:
          read_properties(member, path, nullptr);
          return;
        case 5:
          url = json_.as_string(member, path);
          return;
        default:
          json_.skip(member);
          return;
      }
    });
  }

  void read_external_references(array references, const JsonPath& at,
                                std::vector<ExternalReference>& out) {
    // Real SBOMs give several a component (website, issue tracker, VCS, ...): one allocation of
    // the right size, not three as the vector doubles.
    std::size_t count = 0;
    if (!json_.ok(references.count_elements().get(count))) return;
    out.reserve(out.size() + count);
    json_.for_each_element(references, [&](std::size_t index, value& item) {
      const JsonPath path(at, index);
      auto entry = json_.as_object(item, path);
      if (!entry) return;
      std::optional<std::string_view> type;
      std::optional<std::string_view> url;
      std::vector<Hash> hashes;
      json_.for_each_member(*entry, [&](std::string_view key, value& member) {
        const JsonPath member_path(path, key);
        if (key == "type" && !type) {
          type = json_.as_string(member, member_path);
        } else if (key == "url" && !url) {
          url = json_.as_string(member, member_path);
        } else if (key == "hashes") {
          if (auto list = json_.as_array(member, member_path)) {
            read_hashes(*list, member_path, hashes);
          }
        } else {
          json_.skip(member);
        }
      });
      if (!type || !url) {
        json_.error(path, "an external reference needs 'type' and 'url'");
        return;
      }
      out.push_back(ExternalReference{std::string(*type), std::string(*url), std::move(hashes)});
    });
  }

  // The string members `first` and `second` of `entry` (the first of each), the rest skipped.
  std::pair<std::optional<std::string_view>, std::optional<std::string_view>> string_pair(
      object entry, const JsonPath& at, std::string_view first, std::string_view second) {
    std::pair<std::optional<std::string_view>, std::optional<std::string_view>> found;
    bool seen_first = false;
    bool seen_second = false;
    json_.for_each_member(entry, [&](std::string_view key, value& member) {
      if (key == first && !seen_first) {
        seen_first = true;
        found.first = json_.as_string(member, JsonPath(at, key));
      } else if (key == second && !seen_second) {
        seen_second = true;
        found.second = json_.as_string(member, JsonPath(at, key));
      } else {
        json_.skip(member);
      }
    });
    return found;
  }

  // A `properties` array, checked, and kept in `out` unless it is null.
  void read_properties(value& member, const JsonPath& at, std::vector<Property>* out) {
    auto properties = json_.as_array(member, at);
    if (!properties) return;
    json_.for_each_element(*properties, [&](std::size_t index, value& item) {
      const JsonPath path(at, index);
      auto entry = json_.as_object(item, path);
      if (!entry) return;
      auto [name, property_value] = string_pair(*entry, path, "name", "value");
      if (!name) {
        json_.error(path, "a property needs a 'name'");
        return;
      }
      if (out != nullptr) {
        out->push_back(Property{std::string(*name), std::string(property_value.value_or(""))});
      }
    });
  }

  void read_pedigree(object pedigree, const JsonPath& at) {
    json_.for_each_member(pedigree, [&](std::string_view key, value& member) {
      const JsonPath path(at, key);
      if (key == "ancestors" || key == "descendants" || key == "variants") {
        auto related = json_.as_array(member, path);
        if (!related) return;
        json_.for_each_element(*related, [&](std::size_t index, value& item) {
          const JsonPath item_path(path, index);
          // Pedigree components describe other components; validated, not inventoried.
          if (auto entry = json_.as_object(item, item_path)) {
            Component ignored;
            read_component(*entry, item_path, Slot{&ignored, 0}, 0, false);
          }
        });
      } else if (key == "patches") {
        if (auto patches = json_.as_array(member, path)) read_patches(*patches, path);
      } else {
        json_.skip(member);
      }
    });
  }

  // Objects with a required, enumerated 'type' (patches, resolved issues): each one's type is
  // checked by `check_type`; `read_other` reads (or skips) its other members.
  template <class ReadOther>
  void read_typed_entries(array entries, const JsonPath& at,
                          std::string (*check_type)(std::string_view), std::string_view what,
                          ReadOther&& read_other) {
    json_.for_each_element(entries, [&](std::size_t index, value& item) {
      const JsonPath path(at, index);
      auto entry = json_.as_object(item, path);
      if (!entry) return;
      bool seen_type = false;
      bool typed = false;
      json_.for_each_member(*entry, [&](std::string_view key, value& member) {
        if (key != "type" || seen_type) {
          read_other(key, member, JsonPath(path, key));
          return;
        }
        seen_type = true;
        if (auto type = json_.as_string(member, JsonPath(path, key))) {
          typed = true;
          check(path, "type", check_type(*type));
        }
      });
      if (!typed) json_.error(path, fmt::format("{} needs a 'type'", what));
    });
  }

  void read_patches(array patches, const JsonPath& at) {
    read_typed_entries(patches, at, cyclonedx::check_patch_type, "a patch",
                       [&](std::string_view key, value& member, const JsonPath& path) {
                         if (key != "resolves") {
                           json_.skip(member);
                           return;
                         }
                         auto resolves = json_.as_array(member, path);
                         if (!resolves) return;
                         read_typed_entries(*resolves, path, cyclonedx::check_issue_type,
                                            "an issue",
                                            [&](std::string_view, value& other, const JsonPath&) {
                                              json_.skip(other);
                                            });
                       });
  }

  // Services are not inventory components; their constraints are still checked.
  void read_services(array services, const JsonPath& at) {
    json_.for_each_element(services, [&](std::size_t index, value& item) {
      const JsonPath path(at, index);
      auto service = json_.as_object(item, path);
      if (!service) return;
      bool named = false;
      json_.for_each_member(*service, [&](std::string_view key, value& member) {
        const JsonPath member_path(path, key);
        if (key == "bom-ref") {
          if (auto ref = json_.as_string(member, member_path)) register_ref(*ref, member_path);
        } else if (key == "name") {
          named = json_.as_string(member, member_path).has_value() || named;
        } else if (key == "properties") {
          read_properties(member, member_path, nullptr);
        } else if (key == "data") {
          if (auto data = json_.as_array(member, member_path)) read_data_flows(*data, member_path);
        } else if (key == "services") {
          if (auto nested = json_.as_array(member, member_path)) {
            read_services(*nested, member_path);
          }
        } else {
          json_.skip(member);
        }
      });
      if (!named) json_.error(path, "a service needs a 'name'");
    });
  }

  void read_data_flows(array flows, const JsonPath& at) {
    json_.for_each_element(flows, [&](std::size_t index, value& item) {
      const JsonPath path(at, index);
      auto flow = json_.as_object(item, path);
      if (!flow) return;
      json_.for_each_member(*flow, [&](std::string_view key, value& member) {
        if (key != "flow") {
          json_.skip(member);
        } else if (auto direction = json_.as_string(member, JsonPath(path, key))) {
          check(path, "flow", cyclonedx::check_data_flow(*direction));
        }
      });
    });
  }

  // A citation (1.7) says who supplied which fields: it names an entity or a process, and
  // exactly one of `pointers` and `expressions`.
  void read_citations(array citations) {
    const JsonPath at("/citations");
    json_.for_each_element(citations, [&](std::size_t index, value& item) {
      const JsonPath path(at, index);
      auto citation = json_.as_object(item, path);
      if (!citation) return;
      bool attributed = false, process = false, pointers = false, expressions = false;
      json_.for_each_member(*citation, [&](std::string_view key, value& member) {
        attributed |= key == "attributedTo";
        process |= key == "process";
        pointers |= key == "pointers";
        expressions |= key == "expressions";
        json_.skip(member);
      });
      if (!attributed && !process) {
        json_.error(path, "a citation needs 'attributedTo' or 'process'");
      }
      if (pointers == expressions) {
        json_.error(path, "a citation needs exactly one of 'pointers' and 'expressions'");
      }
    });
  }

  void read_dependencies(array dependencies) {
    const JsonPath at("/dependencies");
    std::size_t count = 0;  // entries: a lower bound of the edges, often the number
    if (!json_.ok(dependencies.count_elements().get(count))) return;
    sbom_->dependencies.reserve(sbom_->dependencies.size() + count);
    json_.for_each_element(dependencies, [&](std::size_t index, value& item) {
      const JsonPath path(at, index);
      auto entry = json_.as_object(item, path);
      if (!entry) return;
      std::optional<std::string_view> ref;
      bool has_ref = false;
      targets_.clear();
      json_.for_each_member(*entry, [&](std::string_view key, value& member) {
        const JsonPath member_path(path, key);
        if (key == "ref" && !has_ref) {
          has_ref = true;
          ref = json_.as_string(member, member_path);
        } else if (key == "dependsOn" || key == "provides") {
          auto list = json_.as_array(member, member_path);
          if (!list) return;
          // A cryptographic "provides" link is not a dependency edge.
          const bool depends_on = key == "dependsOn";
          json_.for_each_element(*list, [&](std::size_t target, value& to) {
            if (auto name = json_.as_string(to, JsonPath(member_path, target))) {
              targets_.push_back(Target{*name, depends_on ? "dependsOn" : "provides", target});
            }
          });
        } else {
          json_.skip(member);
        }
      });
      if (!ref || ref->empty()) {
        json_.error(path, "a dependency needs a non-empty 'ref'");
        return;
      }
      check_ref_known(*ref, index, "ref", 0);
      sbom_->dependency_lists.emplace_back(*ref);
      for (const Target& target : targets_) {
        check_ref_known(target.ref, index, target.key, target.index);
        if (target.key == "dependsOn") {
          sbom_->dependencies.push_back(Dependency{std::string(*ref), std::string(target.ref)});
        }
      }
    });
  }

  // Compositions: how complete what the document says is. Of each, the aggregate and the refs
  // whose dependency lists (`dependencies`) or parts (`assemblies`) it speaks for are kept.
  void read_compositions(array compositions) {
    const JsonPath at("/compositions");
    json_.for_each_element(compositions, [&](std::size_t index, value& item) {
      const JsonPath path(at, index);
      auto entry = json_.as_object(item, path);
      if (!entry) return;
      std::optional<std::string_view> aggregate;
      std::vector<std::string> refs;
      json_.for_each_member(*entry, [&](std::string_view key, value& member) {
        const JsonPath member_path(path, key);
        if (key == "aggregate" && !aggregate) {
          aggregate = json_.as_string(member, member_path);
        } else if (key == "assemblies" || key == "dependencies") {
          read_strings(member, member_path, refs);
        } else {
          json_.skip(member);
        }
      });
      if (!aggregate) {
        json_.error(path, "a composition needs an 'aggregate'");
        return;
      }
      check(path, "aggregate", cyclonedx::check_aggregate(*aggregate));
      for (std::string& ref : refs) {
        sbom_->dependency_completeness.push_back(
            DependencyCompleteness{std::move(ref), std::string(*aggregate)});
      }
    });
  }

  OnDemandReader json_;
  SbomParseResult& result_;
  const ParseLimits& limits_;
  Sbom* sbom_ = nullptr;
  int minor_ = 0;
  std::string spec_version_;
  // Views of the document's strings, which outlive the parse.
  absl::flat_hash_set<std::string_view> refs_;
  std::vector<DeferredRef> deferred_refs_;
  struct Target {
    std::string_view ref;
    std::string_view key;
    std::size_t index;
  };
  std::vector<Target> targets_;  // of the dependency being read
};

}  // namespace

SbomParseResult parse_cyclonedx_json(std::string_view bytes, std::string_view file,
                                     const ParseLimits& limits) {
  SbomParseResult result;
  CycloneDxJsonParser(file, result, limits).parse(bytes);
  return result;
}

}  // namespace cradle
