#include "formats/vex/cyclonedx_vex.h"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "formats/cyclonedx/cyclonedx_json.h"
#include "formats/cyclonedx/cyclonedx_xml.h"
#include "formats/cyclonedx/cyclonedx_xml_nodes.h"
#include "formats/document_kind.h"
#include "formats/json_reader.h"
#include "model/percent_encoding.h"

namespace cradle {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

std::optional<VexStatus> status_of_state(std::string_view state) {
  if (state == "not_affected" || state == "false_positive") return VexStatus::not_affected;
  if (state == "exploitable") return VexStatus::affected;
  if (state == "resolved" || state == "resolved_with_pedigree") return VexStatus::fixed;
  if (state == "in_triage") return VexStatus::under_investigation;
  return std::nullopt;
}

std::optional<VexStatus> status_of_version_status(std::string_view status) {
  if (status == "affected") return VexStatus::affected;
  if (status == "unaffected") return VexStatus::not_affected;
  if (status == "unknown") return VexStatus::under_investigation;
  return std::nullopt;
}

// "urn:cdx:<serial>/<version>#<bom-ref>" -> the product it names.
std::optional<VexProduct> bom_link(std::string_view ref) {
  if (!ref.starts_with("urn:cdx:")) return std::nullopt;
  const std::size_t hash = ref.find('#');
  const std::size_t slash = ref.rfind('/', hash);
  if (hash == std::string_view::npos || slash == std::string_view::npos || slash < 8) {
    return std::nullopt;
  }
  VexProduct product;
  product.bom_serial = fmt::format("urn:uuid:{}", ref.substr(8, slash - 8));
  product.bom_version = std::string(ref.substr(slash + 1, hash - slash - 1));
  product.bom_ref = percent_decoded(ref.substr(hash + 1));  // a URI fragment, percent-encoded
  return product;
}

// One entry of a BOM's vulnerabilities as written, JSON or XML alike, with where its parts are
// (JSON pointers or line:column), so that the statements are made once for both encodings.
struct VersionEntry {
  SourceLocation at;
  SourceLocation status_at;
  std::optional<std::string> version;
  std::optional<std::string> range;
  std::optional<std::string> status;
};

struct Affect {
  SourceLocation at;
  SourceLocation ref_at;
  std::string ref;
  std::vector<VersionEntry> versions;
};

struct Analysis {
  SourceLocation state_at;
  std::optional<std::string> state;
  std::optional<std::string> justification;
  std::string detail;
  std::vector<std::string> responses;
  std::optional<std::string> first_issued;
  std::optional<std::string> last_updated;
};

struct Vulnerability {
  SourceLocation at;
  SourceLocation id_at;
  std::string id;
  std::vector<std::string> reference_ids;
  std::optional<std::string> published;
  std::optional<std::string> updated;
  std::optional<Analysis> analysis;
  std::vector<Affect> affects;
  std::vector<std::pair<std::string, std::string>> properties;  // name, value
};

SourceLocation pointer_at(std::string pointer) { return SourceLocation{0, 0, std::move(pointer)}; }

// The vulnerabilities of a CycloneDX JSON document; type errors are reported as read.
class JsonVulnerabilities {
 public:
  JsonVulnerabilities(std::string_view file, std::vector<Diagnostic>& diagnostics)
      : json_(file, diagnostics) {}

  // nullopt when the document cannot be read or has no vulnerabilities (said in a diagnostic).
  std::optional<std::vector<Vulnerability>> read(std::string_view bytes, const ParseLimits& limits) {
    auto root = json_.parse_object(bytes, limits);
    if (!root) return std::nullopt;
    auto vulnerabilities = json_.array_at(*root, "vulnerabilities", "");
    if (!vulnerabilities) {
      json_.error("/vulnerabilities", "a CycloneDX VEX document needs 'vulnerabilities'");
      return std::nullopt;
    }
    std::vector<Vulnerability> out;
    std::size_t index = 0;
    for (element item : *vulnerabilities) {
      const std::string pointer = json_pointer("/vulnerabilities", index++);
      if (auto entry = json_.as_object(item, pointer)) out.push_back(vulnerability(*entry, pointer));
    }
    return out;
  }

