#include "formats/cyclonedx_vex.h"

#include <fmt/format.h>

#include <unordered_map>

#include "formats/cyclonedx_json.h"
#include "formats/json_reader.h"

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
  product.bom_ref = std::string(ref.substr(hash + 1));
  return product;
}

class CycloneDxVexParser {
 public:
  CycloneDxVexParser(std::string_view file, VexParseResult& result, const ParseLimits& limits)
      : file_(file), json_(file, result.diagnostics), result_(result), limits_(limits) {}

  void parse(std::string_view bytes) {
    // The document is a CycloneDX BOM: its components, metadata and serial number are read by
    // the SBOM reader (and its problems reported as for any SBOM).
    SbomParseResult bom = parse_cyclonedx_json(bytes, file_, limits_);
    for (Diagnostic& d : bom.diagnostics) result_.diagnostics.push_back(std::move(d));
    if (!bom.sbom) return;
    auto root = json_.parse_object(bytes, limits_);
    if (!root) return;
    result_.read = true;
    sbom_ = &*bom.sbom;
    if (sbom_->primary_component) local_[sbom_->primary_component->ref] = &*sbom_->primary_component;
    for (const Component& component : sbom_->components) local_[component.ref] = &component;
    author_ = sbom_->creators.empty() ? std::string() : sbom_->creators.front();
    document_id_ = sbom_->serial_number.empty()
                       ? std::string()
                       : fmt::format("{}/{}", sbom_->serial_number, sbom_->bom_version);

    auto vulnerabilities = json_.array_at(*root, "vulnerabilities", "");
    if (!vulnerabilities) {
      json_.error("/vulnerabilities", "a CycloneDX VEX document needs 'vulnerabilities'");
      return;
    }
    std::size_t index = 0;
    for (element item : *vulnerabilities) {
      const std::string pointer = json_pointer("/vulnerabilities", index++);
      if (auto vulnerability = json_.as_object(item, pointer)) read_vulnerability(*vulnerability, pointer);
    }
  }

 private:
  struct Narrowed {
    VexProduct product;
    std::optional<VexStatus> version_status;  // the status its versions[] entries state
  };

