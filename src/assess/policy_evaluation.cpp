#include "assess/policy_evaluation.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "analysis/licence_policy.h"
#include "model/date_time.h"

namespace cradle {
namespace {

bool listed(const std::vector<std::string>& allowed, std::string_view value) {
  return allowed.empty() || std::ranges::find(allowed, value) != allowed.end();
}

std::string_view or_word(std::string_view value, std::string_view word) { return value.empty() ? word : value; }

// The product's context, where a rule's conditions weigh it.
void weigh_context(const std::vector<std::string>& exposure, const std::vector<std::string>& criticality,
                   const ProductContext& context, std::vector<std::string>& out) {
  if (!exposure.empty()) out.push_back(fmt::format("product exposure: {}", or_word(context.exposure, "unstated")));
  if (!criticality.empty()) {
    out.push_back(fmt::format("product criticality: {}", or_word(context.criticality, "unstated")));
  }
}

std::string name_of(const Policy& policy) {
  return policy.name.empty() ? std::string("the policy") : fmt::format("policy '{}'", policy.name);
}

// The first line of a decision's rationale: the rule that decided, and its reason.
template <typename Conditions>
std::string rule_line(const RuleOf<Conditions>& rule, const Policy& policy) {
  return rule.reason.empty() ? fmt::format("rule '{}' of {}", rule.id, name_of(policy))
                             : fmt::format("rule '{}' of {}: {}", rule.id, name_of(policy), rule.reason);
}

// The facts a rule's conditions weighed, one line each, in the order of RuleConditions.
std::vector<std::string> weighed(const RuleConditions& when, const ProductContext& context,
                                 const FindingFacts& finding) {
  std::vector<std::string> out;
  if (!when.severity.empty()) {
    out.push_back(finding.rating.empty()
                      ? std::string("severity: unscored (no advisory gives a score)")
                      : finding.cvss_vector.empty()
                            ? fmt::format("severity: {}", finding.rating)
                            : fmt::format("severity: {} (CVSS {:.1f}, {})", finding.rating, finding.cvss_score,
                                          finding.cvss_vector));
  }
  if (!when.verdict.empty()) {
    out.push_back(finding.verdict == Verdict::affected
                      ? std::string("verdict: affected (the installed version is in an affected range)")
                      : std::string("verdict: unknown (the installed version could not be evaluated)"));
  }
  // A statement that applies is told even when the rule does not weigh it: it is evidence cited.
  if (!when.vex.empty() || finding.vex_status) {
    out.push_back(finding.vex_status ? fmt::format("VEX: {}", to_string(*finding.vex_status))
                                     : std::string("VEX: no statement applies"));
  }
  if (when.fix_available) {
    out.push_back(finding.nearest_fix.empty() ? std::string("fix: none known")
                                              : fmt::format("fix: {}", finding.nearest_fix));
  }
  weigh_context(when.exposure, when.criticality, context, out);
  if (when.scorecard_below) {
    out.push_back(finding.scorecard && finding.scorecard->score
                      ? fmt::format("OpenSSF Scorecard of {}: {:g} on {} (below {:g})", finding.scorecard->subject,
                                    *finding.scorecard->score, finding.scorecard->observed_at, *when.scorecard_below)
                      : std::string("OpenSSF Scorecard: none stored for the component's repository"));
  }
  return out;
}

bool holds(const RuleConditions& when, const ProductContext& context, const FindingFacts& finding) {
  if (!listed(when.severity, or_word(finding.rating, "unscored"))) return false;
  if (!listed(when.verdict, to_string(finding.verdict))) return false;
  if (!listed(when.vex, finding.vex_status ? to_string(*finding.vex_status) : "none")) return false;
  if (when.fix_available && *when.fix_available == finding.nearest_fix.empty()) return false;
  if (!listed(when.exposure, or_word(context.exposure, "unstated"))) return false;
  if (!listed(when.criticality, or_word(context.criticality, "unstated"))) return false;
  if (when.scorecard_below) {
    if (!finding.scorecard || !finding.scorecard->score) return false;
    if (!(*finding.scorecard->score < *when.scorecard_below)) return false;
  }
  return true;
}

const SbomConformance* conformance_to(const std::vector<SbomConformance>& conformance, std::string_view profile) {
  const auto found = std::ranges::find(conformance, profile, &SbomConformance::profile);
  return found == conformance.end() ? nullptr : &*found;
}

std::string conformance_line(const std::vector<SbomConformance>& conformance, std::string_view profile) {
  const SbomConformance* checked = conformance_to(conformance, profile);
  if (checked == nullptr) return fmt::format("SBOM conformance to {}: not checked", profile);
  return fmt::format("SBOM conformance to {}: {} ({} requirement results met, {} not met, {} cannot tell, {} not "
                     "applicable)",
                     profile, checked->verdict, checked->met, checked->not_met, checked->cannot_tell,
                     checked->not_applicable);
}

bool holds(const SbomConditions& when, const ProductContext& context,
           const std::vector<SbomConformance>& conformance) {
  if (!when.profile.empty()) {
    const SbomConformance* checked = conformance_to(conformance, when.profile);
    if (checked == nullptr || !listed(when.conformance, checked->verdict)) return false;
  }
  return listed(when.exposure, or_word(context.exposure, "unstated")) &&
         listed(when.criticality, or_word(context.criticality, "unstated"));
}

std::string due_by(std::string_view decided_at, int days) {
  auto at = parse_rfc3339(decided_at);
  if (!at) return {};
  return format_rfc3339_utc(std::chrono::system_clock::time_point(*at + std::chrono::days(days)));
}

}  // namespace

Decision decide(const Policy& policy, const ProductContext& context, const FindingFacts& finding,
                std::string_view decided_at) {
  Decision decision;
  decision.purl = finding.purl;
  decision.vulnerability = finding.vulnerability;
  decision.ids = finding.ids;
  decision.evidence = finding.evidence;
  const auto rule = std::ranges::find_if(policy.rules, [&](const PolicyRule& r) { return holds(r.when, context, finding); });
  if (rule == policy.rules.end()) {
    decision.outcome = DecisionOutcome::review;
    decision.rationale.push_back(fmt::format("no rule of {} holds for this finding", name_of(policy)));
  } else {
    decision.outcome = rule->decide;
    decision.rule = rule->id;
    decision.rationale.push_back(rule_line(*rule, policy));
    for (std::string& line : weighed(rule->when, context, finding)) decision.rationale.push_back(std::move(line));
    if (rule->within_days) decision.due_by = due_by(decided_at, *rule->within_days);
    if (rule->when.scorecard_below && finding.scorecard) decision.evidence.push_back(finding.scorecard->evidence);
  }
  if (!policy.evidence.sha256.empty()) decision.evidence.push_back(policy.evidence);
  return decision;
}

Decision decide_licence_of(const Policy& policy, const ProductContext& context, std::string purl,
                           const std::vector<std::string>& concluded_licences,
                           const std::vector<std::string>& declared_licences,
                           std::vector<EvidenceRef> evidence, std::string_view decided_at) {
  LicenceDecision licence = decide_licence(policy, context, concluded_licences, declared_licences);
  Decision decision;
  decision.purl = std::move(purl);
  decision.licence = std::move(licence.expression);
  decision.outcome = licence.outcome;
  decision.rule = std::move(licence.rule);
  if (licence.within_days) decision.due_by = due_by(decided_at, *licence.within_days);
  decision.rationale = std::move(licence.rationale);
  decision.evidence = std::move(evidence);
  if (!policy.evidence.sha256.empty()) decision.evidence.push_back(policy.evidence);
  return decision;
}

Decision decide_sbom(const Policy& policy, const ProductContext& context,
                     const std::vector<SbomConformance>& conformance, std::vector<EvidenceRef> evidence,
                     std::string_view decided_at) {
  Decision decision;
  decision.evidence = std::move(evidence);
  const auto rule =
      std::ranges::find_if(policy.sbom_rules, [&](const SbomRule& r) { return holds(r.when, context, conformance); });
  if (rule == policy.sbom_rules.end()) {
    decision.outcome = DecisionOutcome::review;
    decision.rationale.push_back(fmt::format("no SBOM rule of {} holds for the SBOM", name_of(policy)));
    // The facts the rules asked about, so that the person reviewing sees them.
    std::vector<std::string_view> asked;
    for (const SbomRule& r : policy.sbom_rules) {
      if (!r.when.profile.empty() && std::ranges::find(asked, r.when.profile) == asked.end()) asked.push_back(r.when.profile);
    }
    for (std::string_view profile : asked) decision.rationale.push_back(conformance_line(conformance, profile));
  } else {
    decision.outcome = rule->decide;
    decision.rule = rule->id;
    decision.rationale.push_back(rule_line(*rule, policy));
    if (!rule->when.profile.empty()) decision.rationale.push_back(conformance_line(conformance, rule->when.profile));
    weigh_context(rule->when.exposure, rule->when.criticality, context, decision.rationale);
    if (rule->within_days) decision.due_by = due_by(decided_at, *rule->within_days);
  }
  if (!policy.evidence.sha256.empty()) decision.evidence.push_back(policy.evidence);
  return decision;
}

}  // namespace cradle
