// OpenSSF Scorecard results: a fixture written for cradle, Scorecard's own sample outputs and a
// real result (GUAC's kubernetes one) with hand-checked facts, and malformed input located.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "formats/document_kind.h"
#include "formats/signals/scorecard.h"
#include "shared_data.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

std::string messages(const SignalParseResult& result) {
  std::string out;
  for (const Diagnostic& d : result.diagnostics) out += format_diagnostic(d) + "\n";
  return out;
}

TEST(Scorecard, ChecksAndTheAggregateBecomeSignals) {
  const std::string bytes = testing::read_file(testing::test_data_dir() / "signals/webapp.scorecard.json");
  EXPECT_EQ(detect_document_kind(bytes), DocumentKind::scorecard);
  SignalParseResult result = parse_scorecard(bytes, "webapp.scorecard.json");
  ASSERT_TRUE(result.accepted()) << messages(result);
  ASSERT_EQ(result.signals.size(), 4u);
  const Signal& aggregate = result.signals[0];
  EXPECT_EQ(aggregate.name, "aggregate");
  EXPECT_EQ(aggregate.score, 6.4);
  EXPECT_EQ(aggregate.subject, "github.com/example/webapp");
  EXPECT_EQ(aggregate.revision, "4f2a9c1d3e5b7a9c1d3e5f7a9b1c3d5e7f9a1b3c");
  EXPECT_EQ(aggregate.source, "OpenSSF Scorecard");
  EXPECT_EQ(aggregate.source_version, "v5.1.1");
  EXPECT_EQ(aggregate.observed_at, "2026-11-28T09:15:00Z");
  EXPECT_EQ(aggregate.evidence.sha256, sha256_hex(bytes));
  EXPECT_EQ(aggregate.evidence.produced_at, "2026-11-28T09:15:00Z");
  EXPECT_EQ(result.signals[1].name, "Code-Review");
  EXPECT_EQ(result.signals[1].score, 8.0);
  EXPECT_EQ(result.signals[1].position, 1u);
  // -1: the check could not conclude, which is no score, not a zero.
  EXPECT_EQ(result.signals[2].name, "Signed-Releases");
  EXPECT_FALSE(result.signals[2].score);
  EXPECT_EQ(result.signals[2].reason, "no releases found");
  EXPECT_EQ(result.signals[3].position, 3u);
}

TEST(Scorecard, MalformedInputIsLocated) {
  const std::string bytes = testing::read_file(testing::test_data_dir() / "malformed/bad-score.scorecard.json");
  SignalParseResult result = parse_scorecard(bytes, "bad.json");
  EXPECT_FALSE(result.accepted());
  const std::string text = messages(result);
  for (const char* expected :
       {"bad.json: /date: error: 'yesterday' is neither an RFC 3339 date-time nor a date",
        "/checks/0/score: error: a score is 0 to 10, or -1 when inconclusive; found 11",
        "/checks/1/score: error: expected a number, found a string", "/checks/2/name: error: a check needs a name"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\nin:\n" << text;
  }
  SignalParseResult truncated = parse_scorecard(R"({"date": "2026-01-01", "repo": {)", "t.json");
  EXPECT_FALSE(truncated.accepted());
  EXPECT_NE(messages(truncated).find("t.json:1:"), std::string::npos) << messages(truncated);
  // Found by the fuzzer: an empty check name, an empty repository name.
  SignalParseResult unnamed = parse_scorecard(
      R"({"date":"2026-01-01","repo":{"name":""},"scorecard":{},"checks":[{"name":"","score":8}]})", "u.json");
  EXPECT_FALSE(unnamed.accepted());
  EXPECT_NE(messages(unnamed).find("/repo/name: error: a Scorecard result needs the repository's name"), std::string::npos)
      << messages(unnamed);
  EXPECT_NE(messages(unnamed).find("/checks/0/name: error: a check needs a name"), std::string::npos) << messages(unnamed);
  for (const Signal& signal : unnamed.signals) EXPECT_FALSE(signal.name.empty());
  SignalParseResult no_checks = parse_scorecard(R"({"date":"2026-01-01","repo":{"name":"r"},"scorecard":{},"checks":[]})", "e.json");
  EXPECT_FALSE(no_checks.accepted());
  EXPECT_NE(messages(no_checks).find("/checks: error: a Scorecard result with no checks says nothing"), std::string::npos);
}

TEST(Scorecard, RealResults) {
  CRADLE_REQUIRE_SHARED_DATA();
  const fs::path data = testing::shared_data_dir();
  const std::string kubernetes = testing::read_file(data / "guac-exampledata/exampledata/kubernetes-scorecard.json");
  EXPECT_EQ(detect_document_kind(kubernetes), DocumentKind::scorecard);
  SignalParseResult result = parse_scorecard(kubernetes, "kubernetes-scorecard.json");
  ASSERT_TRUE(result.accepted()) << messages(result);
  ASSERT_EQ(result.signals.size(), 10u);  // the aggregate and 9 checks
  EXPECT_EQ(result.signals[0].score, 8.9);
  EXPECT_EQ(result.signals[0].subject, "github.com/kubernetes/kubernetes");
  EXPECT_EQ(result.signals[0].observed_at, "2022-10-06");
  EXPECT_EQ(result.signals[6].name, "Pinned-Dependencies");
  EXPECT_EQ(result.signals[6].score, 2.0);
  // GUAC's invalid sample names no repository and lists no checks.
  SignalParseResult invalid = parse_scorecard(
      testing::read_file(data / "guac-exampledata/exampledata/invalid-scorecard.json"), "invalid-scorecard.json");
  EXPECT_FALSE(invalid.accepted());
  // Scorecard's own sample outputs, v4 dates and v5 date-times, with an inconclusive check.
  for (const char* dir : {"ossf-scorecard/pkg/scorecard/testdata", "ossf-scorecard/cron/internal/format/testdata"}) {
    for (int i = 1; i <= 6; ++i) {
      const fs::path file = data / dir / ("check" + std::to_string(i) + ".json");
      SignalParseResult sample = parse_scorecard(testing::read_file(file), file.string());
      EXPECT_TRUE(sample.accepted()) << file << "\n" << messages(sample);
      if (i == 3) {
        ASSERT_EQ(sample.signals.size(), 4u) << file;
        EXPECT_FALSE(sample.signals[3].score) << file;
      }
    }
  }
}

}  // namespace
}  // namespace cradle
