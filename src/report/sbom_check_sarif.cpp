#include "report/sbom_check_sarif.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/ascii.h"
#include "model/evidence_ref.h"
#include "report/counted.h"
#include "report/sarif_report.h"

namespace cradle {
namespace {

constexpr std::string_view kFingerprintKey = "cradle/profile-requirement-component/v1";

// A rule's readable name, "bsi.sbom-creator" -> "BsiSbomCreator" (SARIF wants it apart from the
// id).
std::string rule_name(std::string_view id) {
  std::string out;
  bool start = true;
  for (char c : id) {
    if (c == '.' || c == '-') {
      start = true;
      continue;
    }
    out.push_back(start ? ascii_upper(c) : c);
    start = false;
  }
  return out;
}

nlohmann::ordered_json rule_json(const SbomRequirement& requirement, SbomProfile profile) {
  const std::string scope = requirement.per_component ? "each component" : "the SBOM document";
  return {
      {"id", requirement.id},
      {"name", rule_name(requirement.id)},
      {"shortDescription", {{"text", requirement.text}}},
      {"fullDescription",
       {{"text", fmt::format("{} (profile {}, checked for {}).", requirement.text,
                             to_string(profile), scope)}}},
      {"help",
       {{"text", fmt::format("{}. Results that cannot tell name what cradle could not read.",
                             requirement.text)},
        {"markdown", fmt::format("**{}** ({}): {}. Results that *cannot tell* name what cradle "
                                 "could not read.",
                                 requirement.id, to_string(profile), requirement.text)}}},
      {"properties", {{"tags", nlohmann::ordered_json::array({"sbom", to_string(profile)})}}},
  };
}

// What the reader said of the file, as notifications.
nlohmann::ordered_json input_notifications(const SbomCheckEntry& entry) {
  nlohmann::ordered_json notifications = nlohmann::ordered_json::array();
  for (const Diagnostic& problem : entry.diagnostics) {
    notifications.push_back(
        sarif_notification(problem.severity == Severity::error ? "error" : "warning",
                           "cradle/input", format_diagnostic(problem)));
  }
  return notifications;
}

nlohmann::ordered_json run_json(const SbomCheckEntry& entry, const ProfileCheck& check,
                                std::size_t max_results) {
  const std::string artifact_uri = sarif_artifact_uri(entry.file);
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const SbomRequirement& requirement : check.requirements)
    rules.push_back(rule_json(requirement, check.profile));

  // Not met first, then cannot tell; each in the check's order.
  std::vector<std::size_t> reported;
  for (RequirementStatus status : {RequirementStatus::not_met, RequirementStatus::cannot_tell}) {
    for (std::size_t i = 0; i < check.results.size(); ++i) {
      if (check.results[i].status == status) reported.push_back(i);
    }
  }
  const std::size_t left_out = reported.size() > max_results ? reported.size() - max_results : 0;
  reported.resize(reported.size() - left_out);

  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (std::size_t i : reported) {
    const RequirementResult& r = check.results[i];
    const bool document = r.component == kTheDocument;
    const std::size_t rule_index = static_cast<std::size_t>(
        std::ranges::find(check.requirements, r.requirement, &SbomRequirement::id) -
        check.requirements.begin());
    const std::string subject =
        document ? std::string("The SBOM") : check.components[r.component].label;
    nlohmann::ordered_json location;
    location["physicalLocation"]["artifactLocation"] = {{"uri", artifact_uri}, {"index", 0}};
    // The component's line; the document's first for the document, or when it is not known.
    const std::uint32_t line = document ? 0 : check.components[r.component].line;
    location["physicalLocation"]["region"] = {{"startLine", line > 0 ? line : 1}};
    if (!document) {
      location["logicalLocations"] =
          nlohmann::ordered_json::array({{{"fullyQualifiedName", subject}, {"kind", "package"}}});
    }
    nlohmann::ordered_json result;
    result["ruleId"] = r.requirement;
    result["ruleIndex"] = rule_index;
    result["level"] = r.status == RequirementStatus::not_met ? "error" : "warning";
    result["message"] = {
        {"text", fmt::format("{}: {} {}: {}.", subject, r.requirement,
                             r.status == RequirementStatus::not_met ? "not met" : "cannot tell",
                             r.detail)}};
    result["locations"] = nlohmann::ordered_json::array({std::move(location)});
    result["partialFingerprints"] = {
        {std::string(kFingerprintKey),
         sha256_hex(fmt::format("{}|{}|{}", to_string(check.profile), r.requirement, subject))}};
    result["properties"] = {{"profile", to_string(check.profile)}, {"status", to_string(r.status)}};
    results.push_back(std::move(result));
  }

