#include "formats/spdx/spdx2_json.h"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <vector>

#include "formats/on_demand_reader.h"
#include "formats/spdx/spdx2_document.h"
#include "model/ascii.h"

namespace cradle {
namespace {

using simdjson::ondemand::array;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

SourceLocation at_pointer(const JsonPath& path) { return SourceLocation{0, 0, path.pointer()}; }

// Read with simdjson On-Demand, in one pass in document order (after a first look at
// spdxVersion and documentNamespace, which say how the rest is read), everything not read
// validated as it is skipped. Packages, files and relationships may come in any order: the
// builder resolves relationships once the document is read.
class Spdx2JsonParser {
 public:
  Spdx2JsonParser(std::string_view file, SbomParseResult& result, const ParseLimits& limits)
      : json_(file, result.diagnostics), result_(result), limits_(limits) {}

  void parse(std::string_view bytes) {
    auto root = json_.root_object(bytes, limits_);
    if (!root || !read_header(*root)) return;
    root = json_.rewind_root();
    if (!root) return;
    read_root(*root);
    if (!creation_info_seen_) json_.error("/creationInfo", "missing creationInfo");
    builder_->finish();
    if (json_.finish()) result_.sbom = std::move(sbom_);
  }

 private:
  // spdxVersion (which says whether cradle reads the document) and documentNamespace (which
  // tag-value abbreviations of external ref types are relative to), looked up before anything
  // is read; false, with the error, when the document is not SPDX 2.x.
  bool read_header(object root) {
    std::optional<std::string_view> version;
    bool version_is_string = true;
    bool seen_version = false;
    bool seen_namespace = false;
    json_.for_each_member(root, [&](std::string_view key, value& member) {
      const bool is_version = key == "spdxVersion" && !seen_version;
      const bool is_namespace = key == "documentNamespace" && !seen_namespace;
      // Other members are read, and validated, by read_root; once both are seen, so is the rest.
      if (!is_version && !is_namespace) return true;
      (is_version ? seen_version : seen_namespace) = true;
      simdjson::ondemand::json_type type;
      std::string_view text;
      if (!json_.ok(member.type().get(type))) return false;
      if (type == simdjson::ondemand::json_type::string) {
        if (!json_.ok(read_json_string(member, text))) return false;
        if (is_version) {
          version = text;
        } else {
          sbom_.serial_number = std::string(text);
        }
      } else if (is_version) {
        version_is_string = false;
      }  // a namespace of another type is reported by read_root
      return !(seen_version && seen_namespace);
    });
    if (json_.failed()) {
      json_.finish();
      return false;
    }
    sbom_.encoding = "JSON";
    builder_.emplace(
        sbom_,
        [this](const SourceLocation& at, Severity severity, std::string message) {
          if (severity == Severity::error) {
            json_.error(at.json_pointer, std::move(message));
          } else {
            json_.warning(at.json_pointer, std::move(message));
          }
        },
        [](std::size_t origin) {
          const JsonPath relationships("/relationships");
          return at_pointer(JsonPath(relationships, origin));
        });
    if (version && builder_->set_version(*version, SourceLocation{0, 0, "/spdxVersion"})) {
      return true;
    }
    // A document that is not well-formed is told so, not that its header is wrong.
    std::string problem = !seen_version ? "missing spdxVersion: not an SPDX 2 document"
                          : !version_is_string
                              ? "spdxVersion is not a string: not an SPDX 2 document"
                              : "";
    if (auto again = json_.rewind_root()) {
      json_.for_each_member(*again, [&](std::string_view, value& member) { json_.skip(member); });
    }
    if (json_.finish() && !problem.empty()) json_.error("/spdxVersion", std::move(problem));
    return false;
  }

