// SARIF output of a scan: the shape GitHub code scanning relies on (SARIF 2.1.0 and GitHub's
// rules): every result's rule exists at its ruleIndex with a description and help, the rule id is
// the alias group's canonical id, a package version gives one result however often the SBOM lists
// it, fingerprints survive a version bump, suppressed findings stay out unless asked for, the
// result limit cuts the least severe, and gaps are tool notifications. The official validator's
// verdict on the same output is tests/consumers/sarif_multitool_test.sh.
#include "report/sarif_report.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "analysis/matcher.h"
#include "analysis/vex.h"
#include "formats/osv/osv_record.h"
#include "formats/sbom_parser.h"
#include "formats/vex/vex_document.h"
#include "shared_data.h"

namespace cradle {
namespace {

class SarifReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& file : std::filesystem::directory_iterator(testing::project_root() / "examples/osv")) {
      if (file.path().extension() != ".json" && file.path().extension() != ".yaml") continue;
      auto advisory = parse_osv(testing::read_file(file.path()), file.path().string());
      ASSERT_TRUE(advisory.accepted()) << file.path();
      index_.add(std::move(*advisory.advisory));
    }
    index_.finish();
  }

  // The SARIF of a scan of `sbom_text`, with the VEX document at `vex` applied when given.
  nlohmann::ordered_json sarif_of(const std::string& sbom_text, const SarifOptions& options,
                                  const std::filesystem::path& vex = {}) {
    auto parsed = parse_sbom(sbom_text, "webapp.cdx.json");
    EXPECT_TRUE(parsed.accepted());
    sbom_ = std::move(*parsed.sbom);
    report_ = ScanReport{};
    report_.file = "webapp.cdx.json";
    report_.sbom = &sbom_;
    report_.index = &index_;
    report_.components = match_components(sbom_, index_);
    if (!vex.empty()) {
      auto statements = parse_vex(testing::read_file(vex), vex.string());
      EXPECT_TRUE(statements.accepted());
      apply_vex(sbom_, statements.statements, report_.components);
    }
    return scan_report_sarif(report_, options);
  }

  AdvisoryIndex index_;
  Sbom sbom_;
  ScanReport report_;
};

std::string example() { return testing::read_file(testing::project_root() / "examples/webapp.cdx.json"); }

TEST_F(SarifReportTest, RulesAreCanonicalIdsWithDescriptionsAndHelp) {
  const auto sarif = sarif_of(example(), {.artifact_path = "sboms/web app.cdx.json"});
  EXPECT_EQ(sarif["version"], "2.1.0");
  const auto& run = sarif["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(run["results"].size(), 4u);
  for (const auto& result : run["results"]) {
    const std::size_t index_of_rule = result["ruleIndex"];
    ASSERT_LT(index_of_rule, rules.size());
    const auto& rule = rules[index_of_rule];
    EXPECT_EQ(rule["id"], result["ruleId"]);
    // A CVE names every vulnerability of the example: it is the id, whichever record matched.
    EXPECT_TRUE(result["ruleId"].get<std::string>().starts_with("CVE-")) << result["ruleId"];
    EXPECT_FALSE(rule.contains("name"));  // SARIF1001: a name equal to the id is noise
    EXPECT_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
    const std::string markdown = rule["help"]["markdown"];
    const std::string purl = result["properties"]["purl"];
    EXPECT_NE(markdown.find("`" + purl + "`"), std::string::npos) << markdown;
    EXPECT_NE(rule["help"]["text"].get<std::string>().find("Ids: "), std::string::npos);
    EXPECT_LE(rule["properties"]["tags"].size(), 20u);
    if (rule["properties"].contains("security-severity")) {
      EXPECT_TRUE(rule["properties"]["security-severity"].is_string());
    }
    // Relative to the checkout, percent-encoded; the component's line.
    const auto& physical = result["locations"][0]["physicalLocation"];
    EXPECT_EQ(physical["artifactLocation"]["uri"], "sboms/web%20app.cdx.json");
    EXPECT_GT(physical["region"]["startLine"].get<int>(), 1);
    EXPECT_EQ(result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], purl);
  }
  // The flask finding (CVSS 7.5) is an error; the requests one (6.1) a warning.
  for (const auto& result : run["results"]) {
    if (result["ruleId"] == "CVE-2023-30861") {
      EXPECT_EQ(result["level"], "error");
    }
    if (result["ruleId"] == "CVE-2023-32681") {
      EXPECT_EQ(result["level"], "warning");
    }
  }
  // The component that cannot be scanned is a notification of the run.
  const auto& notifications = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notifications.size(), 1u);
  EXPECT_EQ(notifications[0]["descriptor"]["id"], "cradle/not-scannable");
  EXPECT_NE(notifications[0]["message"]["text"].get<std::string>().find("vendored-parser"),
            std::string::npos);
}

