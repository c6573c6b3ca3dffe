#include "store/decision_rows.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/store.h"

namespace cradle {

DecisionRow to_row(const Decision& decision, std::int64_t position) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const EvidenceRef& ref : decision.evidence) {
    evidence.push_back({ref.source, ref.sha256, ref.kind, ref.ingested_at, ref.produced_at});
  }
  return DecisionRow{position,
                     decision.purl,
                     decision.vulnerability,
                     decision.licence,
                     join_ids(decision.ids),
                     std::string(to_string(decision.outcome)),
                     decision.rule,
                     decision.due_by,
                     nlohmann::json(decision.rationale).dump(),
                     evidence.dump()};
}

std::expected<Decision, Error> to_decision(const DecisionRow& row) {
  auto defect = [&](std::string_view what) {
    return std::unexpected(Error{ErrorCode::invalid_input, fmt::format("decision {} of {} on {}: {}", row.position, row.vulnerability,
                                             row.purl, what), {}});
  };
  Decision decision;
  decision.purl = row.purl;
  decision.vulnerability = row.vulnerability;
  decision.licence = row.licence;
  decision.ids = split_ids(row.ids);
  auto outcome = parse_decision_outcome(row.outcome);
  if (!outcome) return defect(fmt::format("unknown outcome '{}'", row.outcome));
  decision.outcome = *outcome;
  decision.rule = row.rule;
  decision.due_by = row.due_by;
  const nlohmann::json rationale = nlohmann::json::parse(row.rationale, nullptr, false);
  const nlohmann::json evidence = nlohmann::json::parse(row.evidence, nullptr, false);
  if (!rationale.is_array() || !evidence.is_array()) return defect("rationale or evidence is not a JSON array");
  for (const nlohmann::json& line : rationale) {
    if (!line.is_string()) return defect("a rationale line is not a string");
    decision.rationale.push_back(line.get<std::string>());
  }
  for (const nlohmann::json& ref : evidence) {
    if (!ref.is_array() || ref.size() != 5) return defect("an evidence entry is not five strings");
    EvidenceRef& out = decision.evidence.emplace_back();
    std::string* fields[] = {&out.source, &out.sha256, &out.kind, &out.ingested_at, &out.produced_at};
    for (std::size_t i = 0; i < 5; ++i) {
      if (!ref[i].is_string()) return defect("an evidence entry is not five strings");
      *fields[i] = ref[i].get<std::string>();
    }
  }
  return decision;
}

}  // namespace cradle
