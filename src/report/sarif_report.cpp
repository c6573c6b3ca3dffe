#include "report/sarif_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "model/canonical_vulnerability_id.h"
#include "model/percent_encoding.h"
#include "report/counted.h"

namespace cradle {
namespace {

constexpr std::size_t kMaxTags = 20;  // GitHub reads no more per rule
constexpr std::string_view kFingerprintKey = "cradle/vulnerability-package/v1";
constexpr std::size_t kMaxNamedComponents = 100;  // notifications naming one component each

// SARIF levels: error for high and critical, warning for medium and for what could not be
// scored or evaluated, note for low.
std::string_view level(const Finding& finding) {
  if (finding.verdict != Verdict::affected) return "note";
  if (finding.rating == "critical" || finding.rating == "high") return "error";
  if (finding.rating == "low" || finding.rating == "none") return "note";
  return "warning";
}

int level_rank(std::string_view level) { return level == "error" ? 0 : level == "warning" ? 1 : 2; }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// A purl without its version, qualifiers and subpath: the package across its versions.
std::string package_of(const ComponentResult& result, const Component& component) {
  if (!component.purl) return result.purl;
  const Purl& purl = *component.purl;
  std::string out = "pkg:" + purl.type + "/";
  if (!purl.namespace_.empty()) out += purl.namespace_ + "/";
  return out + purl.name;
}

// A finding that goes into the SARIF: the first component listing the package version, and the
// others that list it too.
struct Occurrence {
  const ComponentResult* result;
  const Finding* finding;
  std::string_view rule_id;
  std::vector<const ComponentResult*> also;
};

// The record whose words describe the vulnerability: the first matched one with details, else
// with a summary.
const Advisory* describing_record(const Finding& finding, const AdvisoryIndex* index) {
  if (index == nullptr) return nullptr;
  const Advisory* with_summary = nullptr;
  for (const MatchedAdvisory& match : finding.matches) {
    const Advisory* advisory = index->find(match.id);
    if (advisory == nullptr) continue;
    if (!advisory->details.empty()) return advisory;
    if (with_summary == nullptr && !advisory->summary.empty()) with_summary = advisory;
  }
  return with_summary;
}

// Markdown inline code for text that may hold backticks.
std::string code(std::string_view text) {
  const std::string_view fence = text.find('`') == std::string_view::npos ? "`" : "`` ";
  const std::string_view close = fence.size() == 1 ? "`" : " ``";
  return fmt::format("{}{}{}", fence, text, close);
}

nlohmann::ordered_json rule_json(std::string_view id, const std::vector<const Occurrence*>& hits,
                                 const AdvisoryIndex* index) {
  const Finding& finding = *hits.front()->finding;
  const Advisory* record = describing_record(finding, index);
  const std::string summary = !finding.summary.empty() ? finding.summary
                              : record != nullptr && !record->summary.empty()
                                  ? record->summary
                                  : fmt::format("Vulnerability {}", id);
  const std::string details = record != nullptr ? record->details : std::string();

  std::string text = summary + "\n";
  std::string markdown = "**" + summary + "**\n";
  if (!details.empty()) {
    text += "\n" + details + "\n";
    markdown += "\n" + details + "\n";
  }
  // The packages this scan found it in, each with its nearest fix.
  text += "\nAffected packages:\n";
  markdown += "\n**Affected packages**\n\n";
  for (const Occurrence* hit : hits) {
    const std::string fix = hit->finding->nearest_fix.empty()
                                ? "no fixed version known"
                                : "fixed in " + hit->finding->nearest_fix;
    text += fmt::format("- {}: {}\n", hit->result->purl, fix);
    markdown += fmt::format("- {}: {}\n", code(hit->result->purl), fix);
  }
  text += "\nIds: " + joined(finding.ids.list()) + "\n";
  markdown += "\n**Ids:** " + joined(finding.ids.list()) + "\n";
  if (record != nullptr && !record->references.empty()) {
    text += "\nReferences:\n";
    markdown += "\n**References**\n\n";
    for (const std::string& url : record->references) {
      text += "- " + url + "\n";
      markdown += fmt::format("- <{}>\n", url);
    }
  }

  nlohmann::ordered_json rule;
  rule["id"] = id;
  rule["shortDescription"] = {{"text", summary}};
  rule["fullDescription"] = {{"text", details.empty() ? summary : details}};
  rule["helpUri"] = fmt::format("https://osv.dev/vulnerability/{}", id);
  rule["help"] = {{"text", std::move(text)}, {"markdown", std::move(markdown)}};
  nlohmann::ordered_json properties;
  nlohmann::ordered_json tags = nlohmann::ordered_json::array({"security", "vulnerability"});
  for (const auto& alias : finding.ids) {
    if (tags.size() == kMaxTags) break;
    tags.push_back(alias);
  }
  properties["tags"] = std::move(tags);
  properties["ids"] = finding.ids.list();
  if (!finding.rating.empty()) {
    properties["security-severity"] = fmt::format("{:.1f}", finding.cvss_score);
  }
  rule["properties"] = std::move(properties);
  return rule;
}

nlohmann::ordered_json physical_location(const std::string& artifact_uri,
                                         const Component& component) {
  nlohmann::ordered_json location;
  location["artifactLocation"] = {{"uri", artifact_uri}, {"index", 0}};
  if (component.line > 0) location["region"] = {{"startLine", component.line}};
  return location;
}

nlohmann::ordered_json logical_location(const ComponentResult& result, const Component& component) {
  return nlohmann::ordered_json::array(
      {{{"name", component.name}, {"fullyQualifiedName", result.purl}, {"kind", "package"}}});
}

nlohmann::ordered_json result_json(const Occurrence& occurrence, std::size_t rule_index,
                                   const ScanReport& report, const std::string& artifact_uri) {
  const ComponentResult& result = *occurrence.result;
  const Finding& finding = *occurrence.finding;
  const Component& component = report.sbom->components[result.component_index];
  nlohmann::ordered_json entry;
  entry["ruleId"] = occurrence.rule_id;
  entry["ruleIndex"] = rule_index;
  entry["level"] = std::string(level(finding));
  std::string text =
      finding.verdict == Verdict::affected
          ? fmt::format("{} is affected by {} ({}).", result.purl, occurrence.rule_id,
                        joined(finding.ids.list()))
          : fmt::format("{} may be affected by {} ({}): the advisory could not be evaluated.",
                        result.purl, occurrence.rule_id, joined(finding.ids.list()));
  if (!finding.nearest_fix.empty()) text += fmt::format(" Fixed in {}.", finding.nearest_fix);
  if (!occurrence.also.empty()) {
    text += fmt::format(" The SBOM lists this package version {} more time{}.",
                        occurrence.also.size(), occurrence.also.size() == 1 ? "" : "s");
  }
  entry["message"] = {{"text", text}};
  nlohmann::ordered_json location;
  location["physicalLocation"] = physical_location(artifact_uri, component);
  location["logicalLocations"] = logical_location(result, component);
  entry["locations"] = nlohmann::ordered_json::array({std::move(location)});
  if (!occurrence.also.empty()) {
    nlohmann::ordered_json related = nlohmann::ordered_json::array();
    for (const ComponentResult* other : occurrence.also) {
      const Component& listed = report.sbom->components[other->component_index];
      nlohmann::ordered_json item;
      item["id"] = related.size() + 1;
      item["physicalLocation"] = physical_location(artifact_uri, listed);
      item["logicalLocations"] = logical_location(*other, listed);
      item["message"] = {
          {"text", listed.ref.empty() ? other->purl : "Also listed as " + listed.ref}};
      related.push_back(std::move(item));
    }
    entry["relatedLocations"] = std::move(related);
  }
  entry["partialFingerprints"] = {
      {std::string(kFingerprintKey),
       sha256_hex(fmt::format("{}|{}", occurrence.rule_id, package_of(result, component)))}};
  nlohmann::ordered_json properties;
  properties["purl"] = result.purl;
  if (!result.path.empty()) properties["dependencyPath"] = result.path;
  properties["ids"] = finding.ids.list();
  properties["verdict"] = to_string(finding.verdict);
  if (!finding.nearest_fix.empty()) properties["nearestFix"] = finding.nearest_fix;
  if (!finding.rating.empty()) {
    properties["cvss"] = {
        {"vector", finding.cvss_vector}, {"score", finding.cvss_score}, {"rating", finding.rating}};
  }
  nlohmann::ordered_json evidence = nlohmann::ordered_json::array();
  evidence.push_back(
      {{"source", report.sbom->evidence.source}, {"sha256", report.sbom->evidence.sha256}});
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
  return entry;
}

// What the scan could not look at, and what was wrong with its inputs.
nlohmann::ordered_json gaps(const ScanReport& report, std::size_t left_out) {
  nlohmann::ordered_json notifications = nlohmann::ordered_json::array();
  for (const EcosystemCoverage& ecosystem : report.coverage.ecosystems) {
    if (ecosystem.state == CoverageState::covered) continue;
    notifications.push_back(sarif_notification(
        "warning", "cradle/coverage",
        fmt::format("{}: {} ({}): these components were not checked", ecosystem.ecosystem,
                    ecosystem.reason, counted(ecosystem.components, "component"))));
  }
  // Each component that cannot be scanned, up to a limit, then how many more.
  std::size_t not_scannable = 0;
  for (const ComponentResult& result : report.components) {
    if (result.state != ComponentState::not_scannable) continue;
    if (++not_scannable > kMaxNamedComponents) continue;
    const Component& component = report.sbom->components[result.component_index];
    const std::string name = result.purl.empty() ? component.name : result.purl;
    notifications.push_back(
        sarif_notification("warning", "cradle/not-scannable",
                     fmt::format("{}: not scannable: {}", name, result.reason)));
  }
  if (not_scannable > kMaxNamedComponents) {
    notifications.push_back(sarif_notification(
        "warning", "cradle/not-scannable",
        fmt::format("not scannable besides those named: {} (scan with --format json for each)",
                    counted(not_scannable - kMaxNamedComponents, "component"))));
  }
  for (const Diagnostic& problem : report.input_problems) {
    notifications.push_back(sarif_notification(problem.severity == Severity::error ? "error" : "warning",
                                         "cradle/input", format_diagnostic(problem)));
  }
  if (left_out > 0) {
    notifications.push_back(sarif_notification(
        "error", "cradle/result-limit",
        fmt::format("{} left out: GitHub takes at most 25,000 results a run; the most severe are "
                    "kept (scan with --format json for every finding)",
                    counted(left_out, "result"))));
  }
  return notifications;
}

}  // namespace

nlohmann::ordered_json sarif_tool(nlohmann::ordered_json rules) {
  return {{"driver",
           {{"name", "cradle"}, {"semanticVersion", CRADLE_VERSION}, {"rules", std::move(rules)}}}};
}

nlohmann::ordered_json sarif_notification(std::string_view level, std::string_view id,
                                          std::string text) {
  return {{"level", level}, {"descriptor", {{"id", id}}}, {"message", {{"text", std::move(text)}}}};
}

nlohmann::ordered_json sarif_log(nlohmann::ordered_json runs) {
  nlohmann::ordered_json sarif;
  sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  sarif["version"] = "2.1.0";
  sarif["runs"] = std::move(runs);
  return sarif;
}

std::string sarif_artifact_uri(std::string_view path) {
  std::string out = path.starts_with('/') ? "file://" : "";
  append_percent_encoded(path, "/", out);
  return out;
}

nlohmann::ordered_json scan_report_sarif(const ScanReport& report, const SarifOptions& options) {
  const std::string artifact_uri = sarif_artifact_uri(options.artifact_path);
  // One occurrence per (vulnerability, package version), in SBOM order.
  std::vector<Occurrence> occurrences;
  std::map<std::pair<std::string_view, std::string_view>, std::size_t> seen;
  for (const ComponentResult& result : report.components) {
    for (const Finding& finding : result.findings) {
      if (finding.suppressed && !options.include_suppressed) continue;
      const std::string_view rule_id = canonical_vulnerability_id(finding.ids);
      const auto [at, added] = seen.try_emplace({rule_id, result.purl}, occurrences.size());
      if (added) {
        occurrences.push_back(Occurrence{&result, &finding, rule_id, {}});
      } else {
        occurrences[at->second].also.push_back(&result);
      }
    }
  }
  // GitHub's limit: the most severe kept, in SBOM order.
  std::size_t left_out = 0;
  if (occurrences.size() > options.max_results) {
    std::vector<std::size_t> order(occurrences.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::ranges::stable_sort(order, [&](std::size_t a, std::size_t b) {
      return level_rank(level(*occurrences[a].finding)) <
             level_rank(level(*occurrences[b].finding));
    });
    std::vector<bool> kept(occurrences.size(), false);
    for (std::size_t i = 0; i < options.max_results; ++i) kept[order[i]] = true;
    std::vector<Occurrence> cut;
    for (std::size_t i = 0; i < occurrences.size(); ++i) {
      if (kept[i]) cut.push_back(std::move(occurrences[i]));
    }
    left_out = occurrences.size() - cut.size();
    occurrences = std::move(cut);
  }

  // Rules: one per vulnerability, sorted by id.
  std::map<std::string_view, std::vector<const Occurrence*>> by_rule;
  for (const Occurrence& occurrence : occurrences)
    by_rule[occurrence.rule_id].push_back(&occurrence);
  std::map<std::string_view, std::size_t> rule_index;
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const auto& [id, hits] : by_rule) {
    rule_index[id] = rules.size();
    rules.push_back(rule_json(id, hits, report.index));
  }
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const Occurrence& occurrence : occurrences) {
    results.push_back(
        result_json(occurrence, rule_index.at(occurrence.rule_id), report, artifact_uri));
  }

  nlohmann::ordered_json run;
  run["tool"] = sarif_tool(std::move(rules));
  nlohmann::ordered_json invocation;
  invocation["executionSuccessful"] = true;
  invocation["toolExecutionNotifications"] = gaps(report, left_out);
  run["invocations"] = nlohmann::ordered_json::array({std::move(invocation)});
  run["artifacts"] =
      nlohmann::ordered_json::array({{{"location", {{"uri", artifact_uri}}},
                                      {"hashes", {{"sha-256", report.sbom->evidence.sha256}}}}});
  run["results"] = std::move(results);
  // What the scan could not look at is part of its answer: the coverage of every ecosystem the
  // components need, with the reason for each gap.
  nlohmann::ordered_json properties;
  properties["coverage"] = coverage_json(report.coverage);
  if (left_out > 0) properties["resultsLeftOut"] = left_out;
  run["properties"] = std::move(properties);
  return sarif_log(nlohmann::ordered_json::array({std::move(run)}));
}

}  // namespace cradle
