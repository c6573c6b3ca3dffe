// Policy evaluation: the first rule that holds decides; each condition weighs the fact it names
// (an unscored finding is not "high", a missing Scorecard score never counts as low); the
// rationale tells the facts weighed and the evidence lists the documents they come from.
#include <gtest/gtest.h>

#include "assess/policy_evaluation.h"
#include "formats/policy/policy_yaml.h"
#include "shared_data.h"

namespace cradle {
namespace {

Policy policy_from(const std::string& yaml) {
  PolicyParseResult parsed = parse_policy_yaml(yaml, "policy.yaml");
  EXPECT_TRUE(parsed.accepted());
  return parsed.accepted() ? *parsed.policy : Policy{};
}

FindingFacts finding(std::string rating, std::string verdict = "affected") {
  FindingFacts f;
  f.purl = "pkg:golang/github.com/example/lib@v1.2.0";
  f.vulnerability = "GHSA-xxxx-yyyy-zzzz";
  f.ids = {"CVE-2026-0001", "GHSA-xxxx-yyyy-zzzz"};
  f.verdict = parse_verdict(verdict);
  f.rating = std::move(rating);
  if (!f.rating.empty()) {
    f.cvss_score = 8.1;
    f.cvss_vector = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H";
  }
  f.evidence = {EvidenceRef{"app.cdx.json", "aa", "CycloneDX 1.6 JSON", "", ""},
                EvidenceRef{"GHSA-xxxx-yyyy-zzzz.json", "bb", "OSV JSON", "", ""}};
  return f;
}

const ProductContext kNetworkFacing{"", "network-facing", "default"};
const ProductContext kUnstated{};

TEST(PolicyEvaluation, TheBuiltInPolicyDecidesByContextSeverityVexAndFix) {
  const Policy policy = *parse_policy_yaml(default_policy_yaml(), "built-in").policy;
  EXPECT_EQ(decide(policy, kNetworkFacing, finding("high"), "2026-12-01T00:00:00Z").outcome, DecisionOutcome::block);
  EXPECT_EQ(decide(policy, kUnstated, finding("critical"), "2026-12-01T00:00:00Z").outcome, DecisionOutcome::block)
      << "an unstated exposure is not assumed to be safe";
  const ProductContext internal{"", "internal", "default"};
  Decision internal_high = decide(policy, internal, finding("high"), "2026-12-01T00:00:00Z");
  EXPECT_EQ(internal_high.outcome, DecisionOutcome::remediate);
  EXPECT_EQ(internal_high.rule, "no-fix-known");
  EXPECT_EQ(internal_high.due_by, "2026-12-31T00:00:00Z");
  const ProductContext critical_internal{"", "internal", "critical"};
  EXPECT_EQ(decide(policy, critical_internal, finding("high"), "2026-12-01T00:00:00Z").rule, "severe-in-critical-product");
  FindingFacts fixable = finding("medium");
  fixable.nearest_fix = "1.2.1";
  EXPECT_EQ(decide(policy, kNetworkFacing, fixable, "2026-12-01T00:00:00Z").rule, "fix-available");
  EXPECT_EQ(decide(policy, kNetworkFacing, finding("", "affected"), "2026-12-01T00:00:00Z").rule, "no-fix-known")
      << "an unscored finding is neither high nor critical";
  EXPECT_EQ(decide(policy, kNetworkFacing, finding("high", "unknown"), "2026-12-01T00:00:00Z").outcome,
            DecisionOutcome::review);
  FindingFacts stated = finding("critical");
  stated.vex_status = VexStatus::not_affected;
  EXPECT_EQ(decide(policy, kNetworkFacing, stated, "2026-12-01T00:00:00Z").outcome, DecisionOutcome::accept);
  stated.vex_status = VexStatus::under_investigation;
  EXPECT_EQ(decide(policy, kNetworkFacing, stated, "2026-12-01T00:00:00Z").outcome, DecisionOutcome::block);
}

TEST(PolicyEvaluation, TheRationaleTellsTheFactsWeighedAndTheEvidenceListsTheirDocuments) {
  Policy policy = *parse_policy_yaml(default_policy_yaml(), "built-in").policy;
  policy.evidence.source = "built-in";
  FindingFacts f = finding("high");
  f.vex_status = VexStatus::under_investigation;
  const Decision d = decide(policy, kNetworkFacing, f, "2026-12-01T00:00:00Z");
  EXPECT_EQ(d.rule, "severe-and-exposed");
  ASSERT_EQ(d.rationale.size(), 5u);
  EXPECT_TRUE(d.rationale[0].starts_with("rule 'severe-and-exposed' of policy 'cradle default': a high or critical"));
  EXPECT_EQ(d.rationale[1], "severity: high (CVSS 8.1, CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H)");
  EXPECT_EQ(d.rationale[2], "verdict: affected (the installed version is in an affected range)");
  EXPECT_EQ(d.rationale[3], "VEX: under_investigation") << "a statement that applies is told though not weighed";
  EXPECT_EQ(d.rationale[4], "product exposure: network-facing");
  ASSERT_EQ(d.evidence.size(), 3u);
  EXPECT_EQ(d.evidence[0].sha256, "aa");
  EXPECT_EQ(d.evidence[1].sha256, "bb");
  EXPECT_EQ(d.evidence[2], policy.evidence);
  EXPECT_TRUE(d.due_by.empty()) << "the rule sets no deadline";
  EXPECT_EQ(d.ids, f.ids);
}

TEST(PolicyEvaluation, AScorecardScoreBelowTheThresholdHoldsAndIsCited) {
  const Policy policy = policy_from(testing::read_file(testing::test_data_dir() / "policies/release-gate.policy.yaml"));
  FindingFacts f = finding("high");
  EXPECT_EQ(decide(policy, kNetworkFacing, f, "2026-12-01T00:00:00Z").rule, "everything-else")
      << "no score stored: the Scorecard condition does not hold";
  Signal scorecard;
  scorecard.subject = "github.com/example/lib";
  scorecard.name = "aggregate";
  scorecard.observed_at = "2026-11-28T09:15:00Z";
  scorecard.evidence = EvidenceRef{"lib.scorecard.json", "cc", "OpenSSF Scorecard", "", ""};
  f.scorecard = scorecard;
  EXPECT_EQ(decide(policy, kNetworkFacing, f, "2026-12-01T00:00:00Z").rule, "everything-else")
      << "an inconclusive score is not a low one";
  f.scorecard->score = 5.0;
  EXPECT_EQ(decide(policy, kNetworkFacing, f, "2026-12-01T00:00:00Z").rule, "everything-else") << "5 is not below 5";
  f.scorecard->score = 4.2;
  const Decision d = decide(policy, kNetworkFacing, f, "2026-12-01T10:00:00+02:00");
  EXPECT_EQ(d.rule, "weakly-maintained");
  EXPECT_EQ(d.due_by, "2026-12-08T08:00:00Z") << "seven days after the decision, in UTC";
  EXPECT_EQ(d.rationale.back(), "OpenSSF Scorecard of github.com/example/lib: 4.2 on 2026-11-28T09:15:00Z (below 5)");
  ASSERT_EQ(d.evidence.size(), 4u);
  EXPECT_EQ(d.evidence[2].sha256, "cc");
  f.scorecard->score = 2;
  f.rating = "critical";
  EXPECT_EQ(decide(policy, kNetworkFacing, f, "2026-12-01T00:00:00Z").rule, "critical") << "the first rule that holds";
}

TEST(PolicyEvaluation, NoRuleHoldingIsAReviewSayingSo) {
  const Policy policy = policy_from("cradle-policy: 1\nname: narrow\nrules:\n  - {id: only, when: {vex: fixed}, decide: accept}\n");
  const Decision d = decide(policy, kNetworkFacing, finding("low"), "2026-12-01T00:00:00Z");
  EXPECT_EQ(d.outcome, DecisionOutcome::review);
  EXPECT_TRUE(d.rule.empty());
  EXPECT_EQ(d.rationale, (std::vector<std::string>{"no rule of policy 'narrow' holds for this finding"}));
}

TEST(PolicyEvaluation, ConditionsOnTheProductContext) {
  const Policy policy = policy_from(
      "cradle-policy: 1\nrules:\n"
      "  - {id: unstated, when: {exposure: unstated}, decide: review}\n"
      "  - {id: class-one, when: {criticality: [important-class-i]}, decide: block, within_days: 0}\n"
      "  - {id: no-fix, when: {fix_available: false}, decide: monitor}\n"
      "  - {id: rest, decide: remediate}\n");
  EXPECT_EQ(decide(policy, kUnstated, finding("low"), "2026-12-01T00:00:00Z").rule, "unstated");
  const ProductContext class_one{"", "local", "important-class-i"};
  const Decision d = decide(policy, class_one, finding("low"), "2026-12-01T00:00:00Z");
  EXPECT_EQ(d.rule, "class-one");
  EXPECT_EQ(d.due_by, "2026-12-01T00:00:00Z");
  EXPECT_EQ(d.rationale[1], "product criticality: important-class-i");
  const ProductContext plain{"", "local", "default"};
  EXPECT_EQ(decide(policy, plain, finding("low"), "2026-12-01T00:00:00Z").rule, "no-fix");
  FindingFacts fixable = finding("low");
  fixable.nearest_fix = "1.3.0";
  EXPECT_EQ(decide(policy, plain, fixable, "2026-12-01T00:00:00Z").rule, "rest");
}

std::vector<SbomConformance> conformance(std::string bsi, std::string ntia) {
  return {SbomConformance{"ntia", std::move(ntia), 13, 6, 0, 0},
          SbomConformance{"bsi-2.1", std::move(bsi), 16, 30, 14, 0}};
}

TEST(PolicyEvaluation, SbomRulesDecideTheSbomOnItsConformance) {
  const Policy policy =
      policy_from(testing::read_file(testing::test_data_dir() / "policies/sbom.policy.yaml"));
  const std::vector<EvidenceRef> sbom{EvidenceRef{"app.cdx.json", "aa", "CycloneDX 1.6 JSON", "", ""}};
  const Decision online = decide_sbom(policy, kNetworkFacing, conformance("nonconformant", "conformant"), sbom,
                                      "2026-12-01T00:00:00Z");
  EXPECT_EQ(online.outcome, DecisionOutcome::remediate);
  EXPECT_EQ(online.rule, "bsi-nonconformant-online");
  EXPECT_EQ(online.due_by, "2026-12-31T00:00:00Z");
  EXPECT_TRUE(online.purl.empty());
  EXPECT_TRUE(online.vulnerability.empty());
  EXPECT_FALSE(online.licence);
  ASSERT_EQ(online.rationale.size(), 3u);
  EXPECT_EQ(online.rationale[1],
            "SBOM conformance to bsi-2.1: nonconformant (16 requirement results met, 30 not met, 14 cannot tell, 0 "
            "not applicable)");
  EXPECT_EQ(online.rationale[2], "product exposure: network-facing");
  ASSERT_EQ(online.evidence.size(), 2u);
  EXPECT_EQ(online.evidence[0].source, "app.cdx.json");
  EXPECT_EQ(online.evidence[1].kind, "cradle policy");

  const ProductContext internal{"", "internal", "default"};
  const Decision offline = decide_sbom(policy, internal, conformance("nonconformant", "undetermined"), sbom,
                                       "2026-12-01T00:00:00Z");
  EXPECT_EQ(offline.rule, "ntia-unproven") << "the BSI rule asks for a product on the network";
  EXPECT_EQ(offline.outcome, DecisionOutcome::review);
  EXPECT_TRUE(offline.due_by.empty());
  EXPECT_EQ(decide_sbom(policy, kUnstated, conformance("undetermined", "conformant"), sbom, "2026-12-01T00:00:00Z").rule,
            "sbom-good-enough")
      << "undetermined is not nonconformant, and the last rule holds for every SBOM";
}

TEST(PolicyEvaluation, AnSbomRuleOnAProfileNotCheckedNeverHolds) {
  const Policy policy = policy_from(
      "cradle-policy: 1\nname: p\nrules:\n  - {id: a, decide: review}\nsbom:\n"
      "  - {id: bsi-ok, when: {sbom_conformance: {profile: bsi-2.1, status: conformant}}, decide: accept}\n"
      "  - {id: cra-bad, when: {sbom_conformance: {profile: cra, status: [nonconformant, undetermined]}}, "
      "decide: block}\n");
  const Decision decision = decide_sbom(policy, kUnstated, conformance("undetermined", "conformant"), {}, "2026-12-01T00:00:00Z");
  EXPECT_EQ(decision.outcome, DecisionOutcome::review);
  EXPECT_TRUE(decision.rule.empty());
  EXPECT_EQ(decision.rationale,
            (std::vector<std::string>{"no SBOM rule of policy 'p' holds for the SBOM",
                                      "SBOM conformance to bsi-2.1: undetermined (16 requirement results met, 30 not "
                                      "met, 14 cannot tell, 0 not applicable)",
                                      "SBOM conformance to cra: not checked"}))
      << "a profile the store has no verdict for is neither conformant nor not";
}

}  // namespace
}  // namespace cradle
