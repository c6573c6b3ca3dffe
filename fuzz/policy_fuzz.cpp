// libFuzzer target for the policy reader: no crash, nothing refused without an error, every
// diagnostic names the file, and an accepted policy holds only rules a decision can follow
// (an id each, distinct; a deadline only on a block or remediate rule; an SBOM rule's profile
// and verdicts known ones).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "formats/policy/policy_yaml.h"
#include "model/sbom_profile.h"
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
  std::set<std::string> ids;  // distinct across the three lists
  auto check_rule = [&](const auto& rule) {
    require(!rule.id.empty(), "a rule without an id");
    require(ids.insert(rule.id).second, "two rules with one id");
    require(!rule.within_days || rule.decide == cradle::DecisionOutcome::block ||
                rule.decide == cradle::DecisionOutcome::remediate,
            "a deadline on a rule that sets none");
  };
  for (const cradle::PolicyRule& rule : result.policy->rules) {
    check_rule(rule);
    require(!rule.when.scorecard_below || (*rule.when.scorecard_below >= 0 && *rule.when.scorecard_below <= 10),
            "a Scorecard threshold outside 0-10");
  }
  for (const cradle::LicenceRule& rule : result.policy->licence_rules) check_rule(rule);
  for (const cradle::SbomRule& rule : result.policy->sbom_rules) {
    check_rule(rule);
    require(rule.when.profile.empty() == rule.when.conformance.empty(), "a profile without a verdict or the reverse");
    require(rule.when.profile.empty() || cradle::parse_sbom_profile(rule.when.profile), "an unknown profile");
    for (const std::string& verdict : rule.when.conformance) {
      require(std::ranges::find(cradle::kConformanceVerdicts, verdict) != cradle::kConformanceVerdicts.end(),
              "an unknown conformance verdict");
    }
  }
  return 0;
}
