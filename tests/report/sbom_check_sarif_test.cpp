// `sbom check --format sarif` (report/sbom_check_sarif.h): a run per SBOM and profile, a result
// per requirement not met (error) or that cannot tell (warning), none for what is met; GitHub's
// result limit cuts those that cannot tell first and says so. (The Multitool validates the
// output in tests/consumers/sarif_multitool_test.sh.)
#include "report/sbom_check_sarif.h"

#include <gtest/gtest.h>

#include "formats/sbom_parser.h"
#include "shared_data.h"

namespace cradle {
namespace {

// One SBOM's entry, alone in a list (a check is moved, not copied: its results view its texts).
std::vector<SbomCheckEntry> checked(const std::string& name, std::vector<SbomProfile> profiles) {
  const auto path = testing::test_data_dir() / "conformance" / name;
  SbomParseResult parsed = parse_sbom(testing::read_file(path), path.string());
  SbomCheckEntry entry;
  entry.file = "tests/data/conformance/" + name;
  entry.read = parsed.sbom.has_value();
  if (parsed.sbom) {
    entry.sha256 = parsed.sbom->evidence.sha256;
    for (SbomProfile profile : profiles) entry.checks.push_back(check_sbom(*parsed.sbom, profile));
  }
  std::vector<SbomCheckEntry> entries;
  entries.push_back(std::move(entry));
  return entries;
}

TEST(SbomCheckSarif, ARunPerProfileAndAResultPerRequirementNotMetOrUntold) {
  const auto sarif =
      sbom_check_sarif({checked("ntia-gaps.cdx.json", {SbomProfile::ntia, SbomProfile::bsi_2_1})});
  ASSERT_EQ(sarif["runs"].size(), 2u);
  const auto& ntia = sarif["runs"][0];
  EXPECT_EQ(ntia["automationDetails"]["id"],
            "cradle/sbom-check/ntia/tests/data/conformance/ntia-gaps.cdx.json/");
  EXPECT_EQ(ntia["tool"]["driver"]["rules"].size(), 7u);
  EXPECT_EQ(ntia["results"].size(), 8u) << "15 results, 7 met";
  EXPECT_EQ(ntia["properties"]["conformant"], false);
  EXPECT_EQ(ntia["properties"]["met"], 7);
  const auto& first = ntia["results"][0];
  EXPECT_EQ(first["ruleId"], "ntia.supplier");
  EXPECT_EQ(first["level"], "error");
  EXPECT_EQ(
      first["message"]["text"],
      "app@1.0: ntia.supplier not met: no supplier (nor manufacturer or publisher) is named.");
  EXPECT_EQ(first["locations"][0]["physicalLocation"]["region"]["startLine"], 7);
  const auto& bsi = sarif["runs"][1];
  bool warned = false;
  for (const auto& result : bsi["results"]) {
    if (result["level"] == "warning") {
      warned = true;
      EXPECT_EQ(result["properties"]["status"], "cannot tell");
    }
  }
  EXPECT_TRUE(warned) << "what cannot tell is reported, not passed";
}

TEST(SbomCheckSarif, TheResultLimitKeepsWhatIsNotMet) {
  const auto sarif = sbom_check_sarif(checked("ntia-gaps.cdx.json", {SbomProfile::bsi_2_1}), 5);
  const auto& run = sarif["runs"][0];
  ASSERT_EQ(run["results"].size(), 5u);
  for (const auto& result : run["results"]) EXPECT_EQ(result["level"], "error");
  EXPECT_GT(run["properties"]["resultsLeftOut"], 0);
  const auto& notifications = run["invocations"][0]["toolExecutionNotifications"];
  ASSERT_FALSE(notifications.empty());
  EXPECT_EQ(notifications.back()["descriptor"]["id"], "cradle/result-limit");
}

TEST(SbomCheckSarif, AConformantSbomHasNoResults) {
  const auto sarif = sbom_check_sarif(checked("bsi-2.1.cdx.json", {SbomProfile::bsi_2_1}));
  EXPECT_TRUE(sarif["runs"][0]["results"].empty());
  EXPECT_EQ(sarif["runs"][0]["properties"]["conformant"], true);
  EXPECT_EQ(sarif["runs"][0]["artifacts"][0]["hashes"]["sha-256"].get<std::string>().size(), 64u);
}

}  // namespace
}  // namespace cradle
