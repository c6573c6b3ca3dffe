// The decision log's chain on its own: the canonical encoding is the same for the same
// assessment, each entry links to the one before, and every kind of change to the chain shows as
// a broken link; an exported line reads back to the entry it was, and a malformed one is an
// error saying what is wrong.
#include "assess/decision_log.h"

#include <gtest/gtest.h>

namespace cradle {
namespace {

Assessment assessment(std::int64_t id, DecisionOutcome outcome) {
  Assessment a;
  a.id = id;
  a.product = "gate";
  a.product_version = "1.0";
  a.sbom_id = 1;
  a.decided_at = "2026-12-01T09:00:00Z";
  a.policy = EvidenceRef{"gate.policy.yaml", std::string(64, 'a'), "cradle policy", "2026-12-01T09:00:00Z", ""};
  Decision d;
  d.purl = "pkg:pypi/flask@2.2.2";
  d.vulnerability = "CVE-2023-30861";
  d.ids = {"CVE-2023-30861", "GHSA-m2qf-hxjv-5gpq"};
  d.outcome = outcome;
  d.rule = "severe";
  d.rationale = {"rule 'severe' of policy 'gate'", "severity: high"};
  d.evidence = {EvidenceRef{"gate.cdx.json", std::string(64, 'b'), "CycloneDX 1.6 JSON", "", ""}};
  a.decisions.push_back(d);
  Decision licence;
  licence.purl = "pkg:pypi/flask@2.2.2";
  licence.licence = "BSD-3-Clause";
  licence.outcome = DecisionOutcome::accept;
  a.licence_decisions.push_back(licence);
  return a;
}

std::vector<LogEntry> chain(std::size_t n) {
  std::vector<LogEntry> out;
  std::optional<LogEntry> head;
  for (std::size_t i = 1; i <= n; ++i) {
    const auto id = static_cast<std::int64_t>(i);
    out.push_back(next_log_entry(head, id, log_snapshot({}), log_content(assessment(id, DecisionOutcome::block))));
    head = out.back();
  }
  return out;
}

std::vector<std::string> problems(const std::vector<LogEntry>& entries) {
  std::vector<std::string> out;
  for (const LogProblem& p : verify_log_chain(entries)) out.push_back(fmt::format("{}: {}", p.position, p.what));
  return out;
}

TEST(DecisionLog, TheSameAssessmentEncodesToTheSameBytesAndAnotherToOthers) {
  EXPECT_EQ(log_content(assessment(1, DecisionOutcome::block)), log_content(assessment(1, DecisionOutcome::block)));
  EXPECT_NE(log_content(assessment(1, DecisionOutcome::block)), log_content(assessment(1, DecisionOutcome::accept)));
  const std::string content = log_content(assessment(1, DecisionOutcome::block));
  EXPECT_TRUE(content.starts_with(
      R"({"assessment":1,"decided_at":"2026-12-01T09:00:00Z","decisions":[["pkg:pypi/flask@2.2.2","CVE-2023-30861",null,)"))
      << "keys sorted, no whitespace, each decision an array: " << content;
  EXPECT_TRUE(content.ends_with(R"(]],"evidence":[["gate.cdx.json",")" + std::string(64, 'b') +
                                R"(","CycloneDX 1.6 JSON","",""]],"kind":"assessment",)"
                                R"("policy":["gate.policy.yaml",")" + std::string(64, 'a') +
                                R"(","cradle policy","2026-12-01T09:00:00Z",""],"product":"gate","product_version":"1.0","sbom":1})"))
      << "each document cited once, in a table the decisions index: " << content;
  const EcosystemLoad load{"PyPI", "osv", 2, "2024-03-01T00:00:00Z", "2026-12-01T00:00:00Z", 0, false};
  EXPECT_EQ(log_snapshot(std::vector{load}),
            R"({"advisories":[{"ecosystem":"PyPI","example":false,"loaded_at":"2026-12-01T00:00:00Z",)"
            R"("newest_modified":"2024-03-01T00:00:00Z","records":2,"source":"osv","unreadable":0}]})");
}

TEST(DecisionLog, EachEntryLinksToTheOneBefore) {
  const std::vector<LogEntry> entries = chain(3);
  EXPECT_EQ(entries[0].position, 1);
  EXPECT_TRUE(entries[0].previous.empty());
  EXPECT_EQ(entries[1].previous, entries[0].hash);
  EXPECT_EQ(entries[2].previous, entries[1].hash);
  EXPECT_EQ(entries[2].hash.size(), 64u);
  EXPECT_TRUE(problems(entries).empty());
  EXPECT_TRUE(verify_log_chain({}).empty());
}

TEST(DecisionLog, AnEditedEntryNoLongerHashesToItsHash) {
  std::vector<LogEntry> entries = chain(3);
  entries[1].content = log_content(assessment(2, DecisionOutcome::accept));
  EXPECT_EQ(problems(entries),
            (std::vector<std::string>{fmt::format("2: its hash {} is not the hash of what it holds: it was edited",
                                                  entries[1].hash)}));
  entries = chain(3);
  entries[2].snapshot = R"({"advisories":[]})";
  entries[2].snapshot += " ";
  EXPECT_EQ(problems(entries).size(), 1u) << "the snapshot is hashed too";
}

