// libFuzzer target for the policy reader: no crash, nothing refused without an error, every
// diagnostic names the file, and an accepted policy holds only rules a decision can follow
// (an id each, distinct; a deadline only on a block or remediate rule).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "formats/policy/policy_yaml.h"
#include "fuzz_checks.h"

using cradle::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const cradle::ParseLimits limits{.max_bytes = 1 << 20, .max_depth = 64};
  const cradle::PolicyParseResult result = cradle::parse_policy_yaml(bytes, cradle::fuzz::kFile, limits);
  require(result.accepted() || cradle::has_errors(result.diagnostics), "refused without an error");
  cradle::fuzz::require_located_diagnostics(result.diagnostics);
  if (!result.accepted()) return 0;
  require(!result.policy->rules.empty(), "a policy without rules");
  std::set<std::string> ids;
  for (const cradle::PolicyRule& rule : result.policy->rules) {
    require(!rule.id.empty(), "a rule without an id");
    require(ids.insert(rule.id).second, "two rules with one id");
    require(!rule.within_days || rule.decide == cradle::DecisionOutcome::block ||
                rule.decide == cradle::DecisionOutcome::remediate,
            "a deadline on a rule that sets none");
    require(!rule.when.scorecard_below || (*rule.when.scorecard_below >= 0 && *rule.when.scorecard_below <= 10),
            "a Scorecard threshold outside 0-10");
  }
  return 0;
}