 private:
  std::optional<std::string> string(object parent, std::string_view key, const std::string& pointer) {
    auto text = json_.string_at(parent, key, pointer);
    return text ? std::optional<std::string>(std::string(*text)) : std::nullopt;
  }

  Vulnerability vulnerability(object entry, const std::string& pointer) {
    Vulnerability v;
    v.at = pointer_at(pointer);
    v.id_at = pointer_at(pointer + "/id");
    v.id = string(entry, "id", pointer).value_or("");
    if (auto references = json_.array_at(entry, "references", pointer)) {
      std::size_t i = 0;
      for (element reference : *references) {
        const std::string reference_pointer = json_pointer(pointer + "/references", i++);
        if (auto item = json_.as_object(reference, reference_pointer)) {
          if (auto id = string(*item, "id", reference_pointer)) v.reference_ids.push_back(*id);
        }
      }
    }
    v.published = string(entry, "published", pointer);
    v.updated = string(entry, "updated", pointer);
    if (auto analysis = json_.object_at(entry, "analysis", pointer)) {
      const std::string at = pointer + "/analysis";
      Analysis& a = v.analysis.emplace();
      a.state_at = pointer_at(at + "/state");
      a.state = string(*analysis, "state", at);
      a.justification = string(*analysis, "justification", at);
      a.detail = string(*analysis, "detail", at).value_or("");
      if (auto responses = json_.array_at(*analysis, "response", at)) {
        std::size_t i = 0;
        for (element response : *responses) {
          if (auto text = json_.as_string(response, json_pointer(at + "/response", i++)))
            a.responses.emplace_back(*text);
        }
      }
      a.first_issued = string(*analysis, "firstIssued", at);
      a.last_updated = string(*analysis, "lastUpdated", at);
    }
    if (auto affects = json_.array_at(entry, "affects", pointer)) {
      std::size_t i = 0;
      for (element item : *affects) {
        const std::string affect_pointer = json_pointer(pointer + "/affects", i++);
        if (auto affect = json_.as_object(item, affect_pointer)) v.affects.push_back(this->affect(*affect, affect_pointer));
      }
    }
    if (auto properties = json_.array_at(entry, "properties", pointer)) {
      std::size_t i = 0;
      for (element item : *properties) {
        const std::string property_pointer = json_pointer(pointer + "/properties", i++);
        auto property = json_.as_object(item, property_pointer);
        if (!property) continue;
        auto name = string(*property, "name", property_pointer);
        if (name) v.properties.emplace_back(*name, string(*property, "value", property_pointer).value_or(""));
      }
    }
    return v;
  }

  Affect affect(object entry, const std::string& pointer) {
    Affect a;
    a.at = pointer_at(pointer);
    a.ref_at = pointer_at(pointer + "/ref");
    a.ref = string(entry, "ref", pointer).value_or("");
    if (auto versions = json_.array_at(entry, "versions", pointer)) {
      std::size_t i = 0;
      for (element item : *versions) {
        const std::string version_pointer = json_pointer(pointer + "/versions", i++);
        auto version = json_.as_object(item, version_pointer);
        if (!version) continue;
        a.versions.push_back(VersionEntry{pointer_at(version_pointer),
                                          pointer_at(version_pointer + "/status"),
                                          string(*version, "version", version_pointer),
                                          string(*version, "range", version_pointer),
                                          string(*version, "status", version_pointer)});
      }
    }
    return a;
  }