TEST(DecisionLog, AnEditedEntryWithItsHashRecomputedBreaksTheNextLink) {
  std::vector<LogEntry> entries = chain(3);
  entries[1].content = log_content(assessment(2, DecisionOutcome::accept));
  entries[1].hash = log_entry_hash(entries[1]);
  const std::vector<std::string> found = problems(entries);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].starts_with("3: it does not follow entry 2")) << found[0];
}

TEST(DecisionLog, ADeletedEntryLeavesAGapAndABrokenLink) {
  std::vector<LogEntry> entries = chain(4);
  entries.erase(entries.begin() + 1);
  const std::vector<std::string> found = problems(entries);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], "3: entries 2 to 2 are missing");
  EXPECT_TRUE(found[1].starts_with("3: it does not follow entry 1")) << found[1];
  entries = chain(3);
  entries.erase(entries.begin());
  EXPECT_EQ(problems(entries).size(), 2u) << "the first entry gone: 2 is first, and names a hash before it";
}

TEST(DecisionLog, ReorderedEntriesAreOutOfOrder) {
  std::vector<LogEntry> entries = chain(3);
  std::swap(entries[1], entries[2]);
  const std::vector<std::string> found = problems(entries);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0], "3: entries 2 to 2 are missing");
  // Positions swapped with the rows: the order holds, the links do not.
  entries = chain(3);
  std::swap(entries[1].content, entries[2].content);
  EXPECT_EQ(problems(entries).size(), 2u);
}

TEST(DecisionLog, AnExportedLineReadsBackToItsEntry) {
  for (const LogEntry& entry : chain(2)) {
    std::string error;
    auto read = read_log_export_line(log_export_line(entry), error);
    ASSERT_TRUE(read) << error;
    EXPECT_EQ(*read, entry);
  }
}

TEST(DecisionLog, AMalformedExportedLineIsAnErrorSayingWhatIsWrong) {
  const LogEntry entry = chain(1).front();
  const std::string line = log_export_line(entry);
  auto error_of = [](std::string_view text) {
    std::string error;
    EXPECT_FALSE(read_log_export_line(text, error)) << text;
    return error;
  };
  EXPECT_EQ(error_of("[1, 2]"), "not a JSON object");
  EXPECT_TRUE(error_of("{\"position\": \"\xff\"}").starts_with("not JSON (")) << "not UTF-8";
  EXPECT_EQ(error_of("{\"position\": 1"), "not a JSON object") << "unclosed";
  EXPECT_EQ(error_of(R"({"position":"1"})"), "'position' is not a whole number");
  EXPECT_EQ(error_of(R"({"position":1,"previous":"","hash":"ABC"})"), "'hash' is not a SHA-256 in lowercase hex");
  EXPECT_EQ(error_of(R"({"position":1,"hash":"x"})"), "no 'previous' where expected");
  std::string no_content = line.substr(0, line.find(",\"content\"")) + "}";
  EXPECT_EQ(error_of(no_content), "no 'content' where expected");
  std::string array_snapshot = line;
  array_snapshot.replace(array_snapshot.find("\"snapshot\":{"), 12, "\"snapshot\":[");
  EXPECT_FALSE(error_of(array_snapshot).empty());
}

TEST(DecisionLog, DifferencesNameTheDecisionAndTheField) {
  const std::string logged = log_content(assessment(1, DecisionOutcome::remediate));
  EXPECT_TRUE(log_content_differences(logged, logged).empty());
  EXPECT_EQ(log_content_differences(logged, log_content(assessment(1, DecisionOutcome::accept))),
            (std::vector<std::string>{
                R"(decision 1 (CVE-2023-30861 of pkg:pypi/flask@2.2.2): outcome is "accept" in the store, "remediate" in the log)"}));
  Assessment fewer = assessment(1, DecisionOutcome::remediate);
  fewer.licence_decisions.clear();
  fewer.decided_at = "2026-12-02T09:00:00Z";
  EXPECT_EQ(log_content_differences(logged, log_content(fewer)),
            (std::vector<std::string>{
                R"(decided_at is "2026-12-02T09:00:00Z" in the store, "2026-12-01T09:00:00Z" in the log)",
                "decision 2 (the licence of pkg:pypi/flask@2.2.2) is in the log, not in the store"}));
  Assessment more = assessment(1, DecisionOutcome::remediate);
  more.sbom_decision = Decision{};
  EXPECT_EQ(log_content_differences(logged, log_content(more)),
            (std::vector<std::string>{"decision 3 (the SBOM) is in the store, not in the log"}));
  EXPECT_EQ(log_content_differences("not json", logged),
            (std::vector<std::string>{"the entry's content does not read as an assessment"}));
}

}  // namespace
}  // namespace cradle