TEST_F(SarifReportTest, FingerprintsSurviveAVersionBump) {
  const std::string before = example();
  std::string after = before;
  // requests 2.28.1 -> 2.28.2: still affected by the same advisory.
  for (const std::string from : {"2.28.1"}) {
    for (std::size_t at = after.find(from); at != std::string::npos; at = after.find(from, at)) {
      after.replace(at, from.size(), "2.28.2");
    }
  }
  const auto fingerprint_of = [](const nlohmann::ordered_json& sarif, std::string_view rule) {
    for (const auto& result : sarif["runs"][0]["results"]) {
      if (result["ruleId"] == rule) {
        return result["partialFingerprints"]["cradle/vulnerability-package/v1"].get<std::string>();
      }
    }
    return std::string("absent");
  };
  const auto old_sarif = sarif_of(before, {.artifact_path = "webapp.cdx.json"});
  const auto new_sarif = sarif_of(after, {.artifact_path = "webapp.cdx.json"});
  EXPECT_NE(fingerprint_of(old_sarif, "CVE-2023-32681"), "absent");
  EXPECT_EQ(fingerprint_of(old_sarif, "CVE-2023-32681"),
            fingerprint_of(new_sarif, "CVE-2023-32681"));
  EXPECT_NE(fingerprint_of(old_sarif, "CVE-2023-32681"),
            fingerprint_of(old_sarif, "CVE-2023-30861"));
}

TEST_F(SarifReportTest, APackageVersionListedTwiceIsOneResultWithARelatedLocation) {
  std::string twice = example();
  // A second flask 2.2.2 entry (Syft lists a package once per file it was found in).
  const std::string flask = R"("type": "library", "bom-ref": "flask",)";
  const std::size_t at = twice.find(flask);
  ASSERT_NE(at, std::string::npos);
  const std::size_t open = twice.rfind('{', at);
  const std::size_t close = twice.find("\n    }", at) + 5;
  std::string copy = twice.substr(open, close - open + 1);
  copy.replace(copy.find(R"("bom-ref": "flask")"), 18, R"("bom-ref": "flask-copy")");
  twice.insert(close + 1, ",\n" + copy);
  const auto sarif = sarif_of(twice, {.artifact_path = "webapp.cdx.json"});
  std::size_t flask_results = 0;
  for (const auto& result : sarif["runs"][0]["results"]) {
    if (result["ruleId"] != "CVE-2023-30861") continue;
    ++flask_results;
    ASSERT_EQ(result["relatedLocations"].size(), 1u);
    EXPECT_EQ(result["relatedLocations"][0]["message"]["text"], "Also listed as flask-copy");
    EXPECT_GT(result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"].get<int>(),
              result["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>());
  }
  EXPECT_EQ(flask_results, 1u);
}

TEST_F(SarifReportTest, SuppressedFindingsStayOutUnlessAskedFor) {
  const auto vex = testing::project_root() / "examples/webapp.openvex.json";
  const auto without = sarif_of(example(), {.artifact_path = "webapp.cdx.json"}, vex);
  EXPECT_EQ(without["runs"][0]["results"].size(), 3u);
  for (const auto& result : without["runs"][0]["results"])
    EXPECT_FALSE(result.contains("suppressions"));
  const auto with =
      sarif_of(example(), {.artifact_path = "webapp.cdx.json", .include_suppressed = true}, vex);
  ASSERT_EQ(with["runs"][0]["results"].size(), 4u);
  std::size_t suppressed = 0;
  for (const auto& result : with["runs"][0]["results"])
    suppressed += result.contains("suppressions");
  EXPECT_EQ(suppressed, 1u);
}

TEST_F(SarifReportTest, TheResultLimitKeepsTheMostSevereAndSaysSo) {
  const auto sarif = sarif_of(example(), {.artifact_path = "webapp.cdx.json", .max_results = 1});
  const auto& run = sarif["runs"][0];
  ASSERT_EQ(run["results"].size(), 1u);
  EXPECT_EQ(run["results"][0]["level"], "error");  // the one high finding
  EXPECT_EQ(run["properties"]["resultsLeftOut"], 3);
  bool said = false;
  for (const auto& n : run["invocations"][0]["toolExecutionNotifications"]) {
    said = said || n["descriptor"]["id"] == "cradle/result-limit";
  }
  EXPECT_TRUE(said);
}

TEST_F(SarifReportTest, ComponentsThatCannotBeScannedAreNamedUpToAHundred) {
  std::string sbom = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [)";
  for (int i = 0; i < 105; ++i) {
    sbom += fmt::format(R"({}{{"type": "library", "name": "vendored-{}"}})", i == 0 ? "" : ",", i);
  }
  sbom += "]}";
  const auto sarif = sarif_of(sbom, {.artifact_path = "vendored.cdx.json"});
  const auto& notifications = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  ASSERT_EQ(notifications.size(), 101u);
  EXPECT_EQ(notifications[100]["message"]["text"],
            "not scannable besides those named: 5 components (scan with --format json for each)");
}

TEST(SarifArtifactUri, RelativePathsArePercentEncodedAbsoluteOnesFileUris) {
  EXPECT_EQ(sarif_artifact_uri("sboms/app.cdx.json"), "sboms/app.cdx.json");
  EXPECT_EQ(sarif_artifact_uri("a b/c#d?.json"), "a%20b/c%23d%3F.json");
  EXPECT_EQ(sarif_artifact_uri("/tmp/x y.json"), "file:///tmp/x%20y.json");
  EXPECT_EQ(sarif_artifact_uri("caf\xc3\xa9.json"), "caf%C3%A9.json");
}

}  // namespace
}  // namespace cradle
