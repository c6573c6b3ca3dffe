// `cradle assess` on both engines: a product version's current SBOM matched against the stored
// advisories, each finding decided by the policy in the product's context (with the stored
// Scorecard score of a component's repository), and the assessment kept in the decision log,
// read back equal, newest first.
#include "app/assess.h"

#include <gtest/gtest.h>

#include "formats/policy/policy_yaml.h"
#include "formats/sbom_parser.h"
#include "formats/signals/scorecard.h"
#include "shared_data.h"
#include "app/advisory_update.h"
#include "app/sbom_ingest.h"
#include "gate_example.h"
#include "store/scratch_store.h"

namespace cradle {
namespace {

FreshnessRule fresh() {
  return FreshnessRule{std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
}

constexpr std::string_view kPolicy =
    "cradle-policy: 1\nname: test gate\nrules:\n"
    "  - {id: weak, when: {scorecard_below: 7}, decide: remediate, within_days: 7}\n"
    "  - {id: severe, when: {severity: [high, critical], exposure: network-facing}, decide: block}\n"
    "  - {id: rest, decide: monitor}\n";

class AssessmentTest : public testing::GateExampleTest {
 protected:
  void SetUp() override {
    testing::GateExampleTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store_->put_product(Product{"gate", {"", "network-facing", ""}, {}}));
    testing::store_scorecard(*store_, testing::read_file(testing::test_data_dir() / "signals/webapp.scorecard.json"),
                             "webapp.scorecard.json");
    if (HasFatalFailure()) return;
    PolicyParseResult policy = parse_policy_yaml(kPolicy, "gate.policy.yaml");
    ASSERT_TRUE(policy.accepted());
    policy_ = *policy.policy;
    policy_.evidence.source = "gate.policy.yaml";
  }

  AssessmentRun assess(const std::string& at, std::string_view version = "") {
    auto run = assess_product_version(*store_, ProductVersion{"gate", std::string(version)}, policy_, kPolicy, at, fresh());
    EXPECT_TRUE(run) << run.error().message;
    return run ? *run : AssessmentRun{};
  }

  Policy policy_;
};

INSTANTIATE_TEST_SUITE_P(Engines, AssessmentTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(AssessmentTest, EachFindingIsDecidedAndTheAssessmentReadsBackFromTheLog) {
  const AssessmentRun run = assess("2026-12-01T09:00:00Z");
  const Assessment& assessment = run.assessment;
  EXPECT_TRUE(run.diagnostics.empty());
  EXPECT_EQ(run.context.exposure, "network-facing");
  EXPECT_EQ(assessment.product, "gate");
  EXPECT_EQ(assessment.product_version, "1.0");
  EXPECT_GT(assessment.id, 0);
  ASSERT_EQ(assessment.decisions.size(), 2u) << "idna has no advisory, so nothing to decide";

  const Decision& flask = assessment.decisions[0];
  EXPECT_EQ(flask.outcome, DecisionOutcome::block) << "blocks come first";
  EXPECT_EQ(flask.purl, "pkg:pypi/flask@2.2.2");
  EXPECT_EQ(flask.vulnerability, "CVE-2023-30861");
  EXPECT_EQ(flask.rule, "severe");
  EXPECT_EQ(flask.rationale[1], "severity: high (CVSS 7.5, CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N)");
  ASSERT_EQ(flask.evidence.size(), 3u);
  EXPECT_EQ(flask.evidence[0].source, "gate-1.0.cdx.json");
  EXPECT_EQ(flask.evidence[1].sha256,
            sha256_hex(testing::read_file(testing::test_data_dir() / "assess/osv/PYSEC-2023-62.json")));
  EXPECT_EQ(flask.evidence[2].sha256, sha256_hex(kPolicy));
  EXPECT_EQ(flask.evidence[2].source, "gate.policy.yaml");

  const Decision& webapp = assessment.decisions[1];
  EXPECT_EQ(webapp.outcome, DecisionOutcome::remediate);
  EXPECT_EQ(webapp.rule, "weak") << "Scorecard aggregate 6.4 of github.com/example/webapp is below 7";
  EXPECT_EQ(webapp.due_by, "2026-12-08T09:00:00Z");
  EXPECT_EQ(webapp.rationale.back(),
            "OpenSSF Scorecard of github.com/example/webapp: 6.4 on 2026-11-28T09:15:00Z (below 7)");
  ASSERT_EQ(webapp.evidence.size(), 4u);
  EXPECT_EQ(webapp.evidence[2].kind, "OpenSSF Scorecard");

  auto stored = store_->assessments("gate", "1.0", 10);
  ASSERT_TRUE(stored) << stored.error().message;
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front(), assessment);
  EXPECT_EQ(scratch_->query("SELECT COUNT(*) FROM decisions"), "2");
}

TEST_P(AssessmentTest, TheLogKeepsEveryAssessmentNewestFirstAndThePolicyOnce) {
  const Assessment first = assess("2026-12-01T09:00:00Z").assessment;
  const Assessment second = assess("2026-12-02T09:00:00Z", "1.0").assessment;
  EXPECT_GT(second.id, first.id);
  auto all = store_->assessments("gate", "", 10);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0], second);
  EXPECT_EQ((*all)[1], first);
  auto latest = store_->assessments("gate", "1.0", 1);
  ASSERT_TRUE(latest);
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ(latest->front().id, second.id);
  auto other = store_->assessments("gate", "2.0", 10);
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->empty());
  EXPECT_EQ(scratch_->query("SELECT COUNT(*) FROM documents WHERE kind = 'cradle policy'"), "1");
  EXPECT_EQ(scratch_->query("SELECT COUNT(*) FROM decisions"), "4");
}

