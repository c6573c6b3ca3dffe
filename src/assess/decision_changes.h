// How the decisions of two assessments of one product version differ, subject by subject (a
// vulnerability of a component, a component's licence, the SBOM): what `cradle assess --replay`
// shows between a past assessment and the same inputs decided today.
//
// A decision changed when its outcome, rule, rationale or the documents it cites differ; its due
// date alone is not a change (it moves with the day decided). Each change says why: the outcome
// and rule before and after, the rationale lines that came and went, the documents cited now and
// no longer.
//
// Threads: plain functions of their arguments.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/advisory_coverage.h"
#include "model/decision.h"

namespace cradle {

enum class DecisionChangeKind { changed, added, gone };
std::string_view to_string(DecisionChangeKind kind);  // "changed", "new", "gone"

struct DecisionChange {
  DecisionChangeKind kind = DecisionChangeKind::changed;
  std::string subject;
  std::optional<Decision> then;
  std::optional<Decision> now;
  std::vector<std::string> why;
};

struct DecisionChanges {
  std::vector<DecisionChange> changes;  // most demanding outcome now first, then by subject
  std::size_t unchanged = 0;
};

// What a decision is about: "CVE-… of pkg:…", "the licence of pkg:…", "the SBOM".
std::string decision_subject(const Decision& decision);

DecisionChanges compare_decisions(const Assessment& then, const Assessment& now);

// How the advisory data differs between two snapshots (each source's last load of each
// ecosystem), one line per load that came, went or changed.
std::vector<std::string> compare_advisory_loads(const std::vector<EcosystemLoad>& then,
                                                const std::vector<EcosystemLoad>& now);

}  // namespace cradle