  nlohmann::ordered_json notifications = input_notifications(entry);
  if (left_out > 0) {
    notifications.push_back(sarif_notification(
        "error", "cradle/result-limit",
        fmt::format("{} left out: GitHub takes at most {} results a run; those not met are kept "
                    "first (check with --format json for every result)",
                    counted(left_out, "result"), max_results)));
  }

  nlohmann::ordered_json run;
  run["tool"] = sarif_tool(std::move(rules));
  run["automationDetails"] = {
      {"id", fmt::format("cradle/sbom-check/{}/{}/", to_string(check.profile), entry.file)}};
  nlohmann::ordered_json invocation;
  invocation["executionSuccessful"] = true;
  invocation["toolExecutionNotifications"] = std::move(notifications);
  run["invocations"] = nlohmann::ordered_json::array({std::move(invocation)});
  run["artifacts"] = nlohmann::ordered_json::array(
      {{{"location", {{"uri", artifact_uri}}}, {"hashes", {{"sha-256", entry.sha256}}}}});
  run["results"] = std::move(results);
  const auto score = check.score();
  nlohmann::ordered_json properties;
  properties["profile"] = to_string(check.profile);
  properties["conformant"] =
      check.count(RequirementStatus::not_met) > 0       ? nlohmann::ordered_json(false)
      : check.count(RequirementStatus::cannot_tell) > 0 ? nlohmann::ordered_json(nullptr)
                                                        : nlohmann::ordered_json(true);
  properties["score"] = score ? nlohmann::ordered_json(*score) : nlohmann::ordered_json(nullptr);
  properties["met"] = check.count(RequirementStatus::met);
  properties["notMet"] = check.count(RequirementStatus::not_met);
  properties["cannotTell"] = check.count(RequirementStatus::cannot_tell);
  properties["notApplicable"] = check.count(RequirementStatus::not_applicable);
  if (left_out > 0) properties["resultsLeftOut"] = left_out;
  run["properties"] = std::move(properties);
  return run;
}

// A file that was not read as an SBOM: a run of its own with no rules (an empty list), the reasons
// as notifications, and executionSuccessful false.
nlohmann::ordered_json unread_run(const SbomCheckEntry& entry) {
  nlohmann::ordered_json notifications = input_notifications(entry);
  nlohmann::ordered_json run;
  run["tool"] = sarif_tool(nlohmann::ordered_json::array());
  run["automationDetails"] = {{"id", fmt::format("cradle/sbom-check/unread/{}/", entry.file)}};
  run["invocations"] = nlohmann::ordered_json::array(
      {{{"executionSuccessful", false}, {"toolExecutionNotifications", std::move(notifications)}}});
  run["results"] = nlohmann::ordered_json::array();
  return run;
}

}  // namespace

nlohmann::ordered_json sbom_check_sarif(const std::vector<SbomCheckEntry>& entries,
                                        std::size_t max_results) {
  nlohmann::ordered_json runs = nlohmann::ordered_json::array();
  for (const SbomCheckEntry& entry : entries) {
    if (!entry.read) {
      runs.push_back(unread_run(entry));
      continue;
    }
    for (const ProfileCheck& check : entry.checks)
      runs.push_back(run_json(entry, check, max_results));
  }
  return sarif_log(std::move(runs));
}

}  // namespace cradle
