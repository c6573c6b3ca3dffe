// Assessments as JSON and as a table: each decision with its outcome, deadline, the lines of its
// rationale and the documents it rests on; the vulnerability decisions, then the licence ones. A decision is the manufacturer's policy applied to
// the evidence, not a statement that a component is secure.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

}  // namespace cradle