TEST_P(AssessmentTest, LicenceRulesDecideEachComponentsLicenceAndTheLogKeepsThem) {
  const std::string bytes = testing::read_file(testing::test_data_dir() / "policies/licences.policy.yaml");
  PolicyParseResult parsed = parse_policy_yaml(bytes, "licences.policy.yaml");
  ASSERT_TRUE(parsed.accepted());
  auto run = assess_product_version(*store_, ProductVersion{"gate", ""}, *parsed.policy, bytes,
                                    "2026-12-01T09:00:00Z", fresh());
  ASSERT_TRUE(run) << run.error().message;
  const auto& licences = run->assessment.licence_decisions;
  ASSERT_EQ(licences.size(), 3u) << "one per component, the product itself aside";
  EXPECT_EQ(licences[0].purl, "pkg:golang/github.com/example/webapp@v1.2.0") << "by outcome, then purl";
  EXPECT_EQ(licences[0].licence, "AGPL-3.0-only OR MIT");
  EXPECT_EQ(licences[0].outcome, DecisionOutcome::accept) << "MIT is the branch chosen";
  EXPECT_EQ(licences[0].rationale[1],
            "chosen: MIT (an OR lets the licensee choose; the most favourable branch is taken)");
  EXPECT_EQ(licences[1].purl, "pkg:pypi/flask@2.2.2");
  EXPECT_EQ(licences[1].licence, "BSD-3-Clause");
  EXPECT_EQ(licences[1].outcome, DecisionOutcome::accept);
  EXPECT_EQ(licences[2].purl, "pkg:pypi/idna@3.4");
  EXPECT_EQ(licences[2].licence, "") << "none stated";
  EXPECT_EQ(licences[2].outcome, DecisionOutcome::review);
  ASSERT_EQ(licences[2].evidence.size(), 2u);
  EXPECT_EQ(licences[2].evidence[0].source, "gate-1.0.cdx.json");
  EXPECT_EQ(licences[2].evidence[1].sha256, sha256_hex(bytes));
  EXPECT_TRUE(std::ranges::all_of(run->assessment.decisions, [](const Decision& d) { return !d.licence; }));

  auto stored = store_->assessments("gate", "1.0", 1);
  ASSERT_TRUE(stored) << stored.error().message;
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front(), run->assessment) << "licence and vulnerability decisions read back apart";
  EXPECT_EQ(scratch_->query("SELECT COUNT(*) FROM decisions WHERE licence IS NOT NULL"), "3");
  // Without licence rules (the policy above), no licence is decided.
  EXPECT_TRUE(assess("2026-12-02T09:00:00Z").assessment.licence_decisions.empty());
}

