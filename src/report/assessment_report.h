// Assessments as JSON and as a table: each decision with its outcome, deadline, the lines of its
// rationale and the documents it rests on. A decision is the manufacturer's policy applied to
// the evidence, not a statement that a component is secure.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <string>

#include "model/decision.h"
#include "model/product.h"

namespace cradle {

// Decisions per outcome, in the order of DecisionOutcome.
std::array<std::size_t, 5> count_outcomes(const Assessment& assessment);

nlohmann::ordered_json assessment_json(const Assessment& assessment);
std::string assessment_table(const Assessment& assessment);

}  // namespace cradle