  JsonReader json_;
};

// The vulnerabilities of a CycloneDX XML document (1.4+: <vulnerabilities><vulnerability>).
class XmlVulnerabilities {
 public:
  XmlVulnerabilities(std::string_view file, std::vector<Diagnostic>& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  std::optional<std::vector<Vulnerability>> read(std::string_view bytes) {
    // The BOM reader has accepted the document: it parses, and its root is a CycloneDX <bom>.
    pugi::xml_document document;
    if (!document.load_buffer(bytes.data(), bytes.size(),
                              pugi::parse_default | pugi::parse_ws_pcdata_single,
                              pugi::encoding_utf8)) {
      return std::nullopt;
    }
    pugi::xml_node root = document.document_element();
    nodes_ = CycloneDxXmlNodes(bytes, root);
    pugi::xml_node list = nodes_.child(root, "vulnerabilities");
    if (!list) {
      diagnostics_.push_back(Diagnostic{Severity::error, std::string(file_), nodes_.at(root),
                                        "a CycloneDX VEX document needs <vulnerabilities>"});
      return std::nullopt;
    }
    std::vector<Vulnerability> out;
    nodes_.each(list, "vulnerability", [&](pugi::xml_node node) { out.push_back(vulnerability(node)); });
    return out;
  }

 private:
  std::optional<std::string> optional_text(pugi::xml_node parent, std::string_view name) const {
    pugi::xml_node node = nodes_.child(parent, name);
    return node ? std::optional<std::string>(node.child_value()) : std::nullopt;
  }
  // Where a child is, else where its parent is.
  SourceLocation at(pugi::xml_node parent, std::string_view name) const {
    pugi::xml_node node = nodes_.child(parent, name);
    return nodes_.at(node ? node : parent);
  }

  Vulnerability vulnerability(pugi::xml_node node) const {
    Vulnerability v;
    v.at = nodes_.at(node);
    v.id_at = at(node, "id");
    v.id = nodes_.text(node, "id");
    if (pugi::xml_node references = nodes_.child(node, "references")) {
      nodes_.each(references, "reference", [&](pugi::xml_node reference) {
        if (auto id = optional_text(reference, "id")) v.reference_ids.push_back(*id);
      });
    }
    v.published = optional_text(node, "published");
    v.updated = optional_text(node, "updated");
    if (pugi::xml_node analysis = nodes_.child(node, "analysis")) {
      Analysis& a = v.analysis.emplace();
      a.state_at = at(analysis, "state");
      a.state = optional_text(analysis, "state");
      a.justification = optional_text(analysis, "justification");
      a.detail = nodes_.text(analysis, "detail");
      if (pugi::xml_node responses = nodes_.child(analysis, "responses")) {
        nodes_.each(responses, "response",
                    [&](pugi::xml_node response) { a.responses.emplace_back(response.child_value()); });
      }
      a.first_issued = optional_text(analysis, "firstIssued");
      a.last_updated = optional_text(analysis, "lastUpdated");
    }
    if (pugi::xml_node affects = nodes_.child(node, "affects")) {
      nodes_.each(affects, "target", [&](pugi::xml_node target) {
        Affect affect{nodes_.at(target), at(target, "ref"), nodes_.text(target, "ref"), {}};
        if (pugi::xml_node versions = nodes_.child(target, "versions")) {
          nodes_.each(versions, "version", [&](pugi::xml_node entry) {
            affect.versions.push_back(VersionEntry{nodes_.at(entry), at(entry, "status"),
                                                   optional_text(entry, "version"),
                                                   optional_text(entry, "range"),
                                                   optional_text(entry, "status")});
          });
        }
        v.affects.push_back(std::move(affect));
      });
    }
    if (pugi::xml_node properties = nodes_.child(node, "properties")) {
      nodes_.each(properties, "property", [&](pugi::xml_node property) {
        v.properties.emplace_back(property.attribute("name").value(), property.child_value());
      });
    }
    return v;
  }

  std::string_view file_;
  std::vector<Diagnostic>& diagnostics_;
  CycloneDxXmlNodes nodes_;
};

// The statements of a BOM's vulnerabilities, in either encoding.
class CycloneDxVexParser {
 public:
  CycloneDxVexParser(std::string_view file, VexParseResult& result, const ParseLimits& limits)
      : file_(file), result_(result), limits_(limits) {}