TEST_P(AssessmentTest, SbomRulesDecideTheSbomOnItsStoredConformanceAndTheLogKeepsIt) {
  const std::string bytes = testing::read_file(testing::test_data_dir() / "policies/sbom.policy.yaml");
  PolicyParseResult parsed = parse_policy_yaml(bytes, "sbom.policy.yaml");
  ASSERT_TRUE(parsed.accepted());
  auto run = assess_product_version(*store_, ProductVersion{"gate", ""}, *parsed.policy, bytes,
                                    "2026-12-01T09:00:00Z", fresh());
  ASSERT_TRUE(run) << run.error().message;
  ASSERT_TRUE(run->assessment.sbom_decision);
  const Decision& sbom = *run->assessment.sbom_decision;
  EXPECT_EQ(sbom.outcome, DecisionOutcome::remediate);
  EXPECT_EQ(sbom.rule, "bsi-nonconformant-online") << "gate is network-facing; its components name no creator";
  EXPECT_EQ(sbom.due_by, "2026-12-31T09:00:00Z");
  ASSERT_EQ(sbom.rationale.size(), 3u);
  EXPECT_TRUE(sbom.rationale[1].starts_with("SBOM conformance to bsi-2.1: nonconformant (")) << sbom.rationale[1];
  ASSERT_EQ(sbom.evidence.size(), 2u);
  EXPECT_EQ(sbom.evidence[0].source, "gate-1.0.cdx.json");
  EXPECT_EQ(sbom.evidence[1].sha256, sha256_hex(bytes));
  EXPECT_EQ(assess_verdict(*run, true), AssessVerdict::ok) << "a remediation does not block";

  auto stored = store_->assessments("gate", "1.0", 1);
  ASSERT_TRUE(stored) << stored.error().message;
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front(), run->assessment) << "the SBOM decision reads back apart from the others";
  EXPECT_EQ(scratch_->query("SELECT COUNT(*) FROM decisions WHERE vulnerability = '' AND licence IS NULL"), "1");

  // An SBOM stored before ingest checked conformance is checked from its stored bytes, the same.
  scratch_->query("DELETE FROM sbom_conformance RETURNING 1");
  auto again = assess_product_version(*store_, ProductVersion{"gate", ""}, *parsed.policy, bytes,
                                      "2026-12-02T09:00:00Z", fresh());
  ASSERT_TRUE(again) << again.error().message;
  ASSERT_TRUE(again->assessment.sbom_decision);
  EXPECT_EQ(again->assessment.sbom_decision->rationale, sbom.rationale);
  // Without SBOM rules (the policy of the fixture), the SBOM is not decided.
  EXPECT_FALSE(assess("2026-12-03T09:00:00Z").assessment.sbom_decision);
}

TEST_P(AssessmentTest, AnSbomRuleThatBlocksBlocksTheVersion) {
  constexpr std::string_view kBlocking =
      "cradle-policy: 1\nrules:\n  - {id: rest, decide: monitor}\nsbom:\n"
      "  - {id: no-purls, when: {sbom_conformance: {profile: cra, status: nonconformant}}, decide: block}\n";
  PolicyParseResult parsed = parse_policy_yaml(kBlocking, "blocking.policy.yaml");
  ASSERT_TRUE(parsed.accepted());
  auto run = assess_product_version(*store_, ProductVersion{"gate", ""}, *parsed.policy, kBlocking,
                                    "2026-12-01T09:00:00Z", fresh());
  ASSERT_TRUE(run) << run.error().message;
  ASSERT_TRUE(run->assessment.sbom_decision);
  EXPECT_EQ(run->assessment.sbom_decision->outcome, DecisionOutcome::block) << "the product gate has no purl";
  EXPECT_TRUE(std::ranges::none_of(run->assessment.decisions,
                                   [](const Decision& d) { return d.outcome == DecisionOutcome::block; }));
  EXPECT_EQ(assess_verdict(*run, true), AssessVerdict::blocked);
}