  enum RootKey : std::size_t {
    kRootVersion, kRootId, kRootName, kNamespace, kCreationInfo, kPackages, kFiles, kSnippets,
    kDocumentDescribes, kRelationships, kRootKeyCount
  };
  static constexpr std::array<std::string_view, kRootKeyCount> kRootKeys{
      "spdxVersion", "SPDXID",   "name",     "documentNamespace", "creationInfo",
      "packages",    "files",    "snippets", "documentDescribes", "relationships"};

  void read_root(object root) {
    const JsonPath root_path("");
    MemberKeys<kRootKeyCount> keys(kRootKeys);
    json_.for_each_member(root, [&](std::string_view key, value& member) {
      const std::size_t index = keys.claim(key);
      if (index == kRootKeyCount || index == kRootVersion) {
        json_.skip(member);
        return;
      }
      const JsonPath at(root_path, kRootKeys[index]);
      switch (static_cast<RootKey>(index)) {
        case kRootId:
          if (auto id = json_.as_string(member, at)) builder_->set_document_id(*id);
          return;
        case kRootName:
          if (auto name = json_.as_string(member, at)) sbom_.name = std::string(*name);
          return;
        case kNamespace:
          json_.as_string(member, at);  // taken by read_header; its type is checked here
          return;
        case kCreationInfo:
          creation_info_seen_ = true;
          if (auto info = json_.as_object(member, at)) read_creation_info(*info, at);
          return;
        case kPackages:
          if (auto packages = json_.as_array(member, at)) read_packages(*packages, at);
          return;
        case kFiles:
        case kSnippets:
          if (auto elements = json_.as_array(member, at)) read_other_elements(*elements, at);
          return;
        case kDocumentDescribes:
          if (auto described = json_.as_array(member, at)) {
            json_.for_each_element(*described, [&](std::size_t i, value& item) {
              const JsonPath item_path(at, i);
              if (auto id = json_.as_string(item, item_path)) {
                builder_->add_described(*id, at_pointer(item_path));
              }
            });
          }
          return;
        case kRelationships:
          if (auto relationships = json_.as_array(member, at)) {
            read_relationships(*relationships, at);
          }
          return;
        case kRootVersion:
        case kRootKeyCount:
          return;
      }
    });
  }

  void read_creation_info(object info, const JsonPath& at) {
    static constexpr std::array<std::string_view, 2> kKeys{"created", "creators"};
    MemberKeys<2> keys(kKeys);
    json_.for_each_member(info, [&](std::string_view key, value& member) {
      const JsonPath path(at, key);
      switch (keys.claim(key)) {
        case 0:
          if (auto created = json_.as_string(member, path)) {
            sbom_.created = std::string(*created);
            sbom_.evidence.produced_at = sbom_.created;
          }
          return;
        case 1:
          if (auto creators = json_.as_array(member, path)) {
            json_.for_each_element(*creators, [&](std::size_t i, value& item) {
              if (auto creator = json_.as_string(item, JsonPath(path, i))) {
                builder_->add_creator(*creator);
              }
            });
          }
          return;
        default:
          json_.skip(member);
          return;
      }
    });
  }

  // Files and snippets: elements that relationships may name, not inventory.
  void read_other_elements(array elements, const JsonPath& at) {
    json_.for_each_element(elements, [&](std::size_t i, value& item) {
      const JsonPath path(at, i);
      auto entry = json_.as_object(item, path);
      if (!entry) return;
      bool seen_id = false;
      json_.for_each_member(*entry, [&](std::string_view key, value& member) {
        if (key != "SPDXID" || seen_id) {
          json_.skip(member);
          return;
        }
        seen_id = true;
        if (auto id = json_.as_string(member, JsonPath(path, key))) {
          builder_->add_other_element(*id);
        }
      });
    });
  }

