// The SPDX 2 JSON reader reads on demand, in document order: what it skips is still validated,
// members may come in any order, and a malformed document is told only its syntax error.
#include "formats/spdx/spdx2_json.h"

#include <gtest/gtest.h>

#include <string>

#include "formats/sbom_parser.h"
#include "shared_data.h"

namespace cradle {
namespace {

std::string spdx_document(const std::string& members) {
  return R"({"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT",
             "creationInfo": {"created": "2026-01-01T00:00:00Z", "creators": ["Tool: t"]}, )" +
         members + "}";
}

std::string spdx_diagnostics(const SbomParseResult& result) {
  std::string out;
  for (const Diagnostic& d : result.diagnostics) out += format_diagnostic(d) + "\n";
  return out;
}

class SpdxSkippedValueTest : public ::testing::TestWithParam<const char*> {};

TEST_P(SpdxSkippedValueTest, IsValidatedAndRejectsTheDocument) {
  const std::string doc = spdx_document(R"("packages": [{"SPDXID": "SPDXRef-a", "name": "a", "x-unread": )" +
                               std::string(GetParam()) + "}]");
  SbomParseResult result = parse_spdx2_json(doc, "skipped.spdx.json");
  EXPECT_FALSE(result.sbom) << doc;
  const Diagnostic* error = first_error(result.diagnostics);
  ASSERT_NE(error, nullptr) << doc;
  EXPECT_NE(error->message.find("malformed JSON"), std::string::npos) << error->message;
  EXPECT_GT(error->location.line, 0);
  EXPECT_EQ(result.diagnostics.size(), 1U) << spdx_diagnostics(result);
}

INSTANTIATE_TEST_SUITE_P(Atoms, SpdxSkippedValueTest,
                         ::testing::Values("tru", "nul", "01", "1e", R"("bad \q escape")",
                                           R"(["a" "b"])", "[1}", R"({"k": 1,})",
                                           R"({"n\u00": 1})"));

TEST(Spdx2Json, MembersMayComeInAnyOrder) {
  // Relationships before the packages they name, a package's SPDXID after its checksums and
  // refs, the namespace (which abbreviated ref types are relative to) and the version last.
  const std::string doc = R"({
    "relationships": [
      {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
       "relatedSpdxElement": "SPDXRef-app"},
      {"relatedSpdxElement": "SPDXRef-lib", "relationshipType": "DEPENDS_ON",
       "spdxElementId": "SPDXRef-app"}],
    "packages": [
      {"checksums": [{"checksumValue": "abcd", "algorithm": "SHA256"}],
       "externalRefs": [{"referenceLocator": "pkg:npm/lib@1.0.0", "referenceType": "purl",
                         "referenceCategory": "PACKAGE-MANAGER"},
                        {"referenceCategory": "OTHER", "referenceType": "LocationRef-acme",
                         "referenceLocator": "acme:lib"}],
       "homepage": "https://lib.example", "downloadLocation": "https://lib.example/lib.tgz",
       "versionInfo": "1.0.0", "name": "lib", "SPDXID": "SPDXRef-lib"},
      {"name": "app", "SPDXID": "SPDXRef-app", "primaryPackagePurpose": "APPLICATION"}],
    "creationInfo": {"creators": ["Tool: gen-1.0", "Person: someone"], "created": "2026-01-01T00:00:00Z"},
    "name": "order", "SPDXID": "SPDXRef-DOCUMENT",
    "documentNamespace": "https://example.com/order", "spdxVersion": "SPDX-2.2"})";
  SbomParseResult result = parse_spdx2_json(doc, "order.spdx.json");
  ASSERT_TRUE(result.accepted()) << spdx_diagnostics(result);
  const Sbom& sbom = *result.sbom;
  EXPECT_EQ(sbom.spec_version, "2.2");
  EXPECT_EQ(sbom.serial_number, "https://example.com/order");
  EXPECT_EQ(sbom.tools, std::vector<std::string>{"gen-1.0"});
  EXPECT_EQ(sbom.creators, std::vector<std::string>{"Person: someone"});
  EXPECT_EQ(sbom.described_refs, std::vector<std::string>{"SPDXRef-app"});
  ASSERT_EQ(sbom.components.size(), 2U);
  const Component& lib = sbom.components[0];
  EXPECT_EQ(lib.ref, "SPDXRef-lib");
  EXPECT_EQ(lib.version, "1.0.0");
  ASSERT_TRUE(lib.purl);
  EXPECT_EQ(lib.purl->name, "lib");
  EXPECT_EQ(lib.hashes, (std::vector<Hash>{{"SHA-256", "abcd"}}));
  EXPECT_EQ(lib.external_references,
            (std::vector<ExternalReference>{
                {"distribution", "https://lib.example/lib.tgz"},
                {"website", "https://lib.example"},
                {"https://example.com/order#LocationRef-acme", "acme:lib"}}));
  EXPECT_EQ(sbom.components[1].type, "application");
  ASSERT_EQ(sbom.dependencies.size(), 1U);
  EXPECT_EQ(sbom.dependencies[0].from, "SPDXRef-app");
  EXPECT_EQ(sbom.dependencies[0].to, "SPDXRef-lib");
}

TEST(Spdx2Json, TheFirstOfARepeatedMemberWins) {
  const std::string doc = spdx_document(R"("packages": [{"SPDXID": "SPDXRef-a", "name": "first",
                                                "name": "second"}])");
  SbomParseResult result = parse_spdx2_json(doc, "repeated.spdx.json");
  ASSERT_TRUE(result.accepted()) << spdx_diagnostics(result);
  EXPECT_EQ(result.sbom->components[0].name, "first");
}

