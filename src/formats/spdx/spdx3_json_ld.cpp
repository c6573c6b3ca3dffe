#include "formats/spdx/spdx3_json_ld.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_map>

#include "formats/json_reader.h"
#include "formats/source_package.h"
#include "formats/spdx/license_expression.h"

namespace cradle {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

struct PendingRelationship {
  std::string from;
  std::string type;
  std::vector<std::string> to;
  std::string completeness;  // "complete", "incomplete", "noAssertion"; empty when unstated
  std::string pointer;
};

bool is_dependency_relationship(std::string_view type) {
  return type == "dependsOn" || type == "hasDynamicLink" || type == "hasStaticLink" ||
         type == "hasPrerequisite" || type == "contains";
}

// SPDX 3 hash algorithm names -> the model's spelling.
std::string normalize_algorithm(std::string_view algorithm) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kNames{{
      {"md5", "MD5"},
      {"sha1", "SHA-1"},
      {"sha224", "SHA-224"},
      {"sha256", "SHA-256"},
      {"sha384", "SHA-384"},
      {"sha512", "SHA-512"},
      {"sha3_256", "SHA3-256"},
      {"sha3_384", "SHA3-384"},
      {"sha3_512", "SHA3-512"},
      {"blake2b256", "BLAKE2b-256"},
      {"blake2b512", "BLAKE2b-512"},
      {"blake3", "BLAKE3"},
  }};
  for (auto [spdx, model] : kNames) {
    if (algorithm == spdx) return std::string(model);
  }
  return std::string(algorithm);
}

class Spdx3Parser {
 public:
  Spdx3Parser(std::string_view file, SbomParseResult& result, const ParseLimits& limits)
      : json_(file, result.diagnostics), result_(result), limits_(limits) {}

  void parse(std::string_view bytes) {
    auto root = json_.parse_object(bytes, limits_);
    if (!root) return;
    auto graph = json_.array_at(*root, "@graph", "");
    if (!graph) {
      json_.error("/@graph", "missing @graph: not an SPDX 3 JSON-LD document");
      return;
    }
    Sbom sbom;
    sbom.format = SbomFormat::spdx;
    sbom.encoding = "JSON-LD";
    sbom_ = &sbom;

    std::size_t index = 0;
    for (element item : *graph) {
      std::string pointer = json_pointer("/@graph", index++);
      auto entry = json_.as_object(item, pointer);
      if (!entry) continue;
      read_element(*entry, pointer);
    }
    if (sbom.spec_version.empty()) {
      json_.error("/@graph", "no CreationInfo with a specVersion");
      return;
    }
    if (sbom.spec_version != "3.0.0" && sbom.spec_version != "3.0.1") {
      json_.error("/@graph", fmt::format("unsupported SPDX specVersion '{}'; expected 3.0.1",
                                         sbom.spec_version));
      return;
    }
    resolve_relationships();
    result_.sbom = std::move(sbom);
  }

