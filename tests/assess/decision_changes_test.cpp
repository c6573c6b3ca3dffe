// What `assess --replay` shows: decisions compared subject by subject (a due date that only moved
// with the day is no change; an outcome, rule, rationale line or cited document is), findings new
// and gone, and the advisory loads that came, went or changed.
#include "assess/decision_changes.h"

#include <gtest/gtest.h>

namespace cradle {
namespace {

Decision decision(std::string vulnerability, DecisionOutcome outcome, std::string rule) {
  Decision d;
  d.purl = "pkg:pypi/flask@2.2.2";
  d.vulnerability = std::move(vulnerability);
  d.outcome = outcome;
  d.rule = std::move(rule);
  d.due_by = "2026-12-31T00:00:00Z";
  d.rationale = {fmt::format("rule '{}'", d.rule), "severity: high"};
  d.evidence = {EvidenceRef{"app.cdx.json", std::string(64, 'a'), "CycloneDX 1.6 JSON", "", ""}};
  return d;
}

TEST(DecisionChanges, ADueDateThatOnlyMovedIsNoChange) {
  Assessment then;
  then.decisions = {decision("CVE-1", DecisionOutcome::remediate, "fix")};
  Assessment now = then;
  now.decisions[0].due_by = "2027-01-07T00:00:00Z";
  const DecisionChanges changes = compare_decisions(then, now);
  EXPECT_TRUE(changes.changes.empty());
  EXPECT_EQ(changes.unchanged, 1u);
}

TEST(DecisionChanges, EachChangeSaysWhy) {
  Assessment then;
  then.decisions = {decision("CVE-1", DecisionOutcome::remediate, "fix"), decision("CVE-2", DecisionOutcome::monitor, "rest"),
                    decision("CVE-3", DecisionOutcome::accept, "vex")};
  then.licence_decisions = {Decision{}};
  then.licence_decisions[0].purl = "pkg:pypi/flask@2.2.2";
  then.licence_decisions[0].licence = "BSD-3-Clause";
  Assessment now;
  now.decisions = {decision("CVE-1", DecisionOutcome::block, "severe"), decision("CVE-3", DecisionOutcome::accept, "vex"),
                   decision("CVE-4", DecisionOutcome::review, "")};
  now.decisions[0].rationale[1] = "severity: critical";
  now.decisions[0].evidence.push_back(EvidenceRef{"GHSA-x.json", std::string(64, 'b'), "OSV JSON", "", ""});
  now.licence_decisions = then.licence_decisions;
  now.sbom_decision = Decision{};

  const DecisionChanges changes = compare_decisions(then, now);
  EXPECT_EQ(changes.unchanged, 2u) << "CVE-3 and the licence";
  ASSERT_EQ(changes.changes.size(), 4u);
  const DecisionChange& severe = changes.changes[0];
  EXPECT_EQ(severe.kind, DecisionChangeKind::changed) << "the most demanding outcome now first";
  EXPECT_EQ(severe.subject, "CVE-1 of pkg:pypi/flask@2.2.2");
  EXPECT_EQ(severe.why, (std::vector<std::string>{
                            "decision: remediate (rule 'fix') -> block (rule 'severe')", "- rule 'fix'",
                            "- severity: high", "+ rule 'severe'", "+ severity: critical",
                            "cites now: OSV JSON GHSA-x.json (sha256 bbbbbbbbbbbb)"}));
  EXPECT_EQ(changes.changes[1].subject, "CVE-4 of pkg:pypi/flask@2.2.2");
  EXPECT_EQ(changes.changes[1].kind, DecisionChangeKind::added);
  EXPECT_EQ(changes.changes[1].why.front(), "a finding not decided then: review");
  EXPECT_EQ(changes.changes[2].subject, "the SBOM");
  EXPECT_EQ(changes.changes[2].kind, DecisionChangeKind::added);
  EXPECT_EQ(changes.changes[3].subject, "CVE-2 of pkg:pypi/flask@2.2.2");
  EXPECT_EQ(changes.changes[3].kind, DecisionChangeKind::gone);
  EXPECT_EQ(changes.changes[3].why, (std::vector<std::string>{"no longer a finding to decide (it was: monitor (rule 'rest'))"}));
  EXPECT_EQ(to_string(DecisionChangeKind::added), "new");
}

TEST(DecisionChanges, AdvisoryLoadsThatCameWentOrChanged) {
  const EcosystemLoad pypi{"PyPI", "osv", 2, "2024-03-01T00:00:00Z", "2026-12-01T00:00:00Z", 0, false};
  const EcosystemLoad go{"Go", "osv", 5, "2024-02-01T00:00:00Z", "2026-12-01T00:00:00Z", 0, false};
  EcosystemLoad newer = pypi;
  newer.records = 3;
  newer.loaded_at = "2026-12-04T00:00:00Z";
  const EcosystemLoad npm{"npm", "osv", 1, "", "2026-12-04T00:00:00Z", 0, false};
  EXPECT_TRUE(compare_advisory_loads({pypi, go}, {pypi, go}).empty());
  EXPECT_EQ(compare_advisory_loads({pypi, go}, {newer, npm}),
            (std::vector<std::string>{
                "PyPI from osv: 2 records (newest modified 2024-03-01T00:00:00Z), loaded 2026-12-01T00:00:00Z -> 3 "
                "records (newest modified 2024-03-01T00:00:00Z), loaded 2026-12-04T00:00:00Z",
                "npm from osv: new: 1 record (newest modified unknown), loaded 2026-12-04T00:00:00Z",
                "Go from osv: no longer loaded (was 5 records (newest modified 2024-02-01T00:00:00Z), loaded "
                "2026-12-01T00:00:00Z)"}));
}

}  // namespace
}  // namespace cradle
