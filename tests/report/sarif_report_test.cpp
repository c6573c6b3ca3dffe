// SARIF output of a scan: the shape code-scanning consumers rely on (SARIF 2.1.0): every result's
// rule exists at its ruleIndex, the purl is in the message and the logical location, the SBOM is
// the physical location, and there is one result per (finding, component).
#include <gtest/gtest.h>

#include "analysis/matcher.h"
#include "formats/osv_record.h"
#include "formats/sbom_parser.h"
#include "report/sarif_report.h"
#include "shared_data.h"

namespace cradle {
namespace {

TEST(SarifReport, OneResultPerFindingAndComponent) {
  const std::filesystem::path root = std::filesystem::path(CRADLE_TEST_DATA_DIR).parent_path().parent_path();
  auto parsed = parse_sbom(testing::read_file(root / "examples/webapp.cdx.json"), "webapp.cdx.json");
  ASSERT_TRUE(parsed.accepted());
  AdvisoryIndex index;
  for (const auto& file : std::filesystem::directory_iterator(root / "examples/osv")) {
    if (file.path().extension() != ".json" && file.path().extension() != ".yaml") continue;
    auto advisory = parse_osv(testing::read_file(file.path()), file.path().string());
    ASSERT_TRUE(advisory.accepted()) << file.path();
    index.add(std::move(*advisory.advisory));
  }
  index.finish();
  ScanReport report;
  report.file = "webapp.cdx.json";
  report.sbom = &*parsed.sbom;
  report.components = match_components(*parsed.sbom, index);

  const auto sarif = scan_report_sarif(report);
  EXPECT_EQ(sarif["version"], "2.1.0");
  const auto& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "cradle");
  const auto& rules = run["tool"]["driver"]["rules"];
  std::size_t findings = 0;
  for (const auto& c : report.components) findings += c.findings.size();
  ASSERT_EQ(run["results"].size(), findings);
  ASSERT_EQ(findings, 4u);
  for (const auto& result : run["results"]) {
    const std::size_t index_of_rule = result["ruleIndex"];
    ASSERT_LT(index_of_rule, rules.size());
    EXPECT_EQ(rules[index_of_rule]["id"], result["ruleId"]);
    const std::string purl = result["properties"]["purl"];
    EXPECT_NE(result["message"]["text"].get<std::string>().find(purl), std::string::npos);
    EXPECT_EQ(result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], purl);
    EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "webapp.cdx.json");
  }
  // The flask finding (CVSS 7.5) is an error; the requests one (6.1) a warning.
  for (const auto& result : run["results"]) {
    if (result["ruleId"] == "PYSEC-2023-62") {
      EXPECT_EQ(result["level"], "error");
    }
    if (result["ruleId"] == "PYSEC-2023-74") {
      EXPECT_EQ(result["level"], "warning");
    }
  }
}

}  // namespace
}  // namespace cradle
