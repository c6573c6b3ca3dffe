#include "report/assessment_report.h"

#include <fmt/format.h>

#include <cctype>
#include <iterator>

#include "model/display_text.h"
#include "report/scan_report.h"

namespace cradle {
namespace {

constexpr std::array kOutcomes{DecisionOutcome::block, DecisionOutcome::remediate, DecisionOutcome::monitor,
                               DecisionOutcome::accept, DecisionOutcome::review};

std::string uppercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::array<std::size_t, 5> count_outcomes(const Assessment& assessment) {
  std::array<std::size_t, 5> counts{};
  for (const Decision& d : assessment.decisions) ++counts[static_cast<std::size_t>(d.outcome)];
  for (const Decision& d : assessment.licence_decisions) ++counts[static_cast<std::size_t>(d.outcome)];
  if (assessment.sbom_decision) ++counts[static_cast<std::size_t>(assessment.sbom_decision->outcome)];
  return counts;
}

nlohmann::ordered_json assessment_json(const Assessment& assessment) {
  nlohmann::ordered_json counts = nlohmann::ordered_json::object();
  const auto counted = count_outcomes(assessment);
  for (DecisionOutcome outcome : kOutcomes) counts[std::string(to_string(outcome))] = counted[static_cast<std::size_t>(outcome)];
  nlohmann::ordered_json decisions = nlohmann::ordered_json::array();
  for (const Decision& d : assessment.decisions) {
    nlohmann::ordered_json evidence = nlohmann::ordered_json::array();
    for (const EvidenceRef& ref : d.evidence) evidence.push_back(evidence_json(ref));
    decisions.push_back({{"purl", text_or_null(d.purl)},
                         {"vulnerability", d.vulnerability},
                         {"ids", d.ids},
                         {"outcome", to_string(d.outcome)},
                         {"rule", text_or_null(d.rule)},
                         {"due_by", text_or_null(d.due_by)},
                         {"rationale", d.rationale},
                         {"evidence", evidence}});
  }
  nlohmann::ordered_json licences = nlohmann::ordered_json::array();
  for (const Decision& d : assessment.licence_decisions) {
    nlohmann::ordered_json evidence = nlohmann::ordered_json::array();
    for (const EvidenceRef& ref : d.evidence) evidence.push_back(evidence_json(ref));
    licences.push_back({{"purl", text_or_null(d.purl)},
                        {"licence", text_or_null(d.licence.value_or(""))},
                        {"outcome", to_string(d.outcome)},
                        {"rule", text_or_null(d.rule)},
                        {"due_by", text_or_null(d.due_by)},
                        {"rationale", d.rationale},
                        {"evidence", evidence}});
  }
  nlohmann::ordered_json sbom_decision = nullptr;
  if (const auto& d = assessment.sbom_decision) {
    nlohmann::ordered_json evidence = nlohmann::ordered_json::array();
    for (const EvidenceRef& ref : d->evidence) evidence.push_back(evidence_json(ref));
    sbom_decision = nlohmann::ordered_json{{"outcome", to_string(d->outcome)},
                                           {"rule", text_or_null(d->rule)},
                                           {"due_by", text_or_null(d->due_by)},
                                           {"rationale", d->rationale},
                                           {"evidence", evidence}};
  }
  return {{"schema_version", kAssessmentJsonSchemaVersion},
          {"product", assessment.product},
          {"product_version", assessment.product_version},
          {"assessment", assessment.id},
          {"sbom", assessment.sbom_id},
          {"decided_at", assessment.decided_at},
          {"policy", evidence_json(assessment.policy)},
          {"outcomes", counts},
          {"decisions", decisions},
          {"licences", licences},
          {"sbom_decision", sbom_decision}};
}

nlohmann::ordered_json decisions_json(const std::vector<Assessment>& assessments) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Assessment& assessment : assessments) {
    nlohmann::ordered_json one = assessment_json(assessment);
    one.erase("schema_version");
    list.push_back(std::move(one));
  }
  return {{"schema_version", kAssessmentJsonSchemaVersion}, {"assessments", std::move(list)}};
}

