#include "formats/spdx2_json.h"

#include <fmt/format.h>

#include <array>

#include "formats/json_reader.h"
#include "formats/spdx2_document.h"

namespace cradle {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

SourceLocation at_pointer(std::string pointer) { return SourceLocation{0, 0, std::move(pointer)}; }

class Spdx2JsonParser {
 public:
  Spdx2JsonParser(std::string_view file, SbomParseResult& result, const ParseLimits& limits)
      : json_(file, result.diagnostics), result_(result), limits_(limits) {}

  void parse(std::string_view bytes) {
    auto root = json_.parse_object(bytes, limits_);
    if (!root) return;
    auto version = json_.string_at(*root, "spdxVersion", "");
    if (!version) {
      json_.error("/spdxVersion", "missing spdxVersion: not an SPDX 2 document");
      return;
    }
    Sbom sbom;
    sbom.encoding = "JSON";
    Spdx2Builder builder(sbom, [this](const SourceLocation& at, Severity severity,
                                      std::string message) {
      if (severity == Severity::error) {
        json_.error(at.json_pointer, std::move(message));
      } else {
        json_.warning(at.json_pointer, std::move(message));
      }
    });
    if (!builder.set_version(*version, at_pointer("/spdxVersion"))) return;

    if (auto id = json_.string_at(*root, "SPDXID", "")) builder.set_document_id(*id);
    if (auto name = json_.string_at(*root, "name", "")) sbom.name = std::string(*name);
    if (auto ns = json_.string_at(*root, "documentNamespace", "")) {
      sbom.serial_number = std::string(*ns);
    }
    if (auto info = json_.object_at(*root, "creationInfo", "")) {
      if (auto created = json_.string_at(*info, "created", "/creationInfo")) {
        sbom.created = std::string(*created);
        sbom.evidence.produced_at = sbom.created;
      }
      if (auto creators = json_.array_at(*info, "creators", "/creationInfo")) {
        std::size_t index = 0;
        for (element item : *creators) {
          if (auto creator = json_.as_string(item, json_pointer("/creationInfo/creators", index))) {
            builder.add_creator(*creator);
          }
          ++index;
        }
      }
    } else {
      json_.error("/creationInfo", "missing creationInfo");
    }
    if (auto packages = json_.array_at(*root, "packages", "")) read_packages(*packages, builder);
    for (std::string_view key : {"files", "snippets"}) {
      if (auto elements = json_.array_at(*root, key, "")) {
        std::size_t index = 0;
        for (element item : *elements) {
          std::string pointer = json_pointer(json_pointer("", key), index++);
          auto entry = json_.as_object(item, pointer);
          if (!entry) continue;
          if (auto id = json_.string_at(*entry, "SPDXID", pointer)) builder.add_other_element(*id);
        }
      }
    }
    if (auto described = json_.array_at(*root, "documentDescribes", "")) {
      std::size_t index = 0;
      for (element item : *described) {
        std::string pointer = json_pointer("/documentDescribes", index++);
        if (auto id = json_.as_string(item, pointer)) builder.add_described(*id, at_pointer(pointer));
      }
    }
    if (auto relationships = json_.array_at(*root, "relationships", "")) {
      std::size_t index = 0;
      for (element item : *relationships) {
        std::string pointer = json_pointer("/relationships", index++);
        auto entry = json_.as_object(item, pointer);
        if (!entry) continue;
        auto from = json_.string_at(*entry, "spdxElementId", pointer);
        auto type = json_.string_at(*entry, "relationshipType", pointer);
        auto to = json_.string_at(*entry, "relatedSpdxElement", pointer);
        if (!from || !type || !to) {
          json_.error(pointer,
                      "a relationship needs spdxElementId, relationshipType and "
                      "relatedSpdxElement");
          continue;
        }
        builder.add_relationship(*from, *type, *to, at_pointer(pointer));
      }
    }
    builder.finish();
    result_.sbom = std::move(sbom);
  }

 private:
  // The members of a package this parser reads, in one pass over the object.
  enum PackageKey : std::size_t {
    kSpdxId, kName, kPurpose, kVersionInfo, kSupplier, kOriginator, kLicenseDeclared,
    kLicenseConcluded, kDownloadLocation, kHomepage, kChecksums, kExternalRefs, kPackageKeyCount
  };
  static constexpr std::array<std::string_view, kPackageKeyCount> kPackageKeys{
      "SPDXID",          "name",           "primaryPackagePurpose", "versionInfo",
      "supplier",        "originator",     "licenseDeclared",       "licenseConcluded",
      "downloadLocation", "homepage",      "checksums",             "externalRefs"};

