// The scan use case without the CLI: its outcome holds the report and every problem met, and its
// verdict weighs failed inputs, then --fail-on, then coverage gaps.
#include "app/scan.h"
#include "shared_data.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace cradle {
namespace {

namespace fs = std::filesystem;


ScanRequest webapp_request() {
  ScanRequest request;
  request.sbom = (testing::project_root() / "examples/webapp.cdx.json").string();
  request.advisories = {(testing::project_root() / "examples/osv").string()};
  request.now = "2026-01-01T00:00:00Z";
  return request;
}

TEST(ScanUseCase, WeighsFailedInputsThenFailOnThenCoverage) {
  std::vector<std::string> steps;
  auto outcome = scan(webapp_request(), [&](std::string_view step) { steps.emplace_back(step); });
  ASSERT_NE(outcome->report.sbom, nullptr);
  EXPECT_FALSE(outcome->inputs_failed);
  EXPECT_TRUE(outcome->problems.empty());
  EXPECT_EQ(outcome->report.now, "2026-01-01T00:00:00Z");
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps.back(), "matching 7 components");

  // The example has a high finding and one without any CVSS score, and no critical one.
  EXPECT_EQ(scan_verdict(*outcome, FailOn{SeverityRating::high, false}, true), ScanVerdict::fails_policy);
  EXPECT_EQ(scan_verdict(*outcome, FailOn{SeverityRating::critical, false}, true), ScanVerdict::ok);
  EXPECT_EQ(scan_verdict(*outcome, FailOn{std::nullopt, true}, true), ScanVerdict::fails_policy);
  EXPECT_EQ(scan_verdict(*outcome, FailOn{}, true), ScanVerdict::ok);
  EXPECT_FALSE(outcome->report.coverage.has_gaps());
  EXPECT_EQ(scan_verdict(*outcome, FailOn{}, false), ScanVerdict::ok);
}

TEST(ScanUseCase, AnEcosystemWithoutAdvisoriesIsACoverageGapUnlessAllowed) {
  ScanRequest request = webapp_request();
  request.advisories = {(testing::project_root() / "examples/osv/PYSEC-2023-62.json").string()};  // no Debian
  auto outcome = scan(request);
  ASSERT_TRUE(outcome->report.coverage.has_gaps());
  EXPECT_EQ(scan_verdict(*outcome, FailOn{}, false), ScanVerdict::coverage_gaps);
  EXPECT_EQ(scan_verdict(*outcome, FailOn{}, true), ScanVerdict::ok);
}

TEST(ScanUseCase, AVexDocumentThatDoesNotReadFailsTheInputsButTheReportStands) {
  ScanRequest request = webapp_request();
  request.vex = {(fs::path(CRADLE_TEST_DATA_DIR) / "malformed/bad-status.openvex.json").string()};
  auto outcome = scan(request);
  ASSERT_NE(outcome->report.sbom, nullptr);
  EXPECT_TRUE(outcome->inputs_failed);
  ASSERT_FALSE(outcome->problems.empty());
  EXPECT_EQ(outcome->problems.front().location.json_pointer, "/statements/0/status");
  EXPECT_EQ(outcome->report.input_problems.size(), outcome->problems.size());
  // A failed input outweighs a finding over the threshold.
  EXPECT_EQ(scan_verdict(*outcome, FailOn{SeverityRating::high, false}, true), ScanVerdict::inputs_failed);
}

TEST(ScanUseCase, AStoreThatCannotBeOpenedIsSaidAndNothingIsReported) {
  ScanRequest request = webapp_request();
  request.advisories.clear();
  request.db = "/nonexistent/cradle.db";
  auto outcome = scan(request);
  EXPECT_TRUE(outcome->inputs_failed);
  EXPECT_NE(outcome->store_error.find("does not exist"), std::string::npos) << outcome->store_error;
  EXPECT_EQ(scan_verdict(*outcome, FailOn{}, true), ScanVerdict::inputs_failed);
}

TEST(ScanUseCase, AnSbomThatDoesNotReadEndsTheScan) {
  ScanRequest request = webapp_request();
  request.sbom = (fs::path(CRADLE_TEST_DATA_DIR) / "malformed/truncated.cdx.json").string();
  auto outcome = scan(request);
  EXPECT_EQ(outcome->report.sbom, nullptr);
  EXPECT_TRUE(outcome->inputs_failed);
  ASSERT_EQ(outcome->problems.size(), 1u);
  EXPECT_EQ(outcome->problems.front().location.line, 1);
}

}  // namespace
}  // namespace cradle