std::string assessment_table(const Assessment& assessment) {
  std::string out = fmt::format("{}@{}: assessment {} at {}; policy: {} (sha256 {})\n",
                                Shown{assessment.product}, Shown{assessment.product_version},
                                assessment.id, assessment.decided_at, Shown{assessment.policy.source},
                                assessment.policy.sha256.substr(0, 12));
  const auto counted = count_outcomes(assessment);
  std::string summary;
  for (DecisionOutcome outcome : kOutcomes) {
    if (!summary.empty()) summary += ", ";
    summary += fmt::format("{} {}", counted[static_cast<std::size_t>(outcome)], to_string(outcome));
  }
  if (assessment.decisions.empty() && assessment.licence_decisions.empty() && !assessment.sbom_decision) {
    out += "  no findings to decide\n";
    return out;
  }
  fmt::format_to(std::back_inserter(out), "  {}\n", summary);
  std::vector<const Decision*> shown;
  if (assessment.sbom_decision) shown.push_back(&*assessment.sbom_decision);
  for (const Decision& d : assessment.decisions) shown.push_back(&d);
  for (const Decision& d : assessment.licence_decisions) shown.push_back(&d);
  for (const Decision* decision : shown) {
    const Decision& d = *decision;
    const std::string subject = d.licence ? fmt::format("licence {}", d.licence->empty() ? "not stated" : *d.licence)
                                : d.vulnerability.empty() ? std::string("conformance")
                                                          : d.vulnerability;
    fmt::format_to(std::back_inserter(out), "\n{:<10} {}  {}{}\n", uppercase(to_string(d.outcome)),
                   Shown{d.purl.empty() ? "the SBOM" : d.purl}, Shown{subject},
                   d.due_by.empty() ? "" : fmt::format("  due {}", d.due_by));
    for (const std::string& line : d.rationale) {
      fmt::format_to(std::back_inserter(out), "           {}\n", Shown{line});
    }
    for (const EvidenceRef& ref : d.evidence) {
      fmt::format_to(std::back_inserter(out), "           evidence: {} {} (sha256 {})\n", ref.kind,
                     Shown{ref.source}, ref.sha256.substr(0, 12));
    }
  }
  return out;
}

namespace {

nlohmann::ordered_json decided(const std::optional<Decision>& d) {
  if (!d) return nullptr;
  return {{"outcome", to_string(d->outcome)}, {"rule", text_or_null(d->rule)}, {"due_by", text_or_null(d->due_by)}};
}

std::string replay_heading(const Assessment& then, const std::string& now) {
  return fmt::format("{}@{}: assessment {} of {} decided again at {} from its inputs (policy {}, sha256 {}; the same "
                     "SBOM) on today's advisories, VEX, signals and product context; nothing stored\n",
                     Shown{then.product}, Shown{then.product_version}, then.id, then.decided_at, now,
                     Shown{then.policy.source}, then.policy.sha256.substr(0, 12));
}

}  // namespace

nlohmann::ordered_json replay_json(const Assessment& then, const std::string& now, bool predates_log,
                                   const std::vector<LogProblem>& log_problems,
                                   const std::vector<std::string>& advisories, const DecisionChanges& changes) {
  nlohmann::ordered_json problems = nlohmann::ordered_json::array();
  for (const LogProblem& problem : log_problems) problems.push_back(problem.what);
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const DecisionChange& change : changes.changes) {
    list.push_back({{"subject", change.subject},
                    {"change", to_string(change.kind)},
                    {"then", decided(change.then)},
                    {"now", decided(change.now)},
                    {"why", change.why}});
  }
  return {{"schema_version", kAssessmentJsonSchemaVersion},
          {"product", then.product},
          {"product_version", then.product_version},
          {"assessment", then.id},
          {"decided_at", then.decided_at},
          {"replayed_at", now},
          {"policy", evidence_json(then.policy)},
          {"log", predates_log ? nlohmann::ordered_json("predates the log: not verified")
                  : problems.empty() ? nlohmann::ordered_json("as logged")
                                     : nlohmann::ordered_json("differs from the log")},
          {"log_problems", problems},
          {"advisories", advisories},
          {"unchanged", changes.unchanged},
          {"changes", list}};
}

std::string replay_table(const Assessment& then, const std::string& now, bool predates_log,
                         const std::vector<LogProblem>& log_problems, const std::vector<std::string>& advisories,
                         const DecisionChanges& changes) {
  std::string out = replay_heading(then, now);
  if (predates_log) out += "  the assessment predates the decision log: it is not verified, and its advisory data was not recorded\n";
  for (const LogProblem& problem : log_problems) {
    fmt::format_to(std::back_inserter(out), "  NOT AS LOGGED: {}\n", Shown{problem.what});
  }
  if (!predates_log) {
    if (advisories.empty()) out += "  advisories: as they were then\n";
    for (const std::string& line : advisories) fmt::format_to(std::back_inserter(out), "  advisories: {}\n", Shown{line});
  }
  std::size_t added = 0;
  std::size_t gone = 0;
  for (const DecisionChange& change : changes.changes) {
    added += change.kind == DecisionChangeKind::added ? 1 : 0;
    gone += change.kind == DecisionChangeKind::gone ? 1 : 0;
  }
  fmt::format_to(std::back_inserter(out), "  {} unchanged, {} changed, {} new, {} gone\n", changes.unchanged,
                 changes.changes.size() - added - gone, added, gone);
  for (const DecisionChange& change : changes.changes) {
    const std::string was = change.then ? std::string(to_string(change.then->outcome)) : std::string("-");
    const std::string is = change.now ? std::string(to_string(change.now->outcome)) : std::string("-");
    fmt::format_to(std::back_inserter(out), "\n{:<8} {}: {} -> {}\n", uppercase(to_string(change.kind)),
                   Shown{change.subject}, was, is);
    for (const std::string& line : change.why) fmt::format_to(std::back_inserter(out), "         {}\n", Shown{line});
  }
  return out;
}

}  // namespace cradle