TEST(Spdx2Json, WrongTypesAreToldAtTheirPointerAndTheRestIsRead) {
  const std::string doc = spdx_document(R"("packages": [
      {"SPDXID": "SPDXRef-a", "name": 7, "versionInfo": "1"},
      {"SPDXID": "SPDXRef-b", "name": "b", "checksums": {"algorithm": "SHA1"}},
      {"SPDXID": "SPDXRef-c", "name": "c", "externalRefs": [{"referenceType": "purl"}]}],
    "relationships": [{"spdxElementId": "SPDXRef-a", "relationshipType": "DEPENDS_ON",
                       "relatedSpdxElement": "SPDXRef-ghost"}])");
  SbomParseResult result = parse_spdx2_json(doc, "types.spdx.json");
  ASSERT_TRUE(result.sbom);
  EXPECT_EQ(result.sbom->components.size(), 3U);
  std::vector<std::string> pointers;
  for (const Diagnostic& d : result.diagnostics) pointers.push_back(d.location.json_pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{"/packages/0/name", "/packages/1/checksums",
                                                "/packages/2/externalRefs/0", "/relationships/0"}))
      << spdx_diagnostics(result);
}

TEST(Spdx2Json, AMissingOrWrongVersionIsToldAtItsPointer) {
  for (const std::string& version_member :
       {std::string(), std::string(R"("spdxVersion": 2.3,)"),
        std::string(R"("spdxVersion": "SPDX-1.2",)")}) {
    const std::string doc = "{" + version_member + R"("SPDXID": "SPDXRef-DOCUMENT"})";
    SbomParseResult result = parse_spdx2_json(doc, "version.spdx.json");
    EXPECT_FALSE(result.sbom) << doc;
    ASSERT_EQ(result.diagnostics.size(), 1U) << spdx_diagnostics(result);
    EXPECT_EQ(result.diagnostics[0].location.json_pointer, "/spdxVersion");
  }
}

TEST(Spdx2Json, AMalformedDocumentWithAnUnsupportedVersionIsToldItIsMalformed) {
  SbomParseResult result =
      parse_spdx2_json(R"({"spdxVersion": "SPDX-1.2", "packages": [tru]})", "bad.spdx.json");
  EXPECT_FALSE(result.sbom);
  ASSERT_EQ(result.diagnostics.size(), 1U) << spdx_diagnostics(result);
  EXPECT_NE(result.diagnostics[0].message.find("malformed JSON"), std::string::npos);
}

TEST(Spdx2Json, TrailingContentAndDeepNestingInUnreadMembersAreMalformed) {
  EXPECT_FALSE(parse_spdx2_json(spdx_document(R"("packages": [])") + " []", "t.spdx.json").sbom);
  const std::string deep(100'000, '[');
  SbomParseResult result =
      parse_spdx2_json(spdx_document(R"("annotations": )" + deep + std::string(100'000, ']')), "deep.json");
  EXPECT_FALSE(result.sbom);
  ASSERT_NE(first_error(result.diagnostics), nullptr);
  EXPECT_NE(first_error(result.diagnostics)->message.find("deeper"), std::string::npos)
      << spdx_diagnostics(result);
}

TEST(Spdx2Json, AMissingCreationInfoIsAnError) {
  SbomParseResult result = parse_spdx2_json(R"({"spdxVersion": "SPDX-2.3"})", "c.spdx.json");
  ASSERT_NE(first_error(result.diagnostics), nullptr);
  EXPECT_EQ(first_error(result.diagnostics)->location.json_pointer, "/creationInfo");
}

}  // namespace
}  // namespace cradle

namespace cradle {
namespace {

// GitHub's dependency-graph REST answer wraps an SPDX 2.3 document in {"sbom": ...}: read as
// the document, its problems located in the file as it is.
TEST(GitHubDependencyGraph, TheWrappedSpdxDocumentIsRead) {
  const std::string path = (testing::test_data_dir() / "github" / "dependency-graph-sbom.json").string();
  SbomParseResult result = parse_sbom(testing::read_file(path), path);
  ASSERT_TRUE(result.accepted()) << (result.diagnostics.empty() ? "" : result.diagnostics[0].message);
  ASSERT_EQ(result.sbom->components.size(), 2u);
  EXPECT_EQ(result.sbom->components[1].purl_text, "pkg:pypi/flask@2.2.2");
  EXPECT_EQ(result.sbom->dependencies.size(), 1u);
  EXPECT_EQ(result.sbom->spec_version, "2.3");
  EXPECT_EQ(result.sbom->evidence.kind, "SPDX 2.3 JSON, in a GitHub dependency-graph answer");
}

TEST(GitHubDependencyGraph, ProblemsAreLocatedInTheEnvelope) {
  // A package without a name, on the envelope's third line; and a wrong type.
  const std::string doc =
      "{\n  \"sbom\": {\"spdxVersion\": \"SPDX-2.3\", \"SPDXID\": \"SPDXRef-DOCUMENT\",\n"
      "  \"creationInfo\": {\"created\": \"2026-01-01T00:00:00Z\", \"creators\": []},\n"
      "  \"packages\": [{\"SPDXID\": \"SPDXRef-a\"}], \"name\": 7}}";
  SbomParseResult result = parse_sbom(doc, "gh.json");
  EXPECT_FALSE(result.accepted());
  bool named = false;
  for (const Diagnostic& d : result.diagnostics) {
    if (d.message.find("a package needs a 'name'") != std::string::npos) {
      named = true;
      EXPECT_EQ(d.location.json_pointer, "/sbom/packages/0");
    }
  }
  EXPECT_TRUE(named);
  // Not an envelope: another member beside it, or a bare document.
  EXPECT_FALSE(parse_sbom(R"({"sbom": {"spdxVersion": "SPDX-2.3"}, "other": 1})", "x.json").accepted());
}

}  // namespace
}  // namespace cradle