  void read_relationships(array relationships, const JsonPath& at) {
    static constexpr std::array<std::string_view, 3> kKeys{"spdxElementId", "relationshipType",
                                                           "relatedSpdxElement"};
    std::size_t count = 0;
    if (!json_.ok(relationships.count_elements().get(count))) return;
    builder_->reserve_relationships(count);
    json_.for_each_element(relationships, [&](std::size_t i, value& item) {
      const JsonPath path(at, i);
      auto entry = json_.as_object(item, path);
      if (!entry) return;
      std::array<std::optional<std::string_view>, 3> ends;  // from, type, to
      read_strings(*entry, path, kKeys, ends);
      if (json_.failed()) return;
      auto [from, type, to] = ends;
      if (!from || !type || !to) {
        json_.error(path,
                    "a relationship needs spdxElementId, relationshipType and "
                    "relatedSpdxElement");
        return;
      }
      builder_->add_relationship(*from, *type, *to, i);
    });
  }

  // The string members of `entry` named by `keys` (the first of each), the rest skipped.
  template <std::size_t N>
  void read_strings(object entry, const JsonPath& at, const std::array<std::string_view, N>& keys,
                    std::array<std::optional<std::string_view>, N>& out) {
    MemberKeys<N> claimed(keys);
    json_.for_each_member(entry, [&](std::string_view key, value& member) {
      const std::size_t index = claimed.claim(key);
      if (index < N) {
        out[index] = json_.as_string(member, JsonPath(at, key));
      } else {
        json_.skip(member);
      }
    });
  }

  // The members of a package this parser reads.
  enum PackageKey : std::size_t {
    kSpdxId, kName, kPurpose, kVersionInfo, kSupplier, kOriginator, kLicenseDeclared,
    kLicenseConcluded, kDownloadLocation, kHomepage, kSourceInfo, kChecksums, kExternalRefs,
    kFileName, kPackageKeyCount
  };
  static constexpr std::array<std::string_view, kPackageKeyCount> kPackageKeys{
      "SPDXID",          "name",           "primaryPackagePurpose", "versionInfo",
      "supplier",        "originator",     "licenseDeclared",       "licenseConcluded",
      "downloadLocation", "homepage",      "sourceInfo",            "checksums",
      "externalRefs",    "packageFileName"};

  void read_packages(array packages, const JsonPath& at) {
    std::size_t count = 0;
    if (!json_.ok(packages.count_elements().get(count))) return;
    builder_->reserve_packages(count);
    json_.for_each_element(packages, [&](std::size_t i, value& item) {
      const JsonPath path(at, i);
      const std::uint32_t line = json_.line_of(item);
      if (auto entry = json_.as_object(item, path)) read_package(*entry, path, line);
    });
  }

