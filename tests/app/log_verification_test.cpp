// `cradle log verify` on both engines: three assessments of the example product are logged and
// verify; then each kind of change made by hand to the store (a decision, an assessment or a log
// entry edited, deleted, added or reordered) is found and said, naming the entry; assessments
// stored before the log began are not verified, and said so.
#include "app/log_verification.h"

#include <gtest/gtest.h>

#include "app/assess.h"
#include "formats/policy/policy_yaml.h"
#include "gate_example.h"
#include "shared_data.h"
#include "store/scratch_store.h"

namespace cradle {
namespace {

class LogVerificationTest : public testing::GateExampleTest {
 protected:
  void SetUp() override {
    testing::GateExampleTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (const char* at : {"2026-12-01T09:00:00Z", "2026-12-02T09:00:00Z", "2026-12-03T09:00:00Z"}) assess(at);
  }

  void assess(const std::string& at) {
    static const std::string policy_bytes =
        testing::read_file(testing::test_data_dir() / "policies/licences.policy.yaml");
    PolicyParseResult policy = parse_policy_yaml(policy_bytes, "licences.policy.yaml");
    ASSERT_TRUE(policy.accepted());
    const FreshnessRule fresh{std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())};
    auto run = assess_product_version(*store_, ProductVersion{"gate", ""}, *policy.policy, policy_bytes, at, fresh);
    ASSERT_TRUE(run) << run.error().message;
  }

  LogVerification verify(std::string_view product = "") {
    auto verified = verify_decision_log(*store_, product);
    EXPECT_TRUE(verified) << verified.error().message;
    return verified ? *verified : LogVerification{};
  }

  // The problems found, as "position/assessment: what".
  std::vector<std::string> problems() {
    std::vector<std::string> out;
    for (const LogProblem& p : verify().problems) out.push_back(fmt::format("{}/{}: {}", p.position, p.assessment, p.what));
    return out;
  }

  void run(const std::string& sql) { ASSERT_TRUE(scratch_->execute(sql)) << sql; }
};

INSTANTIATE_TEST_SUITE_P(Engines, LogVerificationTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(LogVerificationTest, AnUntouchedLogVerifies) {
  const LogVerification verification = verify();
  EXPECT_TRUE(verification.verified());
  EXPECT_EQ(verification.entries, 3u);
  EXPECT_EQ(verification.compared, 3u);
  EXPECT_TRUE(verification.problems.empty());
  EXPECT_TRUE(verification.unverifiable.empty());
  ASSERT_TRUE(verification.head);
  EXPECT_EQ(verification.head->position, 3);
  EXPECT_EQ(verification.head->assessment, 3);
  EXPECT_EQ(verify("nosuch").compared, 0u) << "another product's assessments are not compared";
  EXPECT_EQ(verify("gate").compared, 3u);
}

TEST_P(LogVerificationTest, AnEditedDecisionIsFound) {
  run("UPDATE decisions SET outcome = 'accept' WHERE assessment_id = 2 AND position = 0");
  const auto found = problems();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].starts_with("2/2: decision 1 (")) << found[0];
  EXPECT_TRUE(found[0].ends_with(R"(: outcome is "accept" in the store, "block" in the log)")) << found[0];
}

TEST_P(LogVerificationTest, ADeletedDecisionIsFound) {
  run("DELETE FROM decisions WHERE assessment_id = 2 AND position = 4");
  const auto found = problems();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], "2/2: decision 5 (the licence of pkg:pypi/idna@3.4) is in the log, not in the store");
}

TEST_P(LogVerificationTest, AnAddedDecisionIsFound) {
  run("INSERT INTO decisions (product_id, assessment_id, position, purl, vulnerability, ids, outcome, rule, due_by, "
      "rationale, evidence) SELECT product_id, assessment_id, 9, purl, 'CVE-2026-9999', ids, 'accept', rule, due_by, "
      "rationale, evidence FROM decisions WHERE assessment_id = 3 AND position = 0");
  const auto found = problems();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], "3/3: decision 3 (CVE-2026-9999 of pkg:pypi/flask@2.2.2) is in the store, not in the log")
      << "numbered as the store reads it: vulnerability decisions first";
}