  void parse(std::string_view bytes) {
    // The document is a CycloneDX BOM: its components, metadata and serial number are read by
    // the SBOM reader (and its problems reported as for any SBOM).
    const bool xml = detect_document_kind(bytes) == DocumentKind::cyclonedx_xml;
    SbomParseResult bom = xml ? parse_cyclonedx_xml(bytes, file_, limits_)
                              : parse_cyclonedx_json(bytes, file_, limits_);
    for (Diagnostic& d : bom.diagnostics) result_.diagnostics.push_back(std::move(d));
    if (!bom.sbom) return;
    auto vulnerabilities = xml ? XmlVulnerabilities(file_, result_.diagnostics).read(bytes)
                               : JsonVulnerabilities(file_, result_.diagnostics).read(bytes, limits_);
    if (!vulnerabilities) return;
    result_.read = true;
    sbom_ = &*bom.sbom;
    if (sbom_->primary_component) local_[sbom_->primary_component->ref] = &*sbom_->primary_component;
    for (const Component& component : sbom_->components) local_[component.ref] = &component;
    author_ = sbom_->creators.empty() ? std::string() : sbom_->creators.front();
    document_id_ = sbom_->serial_number.empty()
                       ? std::string()
                       : fmt::format("{}/{}", sbom_->serial_number, sbom_->bom_version);
    for (const Vulnerability& vulnerability : *vulnerabilities) read_vulnerability(vulnerability);
  }

 private:
  struct Narrowed {
    VexProduct product;
    std::optional<VexStatus> version_status;  // the status its versions[] entries state
  };

  void error(const SourceLocation& at, std::string message) {
    result_.diagnostics.push_back(Diagnostic{Severity::error, std::string(file_), at, std::move(message)});
  }
  void warning(const SourceLocation& at, std::string message) {
    result_.diagnostics.push_back(Diagnostic{Severity::warning, std::string(file_), at, std::move(message)});
  }

  void read_vulnerability(const Vulnerability& vulnerability) {
    VexStatement statement;
    statement.vulnerability = vulnerability.id;
    if (statement.vulnerability.empty()) {
      error(vulnerability.id_at, "a vulnerability needs 'id'");
      return;
    }
    statement.aliases = vulnerability.reference_ids;
    statement.author = author_;
    statement.document_id = document_id_;
    statement.timestamp = sbom_->created;
    for (const auto& time : {vulnerability.published, vulnerability.updated}) {
      if (time) statement.timestamp = *time;
    }

    std::optional<VexStatus> state;
    if (const auto& analysis = vulnerability.analysis) {
      if (analysis->state) {
        state = status_of_state(*analysis->state);
        if (!state) {
          error(analysis->state_at,
                fmt::format("'{}' is not an analysis state (not_affected, false_positive, "
                            "exploitable, resolved, resolved_with_pedigree, in_triage)",
                            *analysis->state));
          return;
        }
        if (*analysis->state == "false_positive") statement.justification = "false_positive";
      }
      if (analysis->justification) statement.justification = *analysis->justification;
      statement.impact_statement = analysis->detail;
      for (const std::string& response : analysis->responses) {
        if (!statement.action_statement.empty()) statement.action_statement += ", ";
        statement.action_statement += response;
      }
      for (const auto& time : {analysis->first_issued, analysis->last_updated}) {
        if (time) statement.timestamp = *time;
      }
    }

    // What cradle's own CycloneDX VEX keeps of a statement beyond CycloneDX's fields.
    for (const auto& [name, value] : vulnerability.properties) {
      if (name == "cradle:vex:author") statement.author = value;
      if (name == "cradle:vex:justification") statement.justification = value;
      if (name == "cradle:vex:action_statement") statement.action_statement = value;
    }

    std::vector<Narrowed> products;
    for (const Affect& affect : vulnerability.affects) read_affect(affect, products);

    if (state) {
      statement.status = *state;
      for (const Narrowed& narrowed : products) {
        if (narrowed.version_status && !agrees(*narrowed.version_status, *state)) {
          warning(vulnerability.at,
                  fmt::format("affects[].versions[] say {} but analysis.state says {}; the "
                              "analysis applies",
                              to_string(*narrowed.version_status), to_string(*state)));
        }
        statement.products.push_back(narrowed.product);
      }
      if (statement.products.empty()) {
        warning(vulnerability.at, "no 'affects': the statement applies to the scanned product");
      }
      add(std::move(statement), vulnerability.at);
      return;
    }
    // No analysis: a statement per status its versions state (a vulnerability listed without
    // either is a finding of the document's author, not a VEX statement).
    bool any = false;
    for (VexStatus status : {VexStatus::affected, VexStatus::not_affected, VexStatus::under_investigation}) {
      VexStatement per_status = statement;
      per_status.status = status;
      for (const Narrowed& narrowed : products) {
        if (narrowed.version_status == status) per_status.products.push_back(narrowed.product);
      }
      if (per_status.products.empty()) continue;
      any = true;
      add(std::move(per_status), vulnerability.at);
    }
    if (!any) {
      warning(vulnerability.at, "neither 'analysis' nor affects[].versions[] statuses: not a VEX "
                                "statement, ignored");
    }
  }

