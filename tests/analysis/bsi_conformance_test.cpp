// SBOM conformance (analysis/sbom_conformance.h), BSI TR-03183-2 v2.0 and v2.1 and the CRA
// profile: for each format (CycloneDX JSON and XML, SPDX 2.3, SPDX 3.0.1) one SBOM in
// tests/data/conformance/ that meets every requirement cradle can tell, and per requirement an
// edit of it that violates exactly that one: the results that change are that requirement's,
// and nothing else moves.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "analysis/sbom_conformance.h"
#include "formats/sbom_parser.h"
#include "shared_data.h"

namespace cradle {
namespace {

struct Edit {
  std::string find;
  std::string replace;  // the first occurrence of `find` is replaced
};

struct Expected {
  std::string requirement;
  RequirementStatus status;
};

std::string fixture(const std::string& name) {
  return testing::read_file(testing::test_data_dir() / "conformance" / name);
}

ProfileCheck check_text(const std::string& text, const std::string& name, SbomProfile profile) {
  SbomParseResult parsed = parse_sbom(text, name);
  EXPECT_TRUE(parsed.accepted()) << name << ": "
                                 << (parsed.diagnostics.empty()
                                         ? std::string()
                                         : format_diagnostic(parsed.diagnostics.front()));
  return parsed.sbom ? check_sbom(*parsed.sbom, profile) : ProfileCheck{};
}

// Every result that is not met, as "requirement: status (detail)".
std::vector<std::string> unmet(const ProfileCheck& check) {
  std::vector<std::string> out;
  for (const RequirementResult& r : check.results) {
    if (r.status == RequirementStatus::met) continue;
    out.push_back(std::string(r.requirement) + ": " + std::string(to_string(r.status)) + " (" +
                  std::string(r.detail) + ")");
  }
  return out;
}

// What cradle cannot tell under BSI in a base SBOM of a format with no field it reads for them
// (SPDX 3 puts them on other elements: distribution artifact files, source artifacts).
std::vector<std::string> untold_in(const std::string& name, SbomProfile profile) {
  if (profile == SbomProfile::cra) return {};
  if (name.ends_with(".spdx.json")) return {"bsi.executable", "bsi.archive", "bsi.structured"};
  if (name.ends_with(".spdx3.json"))
    return {"bsi.filename", "bsi.executable", "bsi.archive", "bsi.structured", "bsi.source-uri"};
  return {};
}

struct BaseCase {
  std::string file;
  SbomProfile profile;
};

class BsiBase : public ::testing::TestWithParam<BaseCase> {};

TEST_P(BsiBase, MeetsEveryRequirementCradleCanTell) {
  const BaseCase& base = GetParam();
  const ProfileCheck check = check_text(fixture(base.file), base.file, base.profile);
  ASSERT_FALSE(check.results.empty());
  const std::vector<std::string> untold = untold_in(base.file, base.profile);
  for (const RequirementResult& r : check.results) {
    const bool may_not_tell = std::ranges::find(untold, r.requirement) != untold.end();
    EXPECT_EQ(r.status, may_not_tell ? RequirementStatus::cannot_tell : RequirementStatus::met)
        << r.requirement << ": " << r.detail;
  }
  EXPECT_EQ(check.conformant(), untold.empty());
  EXPECT_EQ(check.count(RequirementStatus::not_met), 0u);
}

INSTANTIATE_TEST_SUITE_P(Formats, BsiBase,
                         ::testing::Values(BaseCase{"bsi-2.1.cdx.json", SbomProfile::bsi_2_1},
                                           BaseCase{"bsi-2.1.cdx.json", SbomProfile::bsi_2_0},
                                           BaseCase{"bsi-2.1.cdx.xml", SbomProfile::bsi_2_1},
                                           BaseCase{"bsi-2.0.spdx.json", SbomProfile::bsi_2_0},
                                           BaseCase{"bsi-2.1.spdx3.json", SbomProfile::bsi_2_1},
                                           BaseCase{"bsi-2.1.cdx.json", SbomProfile::cra},
                                           BaseCase{"bsi-2.0.spdx.json", SbomProfile::cra}),
                         [](const ::testing::TestParamInfo<BaseCase>& param) {
                           std::string name =
                               param.param.file + "_" + std::string(to_string(param.param.profile));
                           std::ranges::replace_if(
                               name,
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

struct Violation {
  std::string name;  // of the test
  std::string file;
  SbomProfile profile;
  std::vector<Edit> edits;
  std::vector<Expected> expected;  // every result that changes, and to what
};

class BsiViolation : public ::testing::TestWithParam<Violation> {};

TEST_P(BsiViolation, FailsExactlyThatRequirement) {
  const Violation& v = GetParam();
  std::string text = fixture(v.file);
  for (const Edit& edit : v.edits) {
    const std::size_t at = text.find(edit.find);
    ASSERT_NE(at, std::string::npos) << "the fixture no longer holds: " << edit.find;
    text.replace(at, edit.find.size(), edit.replace);
  }
  const ProfileCheck base = check_text(fixture(v.file), v.file, v.profile);
  const ProfileCheck edited = check_text(text, v.file, v.profile);
  ASSERT_EQ(base.results.size(), edited.results.size()) << ::testing::PrintToString(unmet(edited));
  std::vector<std::string> changed;
  for (std::size_t i = 0; i < base.results.size(); ++i) {
    if (base.results[i].status == edited.results[i].status) continue;
    changed.push_back(std::string(edited.results[i].requirement) + ": " +
                      std::string(to_string(edited.results[i].status)));
    EXPECT_FALSE(edited.results[i].detail.empty()) << "a result not met says why";
  }
  std::vector<std::string> expected;
  for (const Expected& e : v.expected)
    expected.push_back(e.requirement + ": " + std::string(to_string(e.status)));
  EXPECT_EQ(changed, expected) << ::testing::PrintToString(unmet(edited));
  EXPECT_FALSE(edited.conformant());
}

constexpr auto kNotMet = RequirementStatus::not_met;
constexpr auto kCannotTell = RequirementStatus::cannot_tell;
constexpr auto kV20 = SbomProfile::bsi_2_0;
constexpr auto kV21 = SbomProfile::bsi_2_1;

const std::string kLibSha512 =
    "8e5b6e4f0a3d3b2b7e1f6c0b8d9e8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f"
    "6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f";

std::vector<Violation> violations() {
  const std::string cdx = "bsi-2.1.cdx.json";
  const std::string xml = "bsi-2.1.cdx.xml";
  const std::string spdx = "bsi-2.0.spdx.json";
  const std::string spdx3 = "bsi-2.1.spdx3.json";
  return {
      // CycloneDX JSON
      {"CdxFormatBelowTheFloor",
       cdx,
       kV21,
       {{"\"specVersion\": \"1.6\"", "\"specVersion\": \"1.5\""}},
       {{"bsi.format", kNotMet}}},
      {"CdxSbomCreatorByNameOnly",
       cdx,
       kV21,
       {{R"("url": ["https://example.com"], "contact": [{"name": "SBOM desk", "email": "sbom@example.com"}])",
         R"("url": [])"}},
       {{"bsi.sbom-creator", kNotMet}}},
      {"CdxNoTimestamp",
       cdx,
       kV21,
       {{R"("timestamp": "2026-12-01T10:00:00Z",)", ""}},
       {{"bsi.timestamp", kNotMet}}},
      {"CdxNoSerialNumber",
       cdx,
       kV21,
       {{R"("serialNumber": "urn:uuid:0b7e1c6a-4f43-4c55-9c1e-2a6f5d8e9a10",)", ""}},
       {{"bsi.sbom-uri", kCannotTell}}},
      {"CdxComponentCreatorByNameOnly",
       cdx,
       kV21,
       {{R"("contact": [{"email": "maintainers@lib.example.org"}])",
         R"("contact": [{"name": "M"}])"}},
       {{"bsi.creator", kNotMet}}},
      {"CdxNoName",
       cdx,
       kV21,
       {{R"("name": "lib", )", R"("name": "", )"}},
       {{"bsi.name", kNotMet}}},
      {"CdxNoVersion", cdx, kV21, {{R"("version": "2.3.1",)", ""}}, {{"bsi.version", kNotMet}}},
      {"CdxFilenameIsAPath",
       cdx,
       kV21,
       {{R"("value": "lib-2.3.1.jar")", R"("value": "repo/lib-2.3.1.jar")"}},
       {{"bsi.filename", kNotMet}}},
      {"CdxCompletenessUnstated",
       cdx,
       kV21,
       {{R"("dependencies": ["app", "lib"])", R"("dependencies": ["app"])"}},
       {{"bsi.dependencies", kNotMet}}},
      {"CdxDependencyOnAnUndeclaredComponent",
       cdx,
       kV21,
       {{R"("dependsOn": ["lib"])", R"("dependsOn": ["lib", "ghost"])"}},
       {{"bsi.dependencies", kNotMet}}},
      {"CdxNoDependencyListV20",
       cdx,
       kV20,
       {{R"(, {"ref": "lib", "dependsOn": []})", ""}},
       {{"bsi.dependencies", kNotMet}}},
      {"CdxNoConcludedLicence",
       cdx,
       kV21,
       {{R"({"license": {"id": "MIT", "acknowledgement": "concluded"}},)", ""}},
       {{"bsi.licences", kNotMet}}},
      {"CdxDeclaredLicenceNotAnExpression",
       cdx,
       kV21,
       {{R"("id": "MIT", "acknowledgement": "declared")",
         R"("name": "Some licence", "acknowledgement": "declared")"}},
       {{"bsi.other-licences", kNotMet}}},
      {"CdxSha256Only",
       cdx,
       kV21,
       {{R"("alg": "SHA-512", "content": ")" + kLibSha512,
         R"("alg": "SHA-256", "content": ")" + kLibSha512.substr(0, 64)}},
       {{"bsi.hash", kNotMet}}},
      {"CdxExecutableValueUnknown",
       cdx,
       kV21,
       {{R"("value": "non-executable")", R"("value": "yes")"}},
       {{"bsi.executable", kNotMet}}},
      {"CdxNoArchiveProperty",
       cdx,
       kV21,
       {{R"({"name": "bsi:component:archive", "value": "archive"},)", ""}},
       {{"bsi.archive", kNotMet}}},
      {"CdxStructuredValueUnknown",
       cdx,
       kV21,
       {{R"("value": "structured")", R"("value": "partly")"}},
       {{"bsi.structured", kNotMet}}},
      {"CdxNoSourceUri",
       cdx,
       kV21,
       {{R"({"type": "source-distribution", "url": "https://lib.example.org/src/lib-2.3.1.tar.gz"},)",
         ""}},
       {{"bsi.source-uri", kCannotTell}}},
      {"CdxNoDeployableUri",
       cdx,
       kV21,
       {{R"({"type": "distribution", "url": "https://repo.example.org/lib-2.3.1.jar"})",
         R"({"type": "website", "url": "https://repo.example.org/lib-2.3.1.jar"})"}},
       {{"bsi.deployable-uri", kCannotTell}}},
      {"CdxNoIdentifier",
       cdx,
       kV21,
       {{R"("purl": "pkg:maven/org.example/lib@2.3.1",)", ""}},
       {{"bsi.identifiers", kCannotTell}}},
      // CycloneDX XML
      {"XmlSbomCreatorByNameOnly",
       xml,
       kV21,
       {{"<email>sbom@example.com</email>", ""}},
       {{"bsi.sbom-creator", kNotMet}}},
      {"XmlComponentCreatorByNameOnly",
       xml,
       kV21,
       {{"<contact><email>maintainers@lib.example.org</email></contact>", ""}},
       {{"bsi.creator", kNotMet}}},
      {"XmlFilenameIsAPath",
       xml,
       kV21,
       {{"lib-2.3.1.jar</property>", R"(C:\lib\lib-2.3.1.jar</property>)"}},
       {{"bsi.filename", kNotMet}}},
      {"XmlCompletenessUnstated",
       xml,
       kV21,
       {{R"(<dependency ref="lib"/></dependencies>)", "</dependencies>"}},
       {{"bsi.dependencies", kNotMet}}},
      {"XmlNoConcludedLicence",
       xml,
       kV21,
       {{R"(<license acknowledgement="concluded"><id>MIT</id></license>)", ""}},
       {{"bsi.licences", kNotMet}}},
      {"XmlDistributionHashIsNotSha512",
       xml,
       kV21,
       {{R"(<hash alg="SHA-512">)" + kLibSha512,
         R"(<hash alg="SHA-256">)" + kLibSha512.substr(0, 64)}},
       {{"bsi.hash", kNotMet}}},
      {"XmlExecutableValueUnknown",
       xml,
       kV21,
       {{">non-executable<", ">maybe<"}},
       {{"bsi.executable", kNotMet}}},
      // SPDX 2.3 under v2.0
      {"SpdxSbomCreatorByNameOnly",
       spdx,
       kV20,
       {{" (sbom@example.com)", ""}},
       {{"bsi.sbom-creator", kNotMet}}},
      {"SpdxComponentCreatorByNameOnly",
       spdx,
       kV20,
       {{" (maintainers@lib.example.org)", ""}},
       {{"bsi.creator", kNotMet}}},
      {"SpdxNoFileName",
       spdx,
       kV20,
       {{R"("packageFileName": "lib-2.3.1.jar",)", ""}},
       {{"bsi.filename", kNotMet}}},
      {"SpdxNoDependencyList",
       spdx,
       kV20,
       {{R"(,
    {"spdxElementId": "SPDXRef-lib", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "NONE"})",
         ""}},
       {{"bsi.dependencies", kNotMet}}},
      // Associated licences fall back on the declared one; without either, concluded (an
      // additional field) is absent too.
      {"SpdxNoLicence",
       spdx,
       kV20,
       {{R"("licenseConcluded": "MIT",)", R"("licenseConcluded": "NOASSERTION",)"},
        {R"("licenseDeclared": "MIT",)", R"("licenseDeclared": "NOASSERTION",)"}},
       {{"bsi.licences", kNotMet}, {"bsi.other-licences", kCannotTell}}},
      {"SpdxSha256Only",
       spdx,
       kV20,
       {{R"("algorithm": "SHA512", "checksumValue": ")" + kLibSha512,
         R"("algorithm": "SHA256", "checksumValue": ")" + kLibSha512.substr(0, 64)}},
       {{"bsi.hash", kNotMet}}},
      {"SpdxNoSourceUri",
       spdx,
       kV20,
       {{R"({"referenceCategory": "OTHER", "referenceType": "vcs", "referenceLocator": "https://lib.example.org/src/lib-2.3.1.tar.gz"})",
         R"({"referenceCategory": "OTHER", "referenceType": "website", "referenceLocator": "https://lib.example.org/src/lib-2.3.1.tar.gz"})"}},
       {{"bsi.source-uri", kCannotTell}}},
      {"SpdxNoDeployableUri",
       spdx,
       kV20,
       {{R"("downloadLocation": "https://repo.example.org/lib-2.3.1.jar",)",
         R"("downloadLocation": "NOASSERTION",)"}},
       {{"bsi.deployable-uri", kCannotTell}}},
      // SPDX 3.0.1 under v2.1
      {"Spdx3FormatBelowTheFloor",
       spdx3,
       kV21,
       {{R"("specVersion": "3.0.1")", R"("specVersion": "3.0.0")"}},
       {{"bsi.format", kNotMet}}},
      {"Spdx3SbomCreatorWithoutContact",
       spdx3,
       kV21,
       {{R"("identifier": "sbom@example.com")", R"("identifier": "+49 30 1234567")"}},
       {{"bsi.sbom-creator", kNotMet}}},
      {"Spdx3ComponentCreatorWithoutContact",
       spdx3,
       kV21,
       {{R"("identifier": "https://lib.example.org")", R"("identifier": "lib.example.org")"}},
       {{"bsi.creator", kNotMet}}},
      {"Spdx3CompletenessUnstated",
       spdx3,
       kV21,
       {{R"("completeness": "complete",
     "to": ["https://spdx.org/rdf/3.0.1/terms/Core/NoneElement"])",
         R"("to": ["https://spdx.org/rdf/3.0.1/terms/Core/NoneElement"])"}},
       {{"bsi.dependencies", kNotMet}}},
      {"Spdx3NoConcludedLicence",
       spdx3,
       kV21,
       {{R"("from": "https://example.com/spdx/package/lib", "relationshipType": "hasConcludedLicense")",
         R"("from": "https://example.com/spdx/package/lib", "relationshipType": "other")"}},
       {{"bsi.licences", kNotMet}}},
      {"Spdx3Sha256Only",
       spdx3,
       kV21,
       {{R"("algorithm": "sha512", "hashValue": ")" + kLibSha512,
         R"("algorithm": "sha256", "hashValue": ")" + kLibSha512.substr(0, 64)}},
       {{"bsi.hash", kNotMet}}},
      // CRA
      {"CraProductWithoutDependencies",
       cdx,
       SbomProfile::cra,
       {{R"({"ref": "app", "dependsOn": ["lib"]}, )", ""}},
       {{"cra.top-level", kNotMet}}},
      {"CraComponentWithoutIdentifier",
       cdx,
       SbomProfile::cra,
       {{R"("purl": "pkg:maven/org.example/lib@2.3.1",)", ""}},
       {{"cra.lookup", kNotMet}}},
  };
}

INSTANTIATE_TEST_SUITE_P(Requirements, BsiViolation, ::testing::ValuesIn(violations()),
                         [](const ::testing::TestParamInfo<Violation>& param) {
                           return param.param.name;
                         });

TEST(BsiConformance, V20WantsTheSha512AmongTheComponentsHashes) {
  // The XML fixture gives lib's SHA-512 on its distribution reference, where v2.1 puts it.
  const ProfileCheck check = check_text(fixture("bsi-2.1.cdx.xml"), "x.xml", SbomProfile::bsi_2_0);
  EXPECT_EQ(unmet(check),
            (std::vector<std::string>{
                "bsi.hash: not met (its SHA-512 is on its distribution reference, "
                "where v2.1 puts it; v2.0 asks for it among the component's hashes)"}));
}

TEST(BsiConformance, TagValueIsNotAnEncodingTheTrAccepts) {
  const ProfileCheck check =
      check_text(testing::read_file(testing::test_data_dir() / "warnings" / "licences.spdx"),
                 "licences.spdx", SbomProfile::bsi_2_0);
  const auto format = std::ranges::find(check.results, std::string_view("bsi.format"),
                                        &RequirementResult::requirement);
  ASSERT_NE(format, check.results.end());
  EXPECT_EQ(format->status, RequirementStatus::not_met);
  EXPECT_EQ(format->detail, "SPDX 2.3 tag-value: the TR accepts JSON or XML only");
}

}  // namespace
}  // namespace cradle