  // A package's members come in any order: they are read into a component of its own, which
  // joins the inventory under its SPDXID once the whole package is read.
  void read_package(object entry, const JsonPath& at, std::uint32_t line) {
    MemberKeys<kPackageKeyCount> keys(kPackageKeys);
    Component component;
    component.type = "library";
    component.line = line;
    std::optional<std::string_view> id;
    bool named = false;
    std::array<std::optional<std::string_view>, 2> locations;  // download, homepage
    json_.for_each_member(entry, [&](std::string_view key, value& member) {
      const std::size_t index = keys.claim(key);
      if (index == kPackageKeyCount) {
        json_.skip(member);
        return;
      }
      const JsonPath path(at, kPackageKeys[index]);
      if (index == kChecksums) {
        if (auto checksums = json_.as_array(member, path)) read_checksums(*checksums, path, component);
        return;
      }
      if (index == kExternalRefs) {
        if (auto refs = json_.as_array(member, path)) read_external_refs(*refs, path, component);
        return;
      }
      auto text = json_.as_string(member, path);
      if (index == kName) named = true;
      if (!text) return;
      switch (static_cast<PackageKey>(index)) {
        case kSpdxId:
          id = text;
          return;
        case kName:
          component.name = std::string(*text);
          return;
        case kPurpose:
          component.type = lowercase_purpose(*text);
          return;
        case kVersionInfo:
          component.version = std::string(*text);
          return;
        case kSupplier:
          builder_->set_supplier(component, *text);
          return;
        case kOriginator:
          builder_->set_originator(component, *text);
          return;
        case kLicenseDeclared:
          builder_->add_license(component.declared_licenses, *text, [&] { return at_pointer(path); });
          return;
        case kLicenseConcluded:
          builder_->add_license(component.concluded_licenses, *text, [&] { return at_pointer(path); });
          return;
        case kDownloadLocation:
          locations[0] = text;
          return;
        case kHomepage:
          locations[1] = text;
          return;
        case kSourceInfo:
          builder_->set_source_info(component, *text);
          return;
        case kFileName:
          component.details.edit().file_name = std::string(*text);
          return;
        case kChecksums:
        case kExternalRefs:
        case kPackageKeyCount:
          return;
      }
    });
    if (json_.failed()) return;
    if (!named) json_.error(at, "a package needs a 'name'");
    // The distribution and website references come first, in that order, as tag-value has them.
    std::vector<ExternalReference> references;
    static constexpr std::array<std::string_view, 2> kLocationTypes{"distribution", "website"};
    for (std::size_t i = 0; i < locations.size(); ++i) {
      if (locations[i] && *locations[i] != "NOASSERTION" && *locations[i] != "NONE") {
        references.push_back(
            ExternalReference{std::string(kLocationTypes[i]), std::string(*locations[i])});
      }
    }
    if (!references.empty()) {
      references.insert(references.end(),
                        std::make_move_iterator(component.external_references.begin()),
                        std::make_move_iterator(component.external_references.end()));
      component.external_references = std::move(references);
    }
    Component& added = builder_->add_package(id.value_or(""), [&] { return at_pointer(at); });
    component.ref = std::move(added.ref);
    added = std::move(component);
  }

  void read_checksums(array checksums, const JsonPath& at, Component& component) {
    static constexpr std::array<std::string_view, 2> kKeys{"algorithm", "checksumValue"};
    json_.for_each_element(checksums, [&](std::size_t i, value& item) {
      const JsonPath path(at, i);
      auto entry = json_.as_object(item, path);
      if (!entry) return;
      std::array<std::optional<std::string_view>, 2> fields;
      read_strings(*entry, path, kKeys, fields);
      if (json_.failed()) return;
      builder_->add_checksum(component, fields[0].value_or(""), fields[1].value_or(""),
                             [&] { return at_pointer(path); });
    });
  }

  void read_external_refs(array refs, const JsonPath& at, Component& component) {
    static constexpr std::array<std::string_view, 3> kKeys{"referenceCategory", "referenceType",
                                                           "referenceLocator"};
    json_.for_each_element(refs, [&](std::size_t i, value& item) {
      const JsonPath path(at, i);
      auto entry = json_.as_object(item, path);
      if (!entry) return;
      std::array<std::optional<std::string_view>, 3> fields;
      read_strings(*entry, path, kKeys, fields);
      if (json_.failed()) return;
      auto [category, type, locator] = fields;
      if (!category || !type || !locator) {
        json_.error(path,
                    "an external ref needs referenceCategory, referenceType and "
                    "referenceLocator");
        return;
      }
      builder_->add_external_ref(component, *category, *type, *locator, [&] {
        return at_pointer(JsonPath(path, "referenceLocator"));
      });
    });
  }

  static std::string lowercase_purpose(std::string_view purpose) {
    std::string out(purpose);
    for (char& c : out) {
      c = c == '_' ? '-' : ascii_lower(c);
    }
    return out;
  }

  OnDemandReader json_;
  SbomParseResult& result_;
  const ParseLimits& limits_;
  Sbom sbom_;
  std::optional<Spdx2Builder> builder_;
  bool creation_info_seen_ = false;
};

}  // namespace

SbomParseResult parse_spdx2_json(std::string_view bytes, std::string_view file,
                                 const ParseLimits& limits) {
  SbomParseResult result;
  Spdx2JsonParser(file, result, limits).parse(bytes);
  return result;
}

}  // namespace cradle
