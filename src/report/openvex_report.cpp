#include "report/openvex_report.h"

#include <fmt/format.h>

#include <set>
#include <utility>

#include "report/cyclonedx_vex_report.h"

namespace cradle {
namespace {

nlohmann::ordered_json vulnerability_json(const Finding& finding) {
  nlohmann::ordered_json vulnerability{{"name", finding.primary_id}};
  nlohmann::ordered_json aliases = nlohmann::ordered_json::array();
  for (const std::string& id : finding.ids) {
    if (id != finding.primary_id) aliases.push_back(id);
  }
  if (!aliases.empty()) vulnerability["aliases"] = std::move(aliases);
  return vulnerability;
}

// Status, justification and the statements that go with them, from the VEX statement that
// applied.
void carry_over(const VexStatement& vex, const std::string& product, nlohmann::ordered_json& statement,
                std::vector<std::string>& warnings) {
  statement["status"] = std::string(to_string(vex.status));
  if (vex.status == VexStatus::not_affected) {
    const std::string_view label = openvex_justification(vex.justification);
    if (!label.empty()) statement["justification"] = std::string(label);
    std::string impact = vex.impact_statement;
    // A justification without an OpenVEX label (CycloneDX's false_positive, say) is kept in
    // words, so that the statement stays valid.
    if (!vex.justification.empty() && label.empty()) {
      impact = fmt::format("{}{}", vex.justification, impact.empty() ? "" : ": " + impact);
    }
    if (label.empty() && impact.empty()) {
      impact = fmt::format("{} states not_affected without a justification or impact statement.",
                           vex.author.empty() ? vex.evidence.source : vex.author);
      warnings.push_back(fmt::format(
          "{} for {}: not_affected without a justification (from {}); the OpenVEX statement says so "
          "in its impact_statement",
          vex.vulnerability, product, vex.evidence.source));
    }
    if (!impact.empty()) statement["impact_statement"] = impact;
  }
  if (vex.status == VexStatus::affected) {
    statement["action_statement"] =
        vex.action_statement.empty() ? std::string("No action statement was given.") : vex.action_statement;
  }
  statement["status_notes"] = fmt::format("Stated by {} in {} (sha256:{})", vex.author.empty() ? "an unnamed author" : vex.author,
                                          vex.evidence.kind, vex.evidence.sha256);
  if (!vex.timestamp.empty()) statement["timestamp"] = vex.timestamp;
}

}  // namespace

OpenVexDocument scan_report_openvex(const ScanReport& report, const OpenVexOptions& options) {
  OpenVexDocument out;
  const Sbom& sbom = *report.sbom;
  const Component* described = described_component(sbom);
  const std::string product_purl = described != nullptr && described->purl ? to_string(*described->purl) : "";
  std::set<std::pair<std::string, std::string>> stated;  // (vulnerability, component purl)
  nlohmann::ordered_json statements = nlohmann::ordered_json::array();
  for (const ComponentResult& result : report.components) {
    const Component& component = sbom.components[result.component_index];
    if (!component.purl) continue;  // a finding needs a purl
    const std::string component_purl = to_string(*component.purl);
    for (const Finding& finding : result.findings) {
      if (!stated.emplace(finding.primary_id, component_purl).second) continue;
      nlohmann::ordered_json statement;
      statement["vulnerability"] = vulnerability_json(finding);
      nlohmann::ordered_json subject;
      if (!product_purl.empty() && product_purl != component_purl) {
        subject["@id"] = product_purl;
        subject["subcomponents"] = nlohmann::ordered_json::array({{{"@id", component_purl}}});
      } else {
        subject["@id"] = component_purl;
      }
      statement["products"] = nlohmann::ordered_json::array({std::move(subject)});

      if (finding.vex) {
        carry_over(*finding.vex, component_purl, statement, out.warnings);
      } else if (finding.verdict == Verdict::affected) {
        statement["status"] = "affected";
        statement["action_statement"] =
            finding.nearest_fix.empty()
                ? std::string("No fixed version is known; see the advisory.")
                : fmt::format("Upgrade {} to {} or later.", component_purl, finding.nearest_fix);
      } else {
        statement["status"] = "under_investigation";
        statement["status_notes"] = "cradle could not evaluate the advisory's ranges for this version.";
      }
      statements.push_back(std::move(statement));
    }
  }
  nlohmann::ordered_json& document = out.document;
  document["@context"] = "https://openvex.dev/ns/v0.2.0";
  document["@id"] = "";
  document["author"] = options.author;
  if (!report.now.empty()) document["timestamp"] = report.now;
  document["version"] = 1;
  document["tooling"] = fmt::format("cradle {}", CRADLE_VERSION);
  document["statements"] = std::move(statements);
  // The id derives from everything else the document says (and the SBOM it speaks of): the
  // same document, the same id; any other, another.
  const std::string uuid = uuid_from(sbom.evidence.sha256 + document.dump()).substr(9);
  document["@id"] = (options.id_prefix.empty() ? std::string("urn:uuid:") : options.id_prefix) + uuid;
  return out;
}

}  // namespace cradle