 private:
  void read_element(object entry, const std::string& pointer) {
    auto type = json_.string_at(entry, "type", pointer);
    if (!type) {
      json_.error(pointer, "an element needs a 'type'");
      return;
    }
    std::string id(json_.string_at(entry, "spdxId", pointer).value_or(""));
    if (id.empty()) id = std::string(json_.string_at(entry, "@id", pointer).value_or(""));
    if (!id.empty()) known_.emplace(id, pointer);

    if (*type == "CreationInfo") {
      if (auto version = json_.string_at(entry, "specVersion", pointer)) {
        sbom_->spec_version = std::string(*version);
      }
      if (auto created = json_.string_at(entry, "created", pointer)) {
        sbom_->created = std::string(*created);
        sbom_->evidence.produced_at = sbom_->created;
      }
      read_id_list(entry, "createdBy", pointer, created_by_);
    } else if (*type == "SpdxDocument") {
      sbom_->serial_number = id;
      if (auto name = json_.string_at(entry, "name", pointer)) sbom_->name = std::string(*name);
      read_id_list(entry, "rootElement", pointer, document_roots_);
    } else if (*type == "software_Sbom") {
      read_id_list(entry, "rootElement", pointer, sbom_roots_);
    } else if (*type == "Person" || *type == "Organization" || *type == "Tool" ||
               *type == "SoftwareAgent") {
      if (auto name = json_.string_at(entry, "name", pointer)) agents_[id] = std::string(*name);
      if (*type == "Tool") tool_ids_.push_back(id);
      read_agent_contacts(entry, id, pointer);
    } else if (*type == "software_Package" || *type == "ai_AIPackage" ||
               *type == "dataset_DatasetPackage") {
      // The AI and Dataset profiles' packages are software_Packages too (SPDX 3.0.1).
      read_package(entry, *type, id, pointer);
    } else if (*type == "Relationship") {
      PendingRelationship r;
      r.pointer = pointer;
      r.from = std::string(json_.string_at(entry, "from", pointer).value_or(""));
      r.type = std::string(json_.string_at(entry, "relationshipType", pointer).value_or(""));
      r.completeness = std::string(json_.string_at(entry, "completeness", pointer).value_or(""));
      read_id_list(entry, "to", pointer, r.to);
      if (r.from.empty() || r.type.empty() || r.to.empty()) {
        json_.error(pointer, "a Relationship needs 'from', 'relationshipType' and 'to'");
        return;
      }
      relationships_.push_back(std::move(r));
    } else if (*type == "simplelicensing_LicenseExpression") {
      auto expression = json_.string_at(entry, "simplelicensing_licenseExpression", pointer);
      // NOASSERTION states nothing, as in SPDX 2; NONE (no licence at all) is kept.
      if (expression && *expression != "NOASSERTION") {
        std::string problem = *expression == "NONE" ? "" : license_expression_error(*expression);
        if (!problem.empty()) {
          json_.warning(pointer + "/simplelicensing_licenseExpression", problem + ": kept as written");
        }
        licences_[id] = std::string(*expression);
      }
    } else if (type->starts_with("expandedlicensing_")) {
      // A listed licence's id is its URL; its SPDX id is the last path segment.
      std::string_view name = id;
      if (auto slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
      licences_[id] = std::string(name);
    }
  }

  void read_id_list(object entry, std::string_view key, const std::string& pointer,
                    std::vector<std::string>& out) {
    element value;
    if (entry.at_key(key).get(value)) return;
    std::string_view single;
    if (!value.get_string().get(single)) {
      out.emplace_back(single);
      return;
    }
    array list;
    if (value.get_array().get(list)) {
      json_.error(json_pointer(pointer, key), "expected an element id or an array of them");
      return;
    }
    std::size_t index = 0;
    for (element item : list) {
      if (auto id = json_.as_string(item, json_pointer(json_pointer(pointer, key), index++))) {
        out.emplace_back(*id);
      }
    }
  }

  void read_package(object entry, std::string_view type, const std::string& id,
                    const std::string& pointer) {
    const std::string_view article = type.starts_with("ai_") ? "an" : "a";
    if (id.empty()) json_.error(pointer, fmt::format("{} {} needs an 'spdxId'", article, type));
    if (!id.empty() && !package_index_.emplace(id, sbom_->components.size()).second) {
      // The document is still read: the second element is kept as a component of its own.
      json_.warning(pointer, fmt::format("duplicate spdxId '{}'", id));
    }
    Component& c = sbom_->components.emplace_back();
    c.ref = id;
    // As CycloneDX names the kinds; software_primaryPurpose, when given, says more.
    c.type = type == "ai_AIPackage"            ? "machine-learning-model"
             : type == "dataset_DatasetPackage" ? "data"
                                               : "library";
    if (auto name = json_.string_at(entry, "name", pointer)) {
      c.name = std::string(*name);
    } else if (!JsonReader::has(entry, "name")) {
      json_.error(pointer, fmt::format("{} {} needs a 'name'", article, type));
    }
    if (auto version = json_.string_at(entry, "software_packageVersion", pointer)) {
      c.version = std::string(*version);
    }
    if (auto purpose = json_.string_at(entry, "software_primaryPurpose", pointer)) {
      c.type = std::string(*purpose);
    }
    if (auto download = json_.string_at(entry, "software_downloadLocation", pointer)) {
      c.external_references.push_back(ExternalReference{"distribution", std::string(*download)});
    }
    if (auto purl = json_.string_at(entry, "software_packageUrl", pointer)) {
      set_purl(c, *purl, pointer + "/software_packageUrl");
    }
    if (auto source_info = json_.string_at(entry, "software_sourceInfo", pointer)) {
      if (std::string source = source_package_from_source_info(*source_info); !source.empty()) {
        c.details.edit().source_name = std::move(source);
      }
    }
    for_each_external_identifier(entry, pointer, [&](std::string_view kind, std::string_view value,
                                                     const std::string& item_pointer) {
      if (kind == "packageUrl") {
        set_purl(c, value, item_pointer + "/identifier");
      } else if (kind == "cpe23" || kind == "cpe22") {
        c.details.edit().cpes.emplace_back(value);
      } else {
        c.external_references.push_back(ExternalReference{std::string(kind), std::string(value)});
      }
    });
    if (auto hashes = json_.array_at(entry, "verifiedUsing", pointer)) {
      std::size_t index = 0;
      for (element item : *hashes) {
        std::string item_pointer = json_pointer(pointer + "/verifiedUsing", index++);
        auto hash = json_.as_object(item, item_pointer);
        if (!hash) continue;
        auto algorithm = json_.string_at(*hash, "algorithm", item_pointer);
        auto value = json_.string_at(*hash, "hashValue", item_pointer);
        if (algorithm && value) {
          c.hashes.push_back(Hash{normalize_algorithm(*algorithm), std::string(*value)});
        }
      }
    }
    std::vector<std::string> supplier;
    read_id_list(entry, "suppliedBy", pointer, supplier);
    if (!supplier.empty()) supplier_refs_[sbom_->components.size() - 1] = supplier.front();
    std::vector<std::string> originators;
    read_id_list(entry, "originatedBy", pointer, originators);
    originators.insert(originators.begin(), supplier.begin(), supplier.end());  // supplier first
    for (std::string& agent : originators) {
      contact_refs_.emplace_back(sbom_->components.size() - 1, std::move(agent));
    }
  }

  // An element's externalIdentifiers: visit(type, identifier, its pointer); one without both is
  // an error.
  template <typename Visit>
  void for_each_external_identifier(object entry, const std::string& pointer, Visit visit) {
    auto identifiers = json_.array_at(entry, "externalIdentifier", pointer);
    if (!identifiers) return;
    std::size_t index = 0;
    for (element item : *identifiers) {
      std::string item_pointer = json_pointer(pointer + "/externalIdentifier", index++);
      auto identifier = json_.as_object(item, item_pointer);
      if (!identifier) continue;
      auto kind = json_.string_at(*identifier, "externalIdentifierType", item_pointer);
      auto value = json_.string_at(*identifier, "identifier", item_pointer);
      if (!kind || !value) {
        json_.error(item_pointer, "an externalIdentifier needs a type and an identifier");
        continue;
      }
      visit(*kind, *value, item_pointer);
    }
  }

  // An agent's e-mail addresses and URLs: its externalIdentifiers of type email or urlScheme.
  void read_agent_contacts(object entry, const std::string& id, const std::string& pointer) {
    for_each_external_identifier(
        entry, pointer, [&](std::string_view kind, std::string_view value, const std::string&) {
          if (kind == "email" || kind == "urlScheme") agent_contacts_[id].emplace_back(value);
        });
  }

  void set_purl(Component& c, std::string_view text, const std::string& pointer) {
    if (c.purl) {
      if (to_string(*c.purl) != text) {
        c.external_references.push_back(ExternalReference{"purl", std::string(text)});
      }
      return;
    }
    c.purl_text = std::string(text);
    if (auto purl = parse_purl(text)) {
      c.purl = std::move(*purl);
    } else {
      json_.warning(pointer, fmt::format("invalid purl '{}': {} (column {})", text,
                                         purl.error().message, purl.error().location.column));
    }
  }

  void resolve_relationships() {
    for (auto& [index, agent] : supplier_refs_) {
      auto name = agents_.find(agent);
      sbom_->components[index].details.edit().supplier =
          name != agents_.end() ? name->second : agent;
    }
    for (const auto& tool : tool_ids_) {
      if (auto name = agents_.find(tool); name != agents_.end()) sbom_->tools.push_back(name->second);
    }
    for (const auto& [id, name] : agents_) {
      if (std::ranges::find(tool_ids_, id) == tool_ids_.end()) sbom_->creators.push_back(name);
    }
    std::ranges::sort(sbom_->creators);
    for (const auto& [index, agent] : contact_refs_) {
      if (auto found = agent_contacts_.find(agent); found != agent_contacts_.end()) {
        std::vector<std::string>& contacts = sbom_->components[index].details.edit().contacts;
        contacts.insert(contacts.end(), found->second.begin(), found->second.end());
      }
    }
    for (const std::string& agent : created_by_) {
      if (auto found = agent_contacts_.find(agent); found != agent_contacts_.end()) {
        sbom_->creator_contacts.insert(sbom_->creator_contacts.end(), found->second.begin(),
                                       found->second.end());
      }
    }
    for (const auto& roots : {sbom_roots_, document_roots_}) {
      for (const auto& id : roots) {
        if (package_index_.contains(id)) sbom_->described_refs.push_back(id);
      }
    }
    for (const PendingRelationship& r : relationships_) {
      check_known(r.from, r.pointer + "/from");
      // A dependency relationship from a package lists its dependencies, to NoneElement too.
      if (is_dependency_relationship(r.type) && package_index_.contains(r.from)) {
        sbom_->dependency_lists.push_back(r.from);
        if (!r.completeness.empty()) {
          sbom_->dependency_completeness.push_back(DependencyCompleteness{r.from, r.completeness});
        }
      }
      for (const std::string& to : r.to) {
        check_known(to, r.pointer + "/to");
        auto from_package = package_index_.find(r.from);
        bool both_packages = from_package != package_index_.end() && package_index_.contains(to);
        if (r.type == "hasDeclaredLicense" || r.type == "hasConcludedLicense") {
          auto licence = licences_.find(to);
          if (from_package == package_index_.end() || licence == licences_.end()) {
            ++sbom_->other_relationships;
            continue;
          }
          Component& c = sbom_->components[from_package->second];
          (r.type == "hasDeclaredLicense" ? c.declared_licenses : c.concluded_licenses)
              .push_back(licence->second);
        } else if (both_packages && (r.type == "dependsOn" || r.type == "hasDynamicLink" ||
                                     r.type == "hasStaticLink" || r.type == "hasPrerequisite")) {
          sbom_->dependencies.push_back(Dependency{r.from, to, DependencyKind::depends_on});
        } else if (both_packages && r.type == "contains") {
          sbom_->dependencies.push_back(Dependency{r.from, to, DependencyKind::contains});
        } else if (r.type == "describes" && package_index_.contains(to)) {
          if (std::ranges::find(sbom_->described_refs, to) == sbom_->described_refs.end()) {
            sbom_->described_refs.push_back(to);
          }
        } else {
          ++sbom_->other_relationships;
        }
      }
    }
  }

  // Element ids are IRIs, which may name elements of other documents (SPDX 3 imports), or
  // blank nodes ("_:x"), which can only be local: an unknown blank node is told (a warning: it
  // gives no dependency edge, and changes nothing else that is read).
  void check_known(const std::string& id, const std::string& pointer) {
    if (id.starts_with("_:") && !known_.contains(id)) {
      json_.warning(pointer, fmt::format("relationship names unknown element '{}'", id));
    }
  }

  JsonReader json_;
  SbomParseResult& result_;
  const ParseLimits& limits_;
  Sbom* sbom_ = nullptr;
  std::unordered_map<std::string, std::string> known_;  // id -> pointer
  std::unordered_map<std::string, std::size_t> package_index_;
  std::unordered_map<std::string, std::string> agents_;
  std::unordered_map<std::string, std::string> licences_;
  std::unordered_map<std::size_t, std::string> supplier_refs_;
  std::unordered_map<std::string, std::vector<std::string>> agent_contacts_;
  std::vector<std::pair<std::size_t, std::string>> contact_refs_;  // package index, agent id
  std::vector<std::string> created_by_;
  std::vector<std::string> tool_ids_;
  std::vector<std::string> document_roots_;
  std::vector<std::string> sbom_roots_;
  std::vector<PendingRelationship> relationships_;
};

}  // namespace

SbomParseResult parse_spdx3_json_ld(std::string_view bytes, std::string_view file,
                                    const ParseLimits& limits) {
  SbomParseResult result;
  Spdx3Parser(file, result, limits).parse(bytes);
  return result;
}

}  // namespace cradle
