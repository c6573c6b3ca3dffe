#include "report/openvex_report.h"

#include <fmt/format.h>

#include "report/cyclonedx_vex_report.h"

namespace cradle {

nlohmann::ordered_json scan_report_openvex(const ScanReport& report) {
  const Sbom& sbom = *report.sbom;
  const Component* product = sbom.primary_component && sbom.primary_component->purl
                                 ? &*sbom.primary_component
                                 : nullptr;
  std::string seed = sbom.evidence.sha256;
  nlohmann::ordered_json statements = nlohmann::ordered_json::array();
  for (const ComponentResult& result : report.components) {
    const Component& component = sbom.components[result.component_index];
    if (!component.purl) continue;  // a finding needs a purl; kept for symmetry
    for (const Finding& finding : result.findings) {
      nlohmann::ordered_json statement;
      nlohmann::ordered_json vulnerability{{"name", finding.primary_id}};
      nlohmann::ordered_json aliases = nlohmann::ordered_json::array();
      for (const std::string& id : finding.ids) {
        if (id != finding.primary_id) aliases.push_back(id);
      }
      if (!aliases.empty()) vulnerability["aliases"] = std::move(aliases);
      statement["vulnerability"] = std::move(vulnerability);

      const std::string component_purl = to_string(*component.purl);
      nlohmann::ordered_json subject;
      if (product != nullptr) {
        subject["@id"] = to_string(*product->purl);
        subject["subcomponents"] = nlohmann::ordered_json::array({{{"@id", component_purl}}});
      } else {
        subject["@id"] = component_purl;
      }
      statement["products"] = nlohmann::ordered_json::array({std::move(subject)});

      for (const MatchedAdvisory& match : finding.matches) seed += match.evidence->sha256;
      if (finding.vex) {
        const VexStatement& vex = *finding.vex;
        seed += vex.evidence.sha256;
        statement["status"] = std::string(to_string(vex.status));
        if (vex.status == VexStatus::not_affected) {
          if (auto label = openvex_justification(vex.justification); !label.empty()) {
            statement["justification"] = std::string(label);
          }
          std::string impact = vex.impact_statement;
          // A justification without an OpenVEX label (CycloneDX's false_positive, say) is kept
          // in words, so that the statement stays valid.
          if (!vex.justification.empty() && openvex_justification(vex.justification).empty()) {
            impact = fmt::format("{}{}", vex.justification, impact.empty() ? "" : ": " + impact);
          }
          if (!impact.empty()) statement["impact_statement"] = impact;
        }
        if (vex.status == VexStatus::affected) {
          statement["action_statement"] =
              vex.action_statement.empty() ? std::string("No action statement was given.") : vex.action_statement;
        }
        statement["status_notes"] = fmt::format("From {} by {} (sha256:{})", vex.evidence.kind, vex.author,
                                                vex.evidence.sha256);
        if (!vex.timestamp.empty()) statement["timestamp"] = vex.timestamp;
      } else if (finding.verdict == "affected") {
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
  nlohmann::ordered_json document;
  document["@context"] = "https://openvex.dev/ns/v0.2.0";
  std::string id = uuid_from(seed);
  document["@id"] = fmt::format("https://openvex.dev/docs/cradle/{}", id.substr(9));
  document["author"] = "cradle";
  if (!report.now.empty()) document["timestamp"] = report.now;
  document["version"] = 1;
  document["tooling"] = fmt::format("cradle {}", CRADLE_VERSION);
  document["statements"] = std::move(statements);
  return document;
}

}  // namespace cradle
