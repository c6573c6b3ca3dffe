// SBOM conformance (analysis/sbom_conformance.h), NTIA minimum elements: an SBOM that states
// every element meets each requirement; one that violates each element fails exactly those,
// naming the component and its line; what cannot apply is not applicable, never met.
#include "analysis/sbom_conformance.h"

#include <gtest/gtest.h>

#include <string>

#include "formats/sbom_parser.h"
#include "shared_data.h"

namespace cradle {
namespace {

Sbom read(const std::string& name) {
  const auto path = testing::test_data_dir() / name;
  SbomParseResult parsed = parse_sbom(testing::read_file(path), path.string());
  EXPECT_TRUE(parsed.accepted()) << name;
  return parsed.sbom ? std::move(*parsed.sbom) : Sbom{};
}

// "requirement component: status (detail)" per result, in order.
std::vector<std::string> lines(const ProfileCheck& check) {
  std::vector<std::string> out;
  for (const RequirementResult& r : check.results) {
    const bool document = r.component == kTheDocument;
    std::string line = std::string(r.requirement) + " " +
                       (document ? "-" : check.components[r.component].label) + ": " +
                       std::string(to_string(r.status));
    if (!document) line += " at line " + std::to_string(check.components[r.component].line);
    if (!r.detail.empty()) line += " (" + std::string(r.detail) + ")";
    out.push_back(line);
  }
  return out;
}

TEST(SbomConformance, EveryNtiaElementStatedIsMet) {
  const ProfileCheck check =
      check_sbom(read("conformance/ntia-complete.cdx.json"), SbomProfile::ntia);
  EXPECT_TRUE(check.conformant());
  EXPECT_EQ(check.score(), 1.0);
  EXPECT_EQ(check.requirements.size(), 7u);
  EXPECT_EQ(check.results.size(), 3u * 4 + 3) << "the primary component and two others";
  EXPECT_EQ(lines(check).back(), "ntia.timestamp -: met (2026-12-01T10:00:00Z)");
  EXPECT_EQ(
      lines(check)[12],
      "ntia.dependencies -: met (2 relationships, 2 of them from pkg:generic/example/app@1.0)");
}

TEST(SbomConformance, EachMissingNtiaElementFailsWhereItIsMissing) {
  const ProfileCheck check = check_sbom(read("conformance/ntia-gaps.cdx.json"), SbomProfile::ntia);
  EXPECT_FALSE(check.conformant());
  EXPECT_EQ(lines(check), (std::vector<std::string>{
                              "ntia.supplier app@1.0: not met at line 7 (no supplier (nor "
                              "manufacturer or publisher) is named)",
                              "ntia.supplier pkg:npm/a@1.0.0: not met at line 10 (no supplier (nor "
                              "manufacturer or publisher) is named)",
                              "ntia.supplier b: met at line 11",
                              "ntia.name app@1.0: met at line 7",
                              "ntia.name pkg:npm/a@1.0.0: met at line 10",
                              "ntia.name b: met at line 11",
                              "ntia.version app@1.0: met at line 7",
                              "ntia.version pkg:npm/a@1.0.0: met at line 10",
                              "ntia.version b: not met at line 11 (no version)",
                              "ntia.identifiers app@1.0: not met at line 7 (neither a purl nor a "
                              "CPE (cradle does not read SWID tags))",
                              "ntia.identifiers pkg:npm/a@1.0.0: met at line 10",
                              "ntia.identifiers b: not met at line 11 (neither a purl nor a CPE "
                              "(cradle does not read SWID tags))",
                              "ntia.dependencies -: not met (1 relationship, none from app@1.0, "
                              "the component the SBOM describes)",
                              "ntia.author -: not met (only tools are named (some-generator 0.1))",
                              "ntia.timestamp -: not met (no timestamp)",
                          }));
  EXPECT_DOUBLE_EQ(*check.score(), 7.0 / 15.0) << "the primary component is checked too";
}

TEST(SbomConformance, WhatCannotApplyIsNotApplicableAndNotCounted) {
  Sbom empty;
  empty.created = "2026-12-01T10:00:00Z";
  empty.creators = {"Someone"};
  const ProfileCheck check = check_sbom(empty, SbomProfile::ntia);
  ASSERT_EQ(check.results.size(), 3u);
  EXPECT_EQ(check.results[0].status, RequirementStatus::not_applicable)
      << "no components: no relationships to state";
  EXPECT_EQ(check.score(), 1.0) << "met over what applied";
}

TEST(SbomConformance, SpdxToolCreatorsAreNotAuthors) {
  const ProfileCheck check = check_sbom(read("warnings/licences.spdx"), SbomProfile::ntia);
  const auto author = std::ranges::find(check.results, std::string_view("ntia.author"),
                                        &RequirementResult::requirement);
  ASSERT_NE(author, check.results.end());
  EXPECT_EQ(author->status, RequirementStatus::not_met);
  EXPECT_EQ(author->detail, "only tools are named (hand-written)");
}

}  // namespace
}  // namespace cradle