TEST_P(AssessmentTest, AReplayDecidesAPastAssessmentAgainOnTodaysEvidenceAndStoresNothing) {
  const Assessment then = assess("2026-12-01T09:00:00Z").assessment;
  auto same = replay_assessment(*store_, then.id, "2026-12-05T09:00:00Z", fresh());
  ASSERT_TRUE(same) << same.error().message;
  EXPECT_TRUE(same->changes.changes.empty()) << "nothing changed but the day";
  EXPECT_EQ(same->changes.unchanged, 2u);
  EXPECT_TRUE(same->advisories.empty());
  EXPECT_TRUE(same->log_problems.empty());
  EXPECT_EQ(same->now.assessment.id, 0) << "not stored";
  EXPECT_EQ(scratch_->query("SELECT COUNT(*) FROM assessments"), "1");

  // A newer Scorecard result of webapp's repository scores 8.1: the rule `weak` no longer holds.
  std::string scorecard = testing::read_file(testing::test_data_dir() / "signals/webapp.scorecard.json");
  scorecard.replace(scorecard.find("\"score\": 6.4"), 12, "\"score\": 8.1");
  scorecard.replace(scorecard.find("2026-11-28T09:15:00Z"), 20, "2026-12-04T09:15:00Z");
  testing::store_scorecard(*store_, scorecard, "webapp-new.scorecard.json");
  if (HasFatalFailure()) return;
  auto changed = replay_assessment(*store_, then.id, "2026-12-05T09:00:00Z", fresh());
  ASSERT_TRUE(changed) << changed.error().message;
  ASSERT_EQ(changed->changes.changes.size(), 1u);
  const DecisionChange& change = changed->changes.changes.front();
  EXPECT_EQ(change.kind, DecisionChangeKind::changed);
  EXPECT_EQ(change.subject, "CVE-2026-10001 of pkg:golang/github.com/example/webapp@v1.2.0");
  ASSERT_TRUE(change.then && change.now);
  EXPECT_EQ(change.then->outcome, DecisionOutcome::remediate);
  EXPECT_EQ(change.now->outcome, DecisionOutcome::monitor);
  EXPECT_EQ(change.why.front(), "decision: remediate (rule 'weak') -> monitor (rule 'rest')");
  EXPECT_NE(std::ranges::find(change.why, "- OpenSSF Scorecard of github.com/example/webapp: 6.4 on "
                                          "2026-11-28T09:15:00Z (below 7)"),
            change.why.end());
  EXPECT_EQ(changed->changes.unchanged, 1u);

  EXPECT_FALSE(replay_assessment(*store_, 99, "2026-12-05T09:00:00Z", fresh()));
}

TEST_P(AssessmentTest, AnUnknownProductOrVersionIsAnError) {
  auto missing = assess_product_version(*store_, ProductVersion{"nosuch", ""}, policy_, kPolicy, "2026-12-01T09:00:00Z", fresh());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "no product nosuch in the store");
  auto version = assess_product_version(*store_, ProductVersion{"gate", "9"}, policy_, kPolicy, "2026-12-01T09:00:00Z", fresh());
  ASSERT_FALSE(version);
  EXPECT_EQ(version.error().message, "no SBOM of gate@9 in the store");
  EXPECT_EQ(scratch_->query("SELECT COUNT(*) FROM assessments"), "0");
}

TEST(SourceRepository, ReadOffThePurl) {
  auto repository = [](std::string_view text) {
    auto purl = parse_purl(text);
    EXPECT_TRUE(purl) << text;
    return purl ? source_repository(*purl) : std::string("?");
  };
  EXPECT_EQ(repository("pkg:github/Example/Lib@v1"), "github.com/example/lib");
  EXPECT_EQ(repository("pkg:golang/github.com/Example/Lib/v2@v2.0.1"), "github.com/example/lib");
  EXPECT_EQ(repository("pkg:golang/gitlab.com/group/project@v1.0.0"), "gitlab.com/group/project");
  EXPECT_EQ(repository("pkg:golang/golang.org/x/net@v0.1.0"), "");
  EXPECT_EQ(repository("pkg:npm/left-pad@1.3.0?vcs_url=git%2Bhttps://github.com/left-pad/left-pad.git"),
            "github.com/left-pad/left-pad");
  EXPECT_EQ(repository("pkg:pypi/requests@2.28.1?vcs_url=git@github.com:psf/requests.git"), "github.com/psf/requests");
  EXPECT_EQ(repository("pkg:pypi/requests@2.28.1"), "");
}

}  // namespace
}  // namespace cradle
