#include "report/sarif_report.h"

#include <fmt/format.h>

#include <map>

namespace cradle {
namespace {

// SARIF levels: error for high and critical, warning for medium and for what could not be
// scored or evaluated, note for low.
std::string_view level(const Finding& finding) {
  if (finding.verdict != "affected") return "note";
  if (finding.rating == "critical" || finding.rating == "high") return "error";
  if (finding.rating == "low" || finding.rating == "none") return "note";
  return "warning";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

nlohmann::ordered_json scan_report_sarif(const ScanReport& report) {
  // Rules: one per vulnerability, sorted by id.
  std::map<std::string, const Finding*> rules;
  for (const ComponentResult& result : report.components) {
    for (const Finding& finding : result.findings) rules.emplace(finding.primary_id, &finding);
  }
  std::map<std::string, std::size_t> rule_index;
  nlohmann::ordered_json rule_list = nlohmann::ordered_json::array();
  for (const auto& [id, finding] : rules) {
    rule_index[id] = rule_list.size();
    nlohmann::ordered_json rule;
    rule["id"] = id;
    rule["name"] = id;
    rule["shortDescription"] = {{"text", finding->summary.empty() ? id : finding->summary}};
    rule["helpUri"] = fmt::format("https://osv.dev/vulnerability/{}", id);
    nlohmann::ordered_json properties;
    nlohmann::ordered_json tags = nlohmann::ordered_json::array({"security", "vulnerability"});
    for (const auto& alias : finding->ids) tags.push_back(alias);
    properties["tags"] = std::move(tags);
    if (!finding->rating.empty()) {
      properties["security-severity"] = fmt::format("{:.1f}", finding->cvss_score);
    }
    rule["properties"] = std::move(properties);
    rule_list.push_back(std::move(rule));
  }

  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const ComponentResult& result : report.components) {
    const Component& component = report.sbom->components[result.component_index];
    for (const Finding& finding : result.findings) {
      nlohmann::ordered_json entry;
      entry["ruleId"] = finding.primary_id;
      entry["ruleIndex"] = rule_index.at(finding.primary_id);
      entry["level"] = std::string(level(finding));
      std::string text = finding.verdict == "affected"
                             ? fmt::format("{} is affected by {} ({}).", result.purl,
                                           finding.primary_id, joined(finding.ids.list()))
                             : fmt::format("{} may be affected by {} ({}): the advisory could not "
                                           "be evaluated.",
                                           result.purl, finding.primary_id, joined(finding.ids.list()));
      if (!finding.nearest_fix.empty()) text += fmt::format(" Fixed in {}.", finding.nearest_fix);
      entry["message"] = {{"text", text}};
      nlohmann::ordered_json location;
      location["physicalLocation"] = {{"artifactLocation", {{"uri", report.file}}}};
      location["logicalLocations"] = nlohmann::ordered_json::array(
          {{{"name", component.name}, {"fullyQualifiedName", result.purl}, {"kind", "package"}}});
      entry["locations"] = nlohmann::ordered_json::array({std::move(location)});
      entry["partialFingerprints"] = {{"cradle/v1", fmt::format("{}|{}", finding.primary_id, result.purl)}};
      nlohmann::ordered_json properties;
      properties["purl"] = result.purl;
      if (!result.path.empty()) properties["dependencyPath"] = result.path;
      properties["ids"] = finding.ids.list();
      properties["verdict"] = finding.verdict;
      if (!finding.nearest_fix.empty()) properties["nearestFix"] = finding.nearest_fix;
      if (!finding.rating.empty()) {
        properties["cvss"] = {{"vector", finding.cvss_vector}, {"score", finding.cvss_score},
                              {"rating", finding.rating}};
      }
      nlohmann::ordered_json evidence = nlohmann::ordered_json::array();
      evidence.push_back({{"source", report.sbom->evidence.source}, {"sha256", report.sbom->evidence.sha256}});
      for (const MatchedAdvisory& match : finding.matches) {
        evidence.push_back({{"id", match.id},
                            {"source", match.evidence->source},
                            {"sha256", match.evidence->sha256},
                            {"modified", match.evidence->produced_at},
                            {"reason", match.reason}});
      }
      properties["evidence"] = std::move(evidence);
      entry["properties"] = std::move(properties);
      if (finding.suppressed && finding.vex) {
        const VexStatement& vex = *finding.vex;
        std::string justification = fmt::format("VEX {} by {}", to_string(vex.status), vex.author);
        if (!vex.justification.empty()) justification += ": " + vex.justification;
        if (!vex.impact_statement.empty()) justification += ": " + vex.impact_statement;
        entry["suppressions"] = nlohmann::ordered_json::array(
            {{{"kind", "external"}, {"status", "accepted"}, {"justification", justification}}});
      }
      results.push_back(std::move(entry));
    }
  }

  nlohmann::ordered_json run;
  run["tool"] = {{"driver",
                  {{"name", "cradle"},
                   {"semanticVersion", CRADLE_VERSION},
                   {"rules", std::move(rule_list)}}}};
  run["artifacts"] = nlohmann::ordered_json::array(
      {{{"location", {{"uri", report.file}}},
        {"hashes", {{"sha-256", report.sbom->evidence.sha256}}}}});
  run["results"] = std::move(results);
  // What the scan could not look at is part of its answer: the coverage of every ecosystem the
  // components need, with the reason for each gap.
  run["properties"] = {{"coverage", coverage_json(report.coverage)}};
  nlohmann::ordered_json sarif;
  sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  sarif["version"] = "2.1.0";
  sarif["runs"] = nlohmann::ordered_json::array({std::move(run)});
  return sarif;
}

}  // namespace cradle