  static bool agrees(VexStatus version_status, VexStatus state) {
    switch (version_status) {
      case VexStatus::affected: return state != VexStatus::not_affected;
      case VexStatus::not_affected: return state == VexStatus::not_affected || state == VexStatus::fixed;
      default: return true;
    }
  }

  void add(VexStatement statement, const SourceLocation& at) {
    if (statement.status == VexStatus::not_affected && statement.justification.empty() &&
        statement.impact_statement.empty()) {
      warning(at, "a not_affected statement needs a justification or a detail; it suppresses "
                  "nothing");
    }
    result_.statements.push_back(std::move(statement));
  }

  // One affects[] entry: what its ref names, narrowed by its versions[]. Entries whose
  // versions state different statuses are split, one product per status.
  void read_affect(const Affect& affect, std::vector<Narrowed>& out) {
    if (affect.ref.empty()) {
      error(affect.ref_at, "an affects entry needs 'ref'");
      return;
    }
    VexProduct product = resolve(affect.ref);
    if (affect.versions.empty()) {
      out.push_back({std::move(product), std::nullopt});
      return;
    }
    // The versions listed replace the version the referenced component states.
    product.versions.clear();
    std::vector<Narrowed> by_status;
    for (const VersionEntry& entry : affect.versions) {
      if (!entry.version == !entry.range) {
        error(entry.at, "a versions entry has exactly one of 'version' and 'range'");
        continue;
      }
      // CycloneDX's default status is "affected".
      auto status = status_of_version_status(entry.status.value_or("affected"));
      if (!status) {
        error(entry.status_at, "status must be affected, unaffected or unknown");
        continue;
      }
      auto same = std::ranges::find_if(by_status, [&](const Narrowed& n) { return n.version_status == status; });
      if (same == by_status.end()) {
        by_status.push_back({product, status});
        same = by_status.end() - 1;
      }
      same->product.versions.push_back(entry.version ? *entry.version : *entry.range);
    }
    for (Narrowed& narrowed : by_status) out.push_back(std::move(narrowed));
  }

  VexProduct resolve(std::string_view ref) {
    if (auto linked = bom_link(ref)) return *linked;
    VexProduct product;
    auto local = local_.find(std::string(ref));
    if (local == local_.end()) {
      product.bom_ref = std::string(ref);  // a bom-ref of the SBOM this VEX accompanies
      return product;
    }
    const Component& component = *local->second;
    if (component.purl) {
      product.id = to_string(*component.purl);
      return product;
    }
    // Known by bom-ref within this document's serial number (the document may be the SBOM
    // being scanned, with its VEX embedded), and otherwise by name and version.
    if (!sbom_->serial_number.empty()) {
      product.bom_ref = component.ref;
      product.bom_serial = sbom_->serial_number;
    }
    product.name = component.name;
    if (!component.version.empty()) product.versions.push_back(component.version);
    return product;
  }

  std::string_view file_;
  VexParseResult& result_;
  const ParseLimits& limits_;
  const Sbom* sbom_ = nullptr;
  std::unordered_map<std::string, const Component*> local_;
  std::string author_;
  std::string document_id_;
};

}  // namespace

VexParseResult parse_cyclonedx_vex(std::string_view bytes, std::string_view file,
                                   const ParseLimits& limits) {
  VexParseResult result;
  CycloneDxVexParser(file, result, limits).parse(bytes);
  stamp_vex_evidence(result, bytes, "CycloneDX VEX");
  return result;
}

}  // namespace cradle
