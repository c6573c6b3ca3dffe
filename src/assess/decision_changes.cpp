#include "assess/decision_changes.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "model/policy.h"

namespace cradle {
namespace {

std::vector<const Decision*> every_decision(const Assessment& assessment) {
  std::vector<const Decision*> out;
  for (const Decision& d : assessment.decisions) out.push_back(&d);
  for (const Decision& d : assessment.licence_decisions) out.push_back(&d);
  if (assessment.sbom_decision) out.push_back(&*assessment.sbom_decision);
  return out;
}

std::string cited(const EvidenceRef& ref) {
  return fmt::format("{} {} (sha256 {})", ref.kind, ref.source, ref.sha256.substr(0, 12));
}

std::string outcome_of(const Decision& d) {
  return d.rule.empty() ? std::string(to_string(d.outcome)) : fmt::format("{} (rule '{}')", to_string(d.outcome), d.rule);
}

// Why `then` became `now`: empty when nothing but the due date moved.
std::vector<std::string> why_changed(const Decision& then, const Decision& now) {
  std::vector<std::string> out;
  if (then.outcome != now.outcome || then.rule != now.rule) {
    out.push_back(fmt::format("decision: {} -> {}", outcome_of(then), outcome_of(now)));
  }
  if (then.licence != now.licence) {
    out.push_back(fmt::format("licence: {} -> {}", then.licence.value_or(""), now.licence.value_or("")));
  }
  for (const std::string& line : then.rationale) {
    if (std::ranges::find(now.rationale, line) == now.rationale.end()) out.push_back(fmt::format("- {}", line));
  }
  for (const std::string& line : now.rationale) {
    if (std::ranges::find(then.rationale, line) == then.rationale.end()) out.push_back(fmt::format("+ {}", line));
  }
  auto has = [](const std::vector<EvidenceRef>& list, const EvidenceRef& ref) {
    return std::ranges::any_of(list, [&](const EvidenceRef& r) { return r.sha256 == ref.sha256; });
  };
  for (const EvidenceRef& ref : now.evidence) {
    if (!has(then.evidence, ref)) out.push_back(fmt::format("cites now: {}", cited(ref)));
  }
  for (const EvidenceRef& ref : then.evidence) {
    if (!has(now.evidence, ref)) out.push_back(fmt::format("no longer cites: {}", cited(ref)));
  }
  return out;
}

}  // namespace

std::string_view to_string(DecisionChangeKind kind) {
  switch (kind) {
    case DecisionChangeKind::changed: return "changed";
    case DecisionChangeKind::added: return "new";
    case DecisionChangeKind::gone: return "gone";
  }
  return "changed";
}

std::string decision_subject(const Decision& decision) {
  if (decision.licence) return fmt::format("the licence of {}", decision.purl);
  if (decision.vulnerability.empty()) return "the SBOM";
  return fmt::format("{} of {}", decision.vulnerability, decision.purl);
}

DecisionChanges compare_decisions(const Assessment& then, const Assessment& now) {
  DecisionChanges out;
  std::map<std::string, const Decision*> before;
  for (const Decision* d : every_decision(then)) before.emplace(decision_subject(*d), d);
  std::set<std::string> seen;
  for (const Decision* d : every_decision(now)) {
    std::string subject = decision_subject(*d);
    seen.insert(subject);
    const auto was = before.find(subject);
    if (was == before.end()) {
      std::vector<std::string> why{fmt::format("a finding not decided then: {}", outcome_of(*d))};
      for (const std::string& line : d->rationale) why.push_back(fmt::format("+ {}", line));
      out.changes.push_back(DecisionChange{DecisionChangeKind::added, std::move(subject), std::nullopt, *d, std::move(why)});
      continue;
    }
    std::vector<std::string> why = why_changed(*was->second, *d);
    if (why.empty()) {
      ++out.unchanged;
      continue;
    }
    out.changes.push_back(DecisionChange{DecisionChangeKind::changed, std::move(subject), *was->second, *d, std::move(why)});
  }
  for (const auto& [subject, d] : before) {
    if (seen.contains(subject)) continue;
    out.changes.push_back(DecisionChange{DecisionChangeKind::gone, subject, *d, std::nullopt,
                                         {fmt::format("no longer a finding to decide (it was: {})", outcome_of(*d))}});
  }
  // What asks the most now first; a finding gone last.
  auto rank = [](const DecisionChange& c) {
    return std::tuple(c.now ? static_cast<int>(c.now->outcome) : 99, c.subject);
  };
  std::ranges::stable_sort(out.changes, {}, rank);
  return out;
}

std::vector<std::string> compare_advisory_loads(const std::vector<EcosystemLoad>& then,
                                                const std::vector<EcosystemLoad>& now) {
  auto key = [](const EcosystemLoad& load) { return std::pair(load.ecosystem, load.source); };
  auto described = [](const EcosystemLoad& load) {
    return fmt::format("{} record{} (newest modified {}), loaded {}", load.records, load.records == 1 ? "" : "s",
                       load.newest_modified.empty() ? "unknown" : load.newest_modified, load.loaded_at);
  };
  std::map<std::pair<std::string, std::string>, const EcosystemLoad*> before;
  for (const EcosystemLoad& load : then) before.emplace(key(load), &load);
  std::vector<std::string> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (const EcosystemLoad& load : now) {
    seen.insert(key(load));
    const auto was = before.find(key(load));
    if (was == before.end()) {
      out.push_back(fmt::format("{} from {}: new: {}", load.ecosystem, load.source, described(load)));
    } else if (!(*was->second == load)) {
      out.push_back(fmt::format("{} from {}: {} -> {}", load.ecosystem, load.source, described(*was->second),
                                described(load)));
    }
  }
  for (const EcosystemLoad& load : then) {
    if (!seen.contains(key(load))) {
      out.push_back(fmt::format("{} from {}: no longer loaded (was {})", load.ecosystem, load.source, described(load)));
    }
  }
  return out;
}

}  // namespace cradle
