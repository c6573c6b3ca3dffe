// Assessments as JSON and as a table: each decision with its outcome, deadline, the lines of its
// rationale and the documents it rests on; the vulnerability decisions, then the licence ones. A decision is the manufacturer's policy applied to
// the evidence, not a statement that a component is secure.
//
// Threads: plain functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "assess/decision_changes.h"
#include "assess/decision_log.h"
#include "model/decision.h"
#include "model/product.h"

namespace cradle {

// Decisions per outcome (vulnerability and licence decisions alike), in the order of
// DecisionOutcome.
std::array<std::size_t, 5> count_outcomes(const Assessment& assessment);

// The JSON contracts of `assess` (schemas/assess.schema.json: this, with the coverage the
// caller adds) and `decisions` (schemas/decisions.schema.json: {schema_version, assessments}).
inline constexpr std::string_view kAssessmentJsonSchemaVersion = "1";
nlohmann::ordered_json assessment_json(const Assessment& assessment);
nlohmann::ordered_json decisions_json(const std::vector<Assessment>& assessments);
std::string assessment_table(const Assessment& assessment);

// `assess --replay` (schemas/replay.schema.json): the past assessment, what the advisory data
// and each decision would be today, and why.
nlohmann::ordered_json replay_json(const Assessment& then, const std::string& now, bool predates_log,
                                   const std::vector<LogProblem>& log_problems,
                                   const std::vector<std::string>& advisories, const DecisionChanges& changes);
std::string replay_table(const Assessment& then, const std::string& now, bool predates_log,
                         const std::vector<LogProblem>& log_problems, const std::vector<std::string>& advisories,
                         const DecisionChanges& changes);

}  // namespace cradle