TEST_P(LogVerificationTest, ReorderedDecisionsAreFound) {
  run("UPDATE decisions SET position = 7 WHERE assessment_id = 1 AND position = 0");
  run("UPDATE decisions SET position = 0 WHERE assessment_id = 1 AND position = 1");
  run("UPDATE decisions SET position = 1 WHERE assessment_id = 1 AND position = 7");
  EXPECT_EQ(problems(), (std::vector<std::string>{"1/1: the decisions are in another order than logged"}));
}

TEST_P(LogVerificationTest, AnEditedAssessmentIsFound) {
  run("UPDATE assessments SET decided_at = '2026-11-01T09:00:00Z' WHERE id = 3");
  EXPECT_EQ(problems(), (std::vector<std::string>{
                            R"(3/3: decided_at is "2026-11-01T09:00:00Z" in the store, "2026-12-03T09:00:00Z" in the log)"}));
}

TEST_P(LogVerificationTest, ADeletedAssessmentIsFound) {
  run("DELETE FROM decisions WHERE assessment_id = 2");
  run("DELETE FROM assessments WHERE id = 2");
  EXPECT_EQ(problems(),
            (std::vector<std::string>{"2/2: the assessment is in the log, not in the store: it was deleted"}));
}

TEST_P(LogVerificationTest, AnEditedEntryIsFound) {
  run("UPDATE decision_log SET content = REPLACE(content, '\"block\"', '\"accept\"') WHERE position = 2");
  const auto found = problems();
  ASSERT_EQ(found.size(), 2u);
  EXPECT_TRUE(found[0].starts_with("2/2: its hash ")) << found[0];
  EXPECT_TRUE(found[0].ends_with(" is not the hash of what it holds: it was edited")) << found[0];
  EXPECT_TRUE(found[1].ends_with(R"(outcome is "block" in the store, "accept" in the log)")) << found[1];
}

TEST_P(LogVerificationTest, ADeletedEntryIsFound) {
  run("DELETE FROM decision_log WHERE position = 2");
  const auto found = problems();
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0], "3/3: entries 2 to 2 are missing");
  EXPECT_TRUE(found[1].starts_with("3/3: it does not follow entry 1")) << found[1];
  EXPECT_TRUE(found[2].starts_with("0/2: the assessment of gate@1.0 at 2026-12-02T09:00:00Z is in the store, not in "
                                   "the log"))
      << found[2];
}

TEST_P(LogVerificationTest, ReorderedEntriesAreFound) {
  run("UPDATE decision_log SET position = 9 WHERE position = 1");
  run("UPDATE decision_log SET position = 1 WHERE position = 2");
  run("UPDATE decision_log SET position = 2 WHERE position = 9");
  const auto found = problems();
  ASSERT_FALSE(found.empty());
  EXPECT_TRUE(found[0].starts_with("1/2: the first entry names ")) << found[0];
}

TEST_P(LogVerificationTest, ALogDeletedWholeIsFound) {
  run("DELETE FROM decision_log");
  const LogVerification verification = verify();
  EXPECT_FALSE(verification.verified());
  EXPECT_EQ(verification.problems.size(), 3u) << "every assessment is in the store, not in the log";
  EXPECT_TRUE(verification.unverifiable.empty()) << "none predates the log";
}

TEST_P(LogVerificationTest, AssessmentsFromBeforeTheLogAreNotVerifiedAndSaidSo) {
  store_.reset();
  ASSERT_TRUE(scratch_->execute("DROP TABLE decision_log"));
  ASSERT_TRUE(scratch_->execute("DROP TABLE decision_log_origin"));
  ASSERT_TRUE(scratch_->execute("DELETE FROM schema_migrations WHERE version = 17"));
  auto migrated = open_store(scratch_->location(), OpenMode::read_write);
  ASSERT_TRUE(migrated) << migrated.error().message;
  store_ = std::move(*migrated);
  LogVerification verification = verify();
  EXPECT_TRUE(verification.verified());
  EXPECT_EQ(verification.entries, 0u);
  EXPECT_EQ(verification.unverifiable, (std::vector<std::int64_t>{1, 2, 3}));
  assess("2026-12-04T09:00:00Z");
  verification = verify();
  EXPECT_TRUE(verification.verified());
  EXPECT_EQ(verification.entries, 1u);
  EXPECT_EQ(verification.unverifiable.size(), 3u);
  run("DELETE FROM decision_log_origin");
  EXPECT_EQ(problems().front(), "0/0: the log's origin (which assessments predate it) is gone");
}

}  // namespace
}  // namespace cradle
