// cradle policy files: the built-in policy and a fixture read to the rules they state, and each
// kind of defect refused at its line and column (a policy that silently ignored a misspelt
// condition would decide every finding by the wrong rule).
#include <gtest/gtest.h>

#include <string>

#include "formats/policy/policy_yaml.h"
#include "shared_data.h"

namespace cradle {
namespace {

std::string messages(const PolicyParseResult& result) {
  std::string out;
  for (const Diagnostic& d : result.diagnostics) out += format_diagnostic(d) + "\n";
  return out;
}

TEST(PolicyYaml, TheBuiltInPolicyReads) {
  PolicyParseResult result = parse_policy_yaml(default_policy_yaml(), "built-in");
  ASSERT_TRUE(result.accepted()) << messages(result);
  EXPECT_TRUE(result.diagnostics.empty()) << messages(result);
  EXPECT_EQ(result.policy->name, "cradle default");
  ASSERT_EQ(result.policy->rules.size(), 6u);
  EXPECT_EQ(result.policy->rules[0].id, "vex-not-affected");
  EXPECT_EQ(result.policy->rules[0].when.vex, (std::vector<std::string>{"not_affected", "fixed"}));
  EXPECT_EQ(result.policy->rules[1].decide, DecisionOutcome::block);
  EXPECT_EQ(result.policy->rules[1].when.exposure, (std::vector<std::string>{"network-facing", "unstated"}));
  EXPECT_EQ(result.policy->rules[3].within_days, 30);
  EXPECT_EQ(result.policy->rules[3].when.fix_available, true);
  EXPECT_EQ(result.policy->evidence.sha256, sha256_hex(default_policy_yaml()));
  EXPECT_EQ(result.policy->evidence.kind, "cradle policy");
}

TEST(PolicyYaml, AFixtureReadsToItsRules) {
  const std::string bytes = testing::read_file(testing::test_data_dir() / "policies/release-gate.policy.yaml");
  PolicyParseResult result = parse_policy_yaml(bytes, "release-gate.policy.yaml");
  ASSERT_TRUE(result.accepted()) << messages(result);
  const Policy& policy = *result.policy;
  EXPECT_EQ(policy.name, "internal release gate");
  ASSERT_EQ(policy.rules.size(), 5u);
  EXPECT_EQ(policy.rules[0].when.vex, (std::vector<std::string>{"not_affected"})) << "one word is a list of one";
  EXPECT_EQ(policy.rules[0].reason, "the supplier states the product is not affected");
  EXPECT_EQ(policy.rules[1].when.severity, (std::vector<std::string>{"critical"}));
  EXPECT_EQ(policy.rules[1].when.verdict, (std::vector<std::string>{"affected"}));
  EXPECT_FALSE(policy.rules[1].within_days);
  EXPECT_EQ(policy.rules[2].when.scorecard_below, 5.0);
  EXPECT_EQ(policy.rules[2].within_days, 7);
  EXPECT_EQ(policy.rules[3].when.exposure, (std::vector<std::string>{"internal", "local", "offline"}));
  EXPECT_EQ(policy.rules[4].decide, DecisionOutcome::monitor);
  EXPECT_TRUE(policy.rules[4].when.severity.empty());
}

TEST(PolicyYaml, EveryRuleAfterACatchAllIsReportedAsUnreachable) {
  // Three rules after the catch-all, so that the rule list grows while the catch-all is remembered
  // (found by fuzz_policy: the reader once kept a pointer into the growing list).
  PolicyParseResult result = parse_policy_yaml(
      "cradle-policy: 1\nrules:\n  - {id: all, decide: monitor}\n  - {id: late, decide: block}\n"
      "  - {id: later, decide: accept}\n  - {id: last, decide: review}\n",
      "p.yaml");
  ASSERT_TRUE(result.accepted()) << messages(result);
  ASSERT_EQ(result.diagnostics.size(), 3u);
  EXPECT_EQ(result.diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(format_diagnostic(result.diagnostics[0]),
            "p.yaml:4:5: warning: rule 'late' is never reached: rule 'all' before it holds for every finding");
  EXPECT_EQ(format_diagnostic(result.diagnostics[2]),
            "p.yaml:6:5: warning: rule 'last' is never reached: rule 'all' before it holds for every finding");
  EXPECT_EQ(result.policy->rules.size(), 4u);
}

TEST(PolicyYaml, LicenceRulesReadToTheirConditions) {
  PolicyParseResult result = parse_policy_yaml(
      "cradle-policy: 1\nrules:\n  - {id: all, decide: review}\nlicences:\n"
      "  - {id: no-agpl, when: {licence_any_of: [agpl-3.0-only, 'GPL-2.0-only with classpath-exception-2.0']}, "
      "decide: block, reason: not in our products}\n"
      "  - {id: online, when: {licence_category: [strong-copyleft, network-copyleft], exposure: network-facing}, "
      "decide: remediate, within_days: 30}\n"
      "  - {id: rest, when: {licence_none_of: LicenseRef-Acme}, decide: accept}\n"
      "  - {id: everything, decide: review}\n  - {id: never, decide: accept}\n",
      "p.yaml");
  ASSERT_TRUE(result.accepted()) << messages(result);
  const auto& rules = result.policy->licence_rules;
  ASSERT_EQ(rules.size(), 5u);
  EXPECT_EQ(rules[0].when.licence_any_of,
            (std::vector<std::string>{"AGPL-3.0-only", "GPL-2.0-only WITH Classpath-exception-2.0"}))
      << "licences kept in canonical form";
  EXPECT_EQ(rules[0].reason, "not in our products");
  EXPECT_EQ(rules[1].when.category, (std::vector<std::string>{"strong-copyleft", "network-copyleft"}));
  EXPECT_EQ(rules[1].when.exposure, (std::vector<std::string>{"network-facing"}));
  EXPECT_EQ(rules[1].within_days, 30);
  EXPECT_EQ(rules[2].when.licence_none_of, (std::vector<std::string>{"LicenseRef-Acme"}));
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(result.diagnostics[0]),
            "p.yaml:9:5: warning: rule 'never' is never reached: rule 'everything' before it holds for every licence");
}

TEST(PolicyYaml, SbomRulesReadToTheirConditions) {
  const std::string bytes = testing::read_file(testing::test_data_dir() / "policies/sbom.policy.yaml");
  PolicyParseResult result = parse_policy_yaml(bytes, "sbom.policy.yaml");
  ASSERT_TRUE(result.accepted()) << messages(result);
  EXPECT_TRUE(result.diagnostics.empty()) << messages(result);
  const auto& rules = result.policy->sbom_rules;
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].id, "bsi-nonconformant-online");
  EXPECT_EQ(rules[0].when.profile, "bsi-2.1");
  EXPECT_EQ(rules[0].when.conformance, (std::vector<std::string>{"nonconformant"}));
  EXPECT_EQ(rules[0].when.exposure, (std::vector<std::string>{"network-facing", "unstated"}));
  EXPECT_EQ(rules[0].decide, DecisionOutcome::remediate);
  EXPECT_EQ(rules[0].within_days, 30);
  EXPECT_EQ(rules[1].when.profile, "ntia");
  EXPECT_EQ(rules[1].when.conformance, (std::vector<std::string>{"nonconformant", "undetermined"}));
  EXPECT_TRUE(rules[2].when.profile.empty());
  EXPECT_EQ(rules[2].decide, DecisionOutcome::accept);
  EXPECT_EQ(result.policy->rules.size(), 1u);
  EXPECT_TRUE(result.policy->licence_rules.empty());