  void read_packages(array packages, Spdx2Builder& builder) {
    const JsonPath packages_path("/packages");
    std::size_t index = 0;
    for (element item : packages) {
      const JsonPath path(packages_path, index++);
      auto entry = json_.as_object(item, path);
      if (!entry) continue;
      const Members<kPackageKeyCount> members(*entry, kPackageKeys);
      auto string = [&](PackageKey key) {
        return json_.as_string(members.get(key), JsonPath(path, kPackageKeys[key]));
      };
      const std::string pointer = path.pointer();
      auto id = string(kSpdxId);
      Component& component = builder.add_package(id.value_or(""), at_pointer(pointer));
      if (auto name = string(kName)) {
        component.name = std::string(*name);
      } else if (!members.has(kName)) {
        json_.error(path, "a package needs a 'name'");
      }
      component.type = "library";
      if (auto purpose = string(kPurpose)) component.type = lowercase_purpose(*purpose);
      if (auto version = string(kVersionInfo)) component.version = std::string(*version);
      if (auto supplier = string(kSupplier)) builder.set_supplier(component.supplier, *supplier);
      if (auto originator = string(kOriginator)) {
        builder.set_supplier(component.author, *originator);
      }
      if (auto declared = string(kLicenseDeclared)) {
        builder.add_license(component.declared_licenses, *declared);
      }
      if (auto concluded = string(kLicenseConcluded)) {
        builder.add_license(component.concluded_licenses, *concluded);
      }
      if (auto download = string(kDownloadLocation)) {
        if (*download != "NOASSERTION" && *download != "NONE") {
          component.external_references.push_back(
              ExternalReference{"distribution", std::string(*download)});
        }
      }
      if (auto homepage = string(kHomepage)) {
        if (*homepage != "NOASSERTION" && *homepage != "NONE") {
          component.external_references.push_back(
              ExternalReference{"website", std::string(*homepage)});
        }
      }
      if (auto checksums =
              json_.as_array(members.get(kChecksums), JsonPath(path, kPackageKeys[kChecksums]))) {
        std::size_t checksum_index = 0;
        for (element checksum_item : *checksums) {
          std::string checksum_pointer = json_pointer(pointer + "/checksums", checksum_index++);
          auto checksum = json_.as_object(checksum_item, checksum_pointer);
          if (!checksum) continue;
          auto algorithm = json_.string_at(*checksum, "algorithm", checksum_pointer);
          auto value = json_.string_at(*checksum, "checksumValue", checksum_pointer);
          builder.add_checksum(component, algorithm.value_or(""), value.value_or(""),
                               at_pointer(checksum_pointer));
        }
      }
      if (auto refs = json_.as_array(members.get(kExternalRefs),
                                     JsonPath(path, kPackageKeys[kExternalRefs]))) {
        std::size_t ref_index = 0;
        for (element ref_item : *refs) {
          std::string ref_pointer = json_pointer(pointer + "/externalRefs", ref_index++);
          auto ref = json_.as_object(ref_item, ref_pointer);
          if (!ref) continue;
          auto category = json_.string_at(*ref, "referenceCategory", ref_pointer);
          auto type = json_.string_at(*ref, "referenceType", ref_pointer);
          auto locator = json_.string_at(*ref, "referenceLocator", ref_pointer);
          if (!category || !type || !locator) {
            json_.error(ref_pointer,
                        "an external ref needs referenceCategory, referenceType and "
                        "referenceLocator");
            continue;
          }
          builder.add_external_ref(component, *category, *type, *locator,
                                   at_pointer(ref_pointer + "/referenceLocator"));
        }
      }
    }
  }

  static std::string lowercase_purpose(std::string_view purpose) {
    std::string out(purpose);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c == '_') c = '-';
    }
    return out;
  }

  JsonReader json_;
  SbomParseResult& result_;
  const ParseLimits& limits_;
};

}  // namespace

SbomParseResult parse_spdx2_json(std::string_view bytes, std::string_view file,
                                 const ParseLimits& limits) {
  SbomParseResult result;
  Spdx2JsonParser(file, result, limits).parse(bytes);
  return result;
}

}  // namespace cradle