  void read_vulnerability(object vulnerability, const std::string& pointer) {
    VexStatement statement;
    statement.vulnerability = std::string(json_.string_at(vulnerability, "id", pointer).value_or(""));
    if (statement.vulnerability.empty()) {
      json_.error(pointer + "/id", "a vulnerability needs 'id'");
      return;
    }
    if (auto references = json_.array_at(vulnerability, "references", pointer)) {
      std::size_t i = 0;
      for (element reference : *references) {
        const std::string reference_pointer = json_pointer(pointer + "/references", i++);
        if (auto entry = json_.as_object(reference, reference_pointer)) {
          if (auto id = json_.string_at(*entry, "id", reference_pointer)) statement.aliases.emplace_back(*id);
        }
      }
    }
    statement.author = author_;
    statement.document_id = document_id_;
    statement.timestamp = sbom_->created;
    for (std::string_view key : {"published", "updated"}) {
      if (auto time = json_.string_at(vulnerability, key, pointer)) statement.timestamp = std::string(*time);
    }

    std::optional<VexStatus> state;
    if (auto analysis = json_.object_at(vulnerability, "analysis", pointer)) {
      const std::string analysis_pointer = pointer + "/analysis";
      if (auto text = json_.string_at(*analysis, "state", analysis_pointer)) {
        state = status_of_state(*text);
        if (!state) {
          json_.error(analysis_pointer + "/state",
                      fmt::format("'{}' is not an analysis state (not_affected, false_positive, "
                                  "exploitable, resolved, resolved_with_pedigree, in_triage)",
                                  *text));
          return;
        }
        if (*text == "false_positive") statement.justification = "false_positive";
      }
      if (auto justification = json_.string_at(*analysis, "justification", analysis_pointer)) {
        statement.justification = std::string(*justification);
      }
      statement.impact_statement =
          std::string(json_.string_at(*analysis, "detail", analysis_pointer).value_or(""));
      if (auto responses = json_.array_at(*analysis, "response", analysis_pointer)) {
        std::size_t i = 0;
        for (element response : *responses) {
          if (auto text = json_.as_string(response, json_pointer(analysis_pointer + "/response", i++))) {
            if (!statement.action_statement.empty()) statement.action_statement += ", ";
            statement.action_statement += *text;
          }
        }
      }
      for (std::string_view key : {"firstIssued", "lastUpdated"}) {
        if (auto time = json_.string_at(*analysis, key, analysis_pointer)) statement.timestamp = std::string(*time);
      }
    }

    std::vector<Narrowed> products;
    if (auto affects = json_.array_at(vulnerability, "affects", pointer)) {
      std::size_t i = 0;
      for (element affect : *affects) {
        const std::string affect_pointer = json_pointer(pointer + "/affects", i++);
        if (auto entry = json_.as_object(affect, affect_pointer)) read_affect(*entry, affect_pointer, products);
      }
    }

    if (state) {
      statement.status = *state;
      for (const Narrowed& narrowed : products) {
        if (narrowed.version_status && !agrees(*narrowed.version_status, *state)) {
          json_.warning(pointer, fmt::format("affects[].versions[] say {} but analysis.state says "
                                             "{}; the analysis applies",
                                             to_string(*narrowed.version_status), to_string(*state)));
        }
        statement.products.push_back(narrowed.product);
      }
      if (statement.products.empty()) {
        json_.warning(pointer, "no 'affects': the statement applies to the scanned product");
      }
      add(std::move(statement), pointer);
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
      add(std::move(per_status), pointer);
    }
    if (!any) {
      json_.warning(pointer, "neither 'analysis' nor affects[].versions[] statuses: not a VEX "
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

  void add(VexStatement statement, const std::string& pointer) {
    if (statement.status == VexStatus::not_affected && statement.justification.empty() &&
        statement.impact_statement.empty()) {
      json_.warning(pointer, "a not_affected statement needs a justification or a detail; it "
                             "suppresses nothing");
    }
    result_.statements.push_back(std::move(statement));
  }

  // One affects[] entry: what its ref names, narrowed by its versions[]. Entries whose
  // versions state different statuses are split, one product per status.
  void read_affect(object affect, const std::string& pointer, std::vector<Narrowed>& out) {
    auto ref = json_.string_at(affect, "ref", pointer);
    if (!ref || ref->empty()) {
      json_.error(pointer + "/ref", "an affects entry needs 'ref'");
      return;
    }
    VexProduct product = resolve(*ref);
    auto versions = json_.array_at(affect, "versions", pointer);
    if (!versions || versions->size() == 0) {
      out.push_back({std::move(product), std::nullopt});
      return;
    }
    // The versions listed replace the version the referenced component states.
    product.versions.clear();
    std::vector<Narrowed> by_status;
    std::size_t i = 0;
    for (element item : *versions) {
      const std::string version_pointer = json_pointer(pointer + "/versions", i++);
      auto entry = json_.as_object(item, version_pointer);
      if (!entry) continue;
      auto version = json_.string_at(*entry, "version", version_pointer);
      auto range = json_.string_at(*entry, "range", version_pointer);
      if (!version == !range) {
        json_.error(version_pointer, "a versions entry has exactly one of 'version' and 'range'");
        continue;
      }
      // CycloneDX's default status is "affected".
      const std::string_view status_text =
          json_.string_at(*entry, "status", version_pointer).value_or("affected");
      auto status = status_of_version_status(status_text);
      if (!status) {
        json_.error(version_pointer + "/status", "status must be affected, unaffected or unknown");
        continue;
      }
      auto same = std::ranges::find_if(by_status, [&](const Narrowed& n) { return n.version_status == status; });
      if (same == by_status.end()) {
        by_status.push_back({product, status});
        same = by_status.end() - 1;
      }
      same->product.versions.emplace_back(version ? *version : *range);
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
  JsonReader json_;
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