  PolicyParseResult unreachable = parse_policy_yaml(
      "cradle-policy: 1\nrules:\n  - {id: a, decide: review}\nsbom:\n  - {id: all, decide: accept}\n"
      "  - {id: late, when: {sbom_conformance: {profile: cra, status: nonconformant}}, decide: block}\n",
      "p.yaml");
  ASSERT_TRUE(unreachable.accepted()) << messages(unreachable);
  ASSERT_EQ(unreachable.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(unreachable.diagnostics[0]),
            "p.yaml:6:5: warning: rule 'late' is never reached: rule 'all' before it holds for every SBOM");
}

struct Malformed {
  std::string name;
  std::string bytes;
  std::string expected;  // the first diagnostic, formatted
};

class PolicyYamlMalformed : public ::testing::TestWithParam<Malformed> {};

TEST_P(PolicyYamlMalformed, IsRefusedAtItsLocation) {
  const Malformed& c = GetParam();
  PolicyParseResult result = parse_policy_yaml(c.bytes, "p.yaml");
  EXPECT_FALSE(result.accepted());
  ASSERT_FALSE(result.diagnostics.empty());
  EXPECT_EQ(format_diagnostic(result.diagnostics[0]), c.expected) << messages(result);
}

const std::string kHead = "cradle-policy: 1\nrules:\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, PolicyYamlMalformed,
    ::testing::Values(
        Malformed{"unclosed_flow", kHead + "  - {id: a, decide: block\n", "p.yaml:4:1: error: malformed YAML: end of map flow not found"},
        Malformed{"not_a_mapping", "- a\n- b\n", "p.yaml:1:1: error: a policy is a mapping with 'cradle-policy', 'name' and 'rules'"},
        Malformed{"empty", "", "p.yaml: error: a policy is a mapping with 'cradle-policy', 'name' and 'rules'"},
        Malformed{"not_a_policy", "rules: []\n", "p.yaml:1:1: error: missing 'cradle-policy: 1': not a cradle policy"},
        Malformed{"format_2", "cradle-policy: 2\nrules: []\n", "p.yaml:1:16: error: unsupported policy format: 'cradle-policy' must be 1"},
        Malformed{"no_rules", "cradle-policy: 1\nrules: []\n", "p.yaml:2:8: error: a policy needs 'rules': a list of at least one rule"},
        Malformed{"unknown_member", "cradle-policy: 1\nrulez: []\n", "p.yaml:2:1: error: 'rulez' is not a policy member (cradle-policy, name, rules, licences, sbom)"},
        Malformed{"rule_not_mapping", kHead + "  - block\n", "p.yaml:3:5: error: a rule is a mapping with 'id', 'decide' and optionally 'when', 'within_days', 'reason'"},
        Malformed{"unknown_rule_member", kHead + "  - {id: a, decide: block, within: 3}\n", "p.yaml:3:28: error: 'within' is not a rule member (id, when, decide, within_days, reason)"},
        Malformed{"no_id", kHead + "  - {decide: block}\n", "p.yaml:3:5: error: a rule needs an 'id'"},
        Malformed{"empty_id", kHead + "  - {id: '', decide: block}\n", "p.yaml:3:10: error: a rule id must not be empty"},
        Malformed{"duplicate_id", kHead + "  - {id: a, when: {vex: fixed}, decide: accept}\n  - {id: a, decide: block}\n", "p.yaml:4:10: error: duplicate rule id 'a'"},
        Malformed{"no_decide", kHead + "  - {id: a}\n", "p.yaml:3:5: error: rule 'a' needs 'decide' (block, remediate, monitor, accept or review)"},
        Malformed{"bad_decide", kHead + "  - {id: a, decide: ignore}\n", "p.yaml:3:21: error: 'ignore' is not a decision: expected block, remediate, monitor, accept or review"},
        Malformed{"deadline_on_accept", kHead + "  - {id: a, decide: accept, within_days: 3}\n", "p.yaml:3:42: error: 'within_days' is a deadline: only a block or remediate rule has one"},
        Malformed{"negative_deadline", kHead + "  - {id: a, decide: remediate, within_days: -1}\n", "p.yaml:3:45: error: 'within_days' is a whole number of days, 0 to 3650"},
        Malformed{"fractional_deadline", kHead + "  - {id: a, decide: remediate, within_days: 2.5}\n", "p.yaml:3:45: error: 'within_days' is a whole number of days, 0 to 3650"},
        Malformed{"misspelt_condition", kHead + "  - {id: a, decide: block, when: {severty: [high]}}\n", "p.yaml:3:35: error: 'severty' is not a condition (severity, verdict, vex, fix_available, exposure, criticality, scorecard_below)"},
        Malformed{"unknown_severity", kHead + "  - {id: a, decide: block, when: {severity: [high, severe]}}\n", "p.yaml:3:52: error: 'severe' is not a severity: expected one of critical, high, medium, low, none, unscored"},
        Malformed{"empty_list", kHead + "  - {id: a, decide: block, when: {verdict: []}}\n", "p.yaml:3:44: error: expected a verdict or a list of them"},
        Malformed{"nested_list", kHead + "  - {id: a, decide: block, when: {vex: [[fixed]]}}\n", "p.yaml:3:41: error: expected a VEX status (a single value)"},
        Malformed{"unknown_exposure", kHead + "  - {id: a, decide: block, when: {exposure: public}}\n", "p.yaml:3:45: error: 'public' is not an exposure: expected one of network-facing, internal, local, offline, unstated"},
        Malformed{"fix_not_boolean", kHead + "  - {id: a, decide: block, when: {fix_available: maybe}}\n", "p.yaml:3:50: error: 'fix_available' is true or false"},
        Malformed{"score_out_of_range", kHead + "  - {id: a, decide: block, when: {scorecard_below: 11}}\n", "p.yaml:3:52: error: 'scorecard_below' is a score from 0 to 10"},
        Malformed{"when_not_mapping", kHead + "  - {id: a, decide: block, when: [vex]}\n", "p.yaml:3:34: error: 'when' is a mapping of conditions"},
        Malformed{"invalid_utf8", kHead + "  - {id: \"\xff\", decide: block}\n", "p.yaml:3:11: error: invalid UTF-8"},
        Malformed{"licences_not_a_list", kHead + "  - {id: a, decide: block}\nlicences: {id: b}\n", "p.yaml:4:11: error: 'licences' is a list of at least one licence rule"},
        Malformed{"licence_condition_misspelt", kHead + "  - {id: a, decide: block}\nlicences:\n  - {id: b, decide: accept, when: {licence: MIT}}\n", "p.yaml:5:36: error: 'licence' is not a licence condition (licence_any_of, licence_none_of, licence_category, exposure, criticality)"},
        Malformed{"licence_category_unknown", kHead + "  - {id: a, decide: block}\nlicences:\n  - {id: b, decide: accept, when: {licence_category: [permissive, copyleft]}}\n", "p.yaml:5:67: error: 'copyleft' is not a licence category: expected one of permissive, weak-copyleft, strong-copyleft, network-copyleft, proprietary, unknown"},
        Malformed{"licence_not_spdx", kHead + "  - {id: a, decide: block}\nlicences:\n  - {id: b, decide: accept, when: {licence_any_of: [MIT, FooBar-1.0]}}\n", "p.yaml:5:58: error: 'FooBar-1.0' is not a licence: column 1: 'FooBar-1.0' is not on the SPDX licence list (a licence of your own is written LicenseRef-FooBar-1.0)"},
        Malformed{"licence_expression", kHead + "  - {id: a, decide: block}\nlicences:\n  - {id: b, decide: block, when: {licence_none_of: 'MIT OR ISC'}}\n", "p.yaml:5:52: error: 'MIT OR ISC' is an expression: a rule names one licence per entry"},
        Malformed{"licence_id_taken", kHead + "  - {id: a, decide: block}\nlicences:\n  - {id: a, decide: accept}\n", "p.yaml:5:10: error: duplicate rule id 'a'"},
        Malformed{"sbom_not_a_list", kHead + "  - {id: a, decide: block}\nsbom: {id: b}\n", "p.yaml:4:7: error: 'sbom' is a list of at least one SBOM rule"},
        Malformed{"sbom_condition_misspelt", kHead + "  - {id: a, decide: block}\nsbom:\n  - {id: b, decide: block, when: {conformance: {profile: ntia, status: nonconformant}}}\n", "p.yaml:5:35: error: 'conformance' is not an SBOM condition (sbom_conformance, exposure, criticality)"},
        Malformed{"sbom_conformance_not_mapping", kHead + "  - {id: a, decide: block}\nsbom:\n  - {id: b, decide: block, when: {sbom_conformance: bsi-2.1}}\n", "p.yaml:5:53: error: 'sbom_conformance' is a mapping: {profile: a profile, status: a verdict or a list of them}"},
        Malformed{"sbom_conformance_without_status", kHead + "  - {id: a, decide: block}\nsbom:\n  - {id: b, decide: block, when: {sbom_conformance: {profile: ntia}}}\n", "p.yaml:5:53: error: 'sbom_conformance' needs both 'profile' and 'status'"},
        Malformed{"sbom_profile_unknown", kHead + "  - {id: a, decide: block}\nsbom:\n  - {id: b, decide: block, when: {sbom_conformance: {profile: bsi-3, status: conformant}}}\n", "p.yaml:5:63: error: 'bsi-3' is not a conformance profile: expected one of ntia, bsi-2.0, bsi-2.1, cra"},
        Malformed{"sbom_two_profiles", kHead + "  - {id: a, decide: block}\nsbom:\n  - {id: b, decide: block, when: {sbom_conformance: {profile: [ntia, cra], status: conformant}}}\n", "p.yaml:5:63: error: 'profile' names one profile: a rule per profile"},
        Malformed{"sbom_status_unknown", kHead + "  - {id: a, decide: block}\nsbom:\n  - {id: b, decide: block, when: {sbom_conformance: {profile: cra, status: [conformant, failed]}}}\n", "p.yaml:5:89: error: 'failed' is not a conformance verdict: expected one of conformant, nonconformant, undetermined"},
        Malformed{"sbom_conformance_member", kHead + "  - {id: a, decide: block}\nsbom:\n  - {id: b, decide: block, when: {sbom_conformance: {profile: cra, status: conformant, score: 1}}}\n", "p.yaml:5:88: error: 'score' is not a member of 'sbom_conformance' (profile, status)"},
        Malformed{"deep_nesting", kHead + std::string(600, '[') + std::string(600, ']') + "\n", "p.yaml: error: the YAML nests deeper than the limit of 512 levels"}),
    [](const ::testing::TestParamInfo<Malformed>& param) { return param.param.name; });

}  // namespace
}  // namespace cradle
