// Bad input never crashes and never passes silently: each malformed document is rejected with
// a diagnostic that names where (line:column or JSON pointer) and what was expected.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "analysis/sbom_summary.h"
#include "formats/sbom_parser.h"
#include "shared_data.h"

namespace cradle {
namespace {

using testing::read_file;
using testing::test_data_dir;

SbomParseResult parse_fixture(const std::string& name) {
  std::string path = (test_data_dir() / "malformed" / name).string();
  return parse_sbom(read_file(path), path);
}

// A fixture's file name as a test name: "truncated.cdx.json" -> "truncated_cdx_json".
std::string fixture_test_name(std::string file) {
  for (char& ch : file) {
    if (ch == '.' || ch == '-') ch = '_';
  }
  return file;
}

struct MalformedCase {
  std::string file;
  std::string message;  // words the first error contains
  int line;             // expected line, 0 when located by a JSON pointer
  std::string pointer;  // expected JSON pointer of the first error, or ""
};

class MalformedInputTest : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedInputTest, RejectedWithLocation) {
  const MalformedCase& c = GetParam();
  SbomParseResult result = parse_fixture(c.file);
  EXPECT_FALSE(result.accepted());
  const Diagnostic* error = first_error(result.diagnostics);
  ASSERT_NE(error, nullptr);
  EXPECT_NE(error->message.find(c.message), std::string::npos) << error->message;
  EXPECT_NE(error->file.find(c.file), std::string::npos);
  if (c.line > 0) {
    EXPECT_EQ(error->location.line, c.line) << format_diagnostic(*error);
  }
  if (!c.pointer.empty()) {
    EXPECT_EQ(error->location.json_pointer, c.pointer);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Corpus, MalformedInputTest,
    ::testing::Values(MalformedCase{"truncated.cdx.json", "malformed JSON", 1, ""},
                      MalformedCase{"missing-comma.cdx.json", "malformed JSON", 3, ""},
                      MalformedCase{"wrong-types.cdx.json", "expected a string, found a number", 0,
                                    "/components/0/name"},
                      MalformedCase{"invalid-utf8.cdx.json", "invalid UTF-8", 1, ""},
                      MalformedCase{"no-spec-version.cdx.json", "missing specVersion", 0,
                                    "/specVersion"},
                      MalformedCase{"unknown-spec-version.cdx.json", "unsupported CycloneDX", 0,
                                    "/specVersion"},
                      MalformedCase{"unclosed.cdx.xml", "malformed XML", 5, ""},
                      MalformedCase{"unclosed-text.spdx", "<text> is not closed", 6, ""},
                      MalformedCase{"short-relationship.spdx", "Relationship: ELEMENT TYPE", 5, ""},
                      MalformedCase{"empty.json", "not an SBOM cradle reads", 0, ""}),
    [](const auto& param_info) { return fixture_test_name(param_info.param.file); });

TEST(MalformedInputFacts, WrongTypesKeepTheRestOfTheDocument) {
  SbomParseResult result = parse_fixture("wrong-types.cdx.json");
  ASSERT_TRUE(result.sbom);
  EXPECT_EQ(result.sbom->components.size(), 1U);
  int errors = 0;
  for (const auto& d : result.diagnostics) errors += d.severity == Severity::error;
  EXPECT_EQ(errors, 3) << "name, version and dependencies each get their own diagnostic";
}

// A problem that changes nothing cradle matches is a warning: the document is read and used
// (an error under --strict). Each fixture's warnings, in order, with their locations.
struct WarnedCase {
  std::string file;
  std::vector<std::pair<std::string, std::string>> warnings;  // words, JSON pointer or "line:column"
};

class WarnedInputTest : public ::testing::TestWithParam<WarnedCase> {};

TEST_P(WarnedInputTest, ReadWithWarnings) {
  const WarnedCase& c = GetParam();
  const std::string path = (test_data_dir() / "warnings" / c.file).string();
  SbomParseResult result = parse_sbom(read_file(path), path);
  EXPECT_TRUE(result.accepted());
  ASSERT_EQ(result.diagnostics.size(), c.warnings.size());
  for (std::size_t i = 0; i < c.warnings.size(); ++i) {
    const Diagnostic& d = result.diagnostics[i];
    EXPECT_EQ(d.severity, Severity::warning) << d.message;
    EXPECT_NE(d.message.find(c.warnings[i].first), std::string::npos) << d.message;
    const std::string where = d.location.json_pointer.empty()
                                  ? std::to_string(d.location.line) + ":" + std::to_string(d.location.column)
                                  : d.location.json_pointer;
    EXPECT_EQ(where, c.warnings[i].second) << d.message;
  }
  std::vector<Diagnostic> strict = result.diagnostics;
  make_warnings_errors(strict);
  EXPECT_TRUE(has_errors(strict));
  EXPECT_NE(strict.front().message.find("(an error under --strict)"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, WarnedInputTest,
    ::testing::Values(
        WarnedCase{"cyclic-and-dangling.cdx.json",
                   {{"dependency on unknown bom-ref 'ghost'", "/dependencies/2/dependsOn/0"}}},
        WarnedCase{"licences.cdx.json",
                   {{"licence id 'mit' is the SPDX id 'MIT' in another case", "/components/0/licenses/0/license/id"},
                    {"hash content 'not-a-hash' is not", "/components/0/hashes/0/content"},
                    {"a licence given by its URL only ('https://example.org/LICENSE')", "/components/1/licenses/0/license"},
                    {"'FooBar-1.0' is not an SPDX licence id", "/components/2/licenses/0/license/id"},
                    {"licence expression 'MIT AND OR (Apache-2.0' is not valid: column 9: expected a licence "
                     "id, found the operator OR: kept as written",
                     "/components/3/licenses/0/expression"}}},
        WarnedCase{"licences.cdx.xml",
                   {{"hash content 'not-a-hash' is not", "7:16"},
                    {"licence id 'apache-2.0' is the SPDX id 'Apache-2.0' in another case", "8:27"},
                    {"a licence given by its URL only", "14:18"},
                    {"licence expression 'GPL-2.0-only WITH MIT' is not valid: column 19: 'MIT' is a licence: "
                     "WITH is followed by an exception or an AdditionRef-: kept as written",
                     "20:18"},
                    {"dependency on unknown bom-ref 'ghost'", "25:26"}}},
        WarnedCase{"licences.spdx",
                   {{"licence expression 'MIT AND (Apache-2.0 OR' is not valid: column 23: the expression ends "
                     "after the operator OR: a licence id is missing: kept as written",
                     "13:25"}}},
        WarnedCase{"undeclared-elements.spdx.json",
                   {{"duplicate SPDXID 'SPDXRef-a'", "/packages/1"},
                    {"unknown element 'SPDXRef-file-0'", "/relationships/2"},
                    {"unknown element 'SPDXRef-file-1'", "/relationships/3"},
                    {"unknown element 'SPDXRef-file-2'", "/relationships/4"},
                    {"unknown element 'SPDXRef-file-3'", "/relationships/5"},
                    {"unknown element 'SPDXRef-file-4'", "/relationships/6"},
                    {"unknown element 'SPDXRef-file-5'", "/relationships/7"},
                    {"unknown element 'SPDXRef-file-6'", "/relationships/8"},
                    {"unknown element 'SPDXRef-file-7'", "/relationships/9"},
                    {"unknown element 'SPDXRef-file-8'", "/relationships/10"},
                    {"unknown element 'SPDXRef-file-9'", "/relationships/11"},
                    {"2 more relationship ends name elements the document does not declare", "/relationships/12"}}},
        WarnedCase{"duplicate-and-undeclared.spdx3.json",
                   {{"duplicate spdxId 'urn:a'", "/@graph/2"},
                    {"relationship names unknown element '_:nowhere'", "/@graph/3/to"}}}),
    [](const auto& param_info) { return fixture_test_name(param_info.param.file); });

TEST(WarnedInputFacts, WhatAWarningLeavesOutOrRepairsIsSaid) {
  const std::string path = (test_data_dir() / "warnings" / "licences.cdx.json").string();
  SbomParseResult result = parse_sbom(read_file(path), path);
  ASSERT_TRUE(result.sbom);
  const auto& components = result.sbom->components;
  EXPECT_EQ(components[0].declared_licenses, std::vector<std::string>{"MIT"});
  EXPECT_TRUE(components[0].hashes.empty()) << "a hash that cannot be one is not kept";
  EXPECT_EQ(components[1].declared_licenses, std::vector<std::string>{"https://example.org/LICENSE"});
  EXPECT_EQ(components[2].declared_licenses, std::vector<std::string>{"FooBar-1.0"});
  EXPECT_EQ(components[3].declared_licenses, std::vector<std::string>{"MIT AND OR (Apache-2.0"})
      << "an expression that is not one is kept as written";

  const std::string spdx = (test_data_dir() / "warnings" / "licences.spdx").string();
  SbomParseResult tag_value = parse_sbom(read_file(spdx), spdx);
  ASSERT_TRUE(tag_value.sbom);
  const auto& packages = tag_value.sbom->components;
  EXPECT_EQ(packages[0].declared_licenses, std::vector<std::string>{"MIT AND (Apache-2.0 OR"});
  EXPECT_EQ(packages[0].concluded_licenses, std::vector<std::string>{"NONE"}) << "no licence at all is said";
  EXPECT_TRUE(packages[1].declared_licenses.empty()) << "NOASSERTION says nothing";
  EXPECT_EQ(packages[1].concluded_licenses, std::vector<std::string>{"LicenseRef-Acme OR GPL-2.0"})
      << "a deprecated id is valid: no warning while reading";
}

TEST(MalformedInputFacts, CyclesAreSummarisedNotLooped) {
  SbomParseResult result = parse_sbom(read_file(test_data_dir() / "warnings" / "cyclic-and-dangling.cdx.json"),
                                      "cyclic-and-dangling.cdx.json");
  ASSERT_TRUE(result.sbom);
  SbomSummary summary = summarize(*result.sbom);
  EXPECT_TRUE(summary.has_cycles);
  EXPECT_EQ(summary.roots, 0U);
  EXPECT_EQ(summary.dependencies, 3U);
}

TEST(MalformedInputFacts, DeepJsonNestingHitsTheLimit) {
  std::string doc = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": )" +
                    std::string(5000, '[') + std::string(5000, ']') + "}";
  SbomParseResult result = parse_sbom(doc, "deep.json");
  ASSERT_FALSE(result.accepted());
  ASSERT_NE(first_error(result.diagnostics), nullptr);
  EXPECT_NE(first_error(result.diagnostics)->message.find("deeper than the limit"), std::string::npos)
      << first_error(result.diagnostics)->message;
}

TEST(MalformedInputFacts, DeepComponentNestingHitsTheLimit) {
  ParseLimits limits;
  limits.max_depth = 64;
  std::string component = R"({"type": "library", "name": "leaf"})";
  for (int i = 0; i < 40; ++i) {
    component = R"({"type": "library", "name": "n", "components": [)" + component + "]}";
  }
  std::string doc =
      R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [)" + component + "]}";
  SbomParseResult result = parse_sbom(doc, "deep-components.json", limits);
  ASSERT_FALSE(result.accepted());
  EXPECT_NE(first_error(result.diagnostics)->message.find("deeper than the limit"), std::string::npos);
}

TEST(MalformedInputFacts, HugeStringsAreReadWhole) {
  std::string name(3'000'000, 'x');
  std::string doc = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [)"
                    R"({"type": "library", "name": ")" +
                    name + R"(", "purl": "pkg:npm/)" + std::string(100'000, 'y') + R"(@1"}]})";
  SbomParseResult result = parse_sbom(doc, "huge.json");
  ASSERT_TRUE(result.accepted());
  EXPECT_EQ(result.sbom->components[0].name.size(), name.size());
  ASSERT_TRUE(result.sbom->components[0].purl);
  EXPECT_EQ(result.sbom->components[0].purl->name.size(), 100'000U);
}

TEST(MalformedInputFacts, FileSizeLimit) {
  ParseLimits limits;
  limits.max_bytes = 10;
  SbomParseResult result = parse_sbom(R"({"bomFormat": "CycloneDX"})", "big.json", limits);
  ASSERT_FALSE(result.accepted());
  EXPECT_NE(first_error(result.diagnostics)->message.find("more than the limit"), std::string::npos);
}

TEST(MalformedInputFacts, EveryPrefixOfAValidDocumentIsHandled) {
  // Truncation at every byte: never a crash, always either accepted or an error diagnostic.
  std::string doc = read_file(test_data_dir() / ".." / ".." / "examples" / "webapp.cdx.json");
  ASSERT_FALSE(doc.empty());
  for (std::size_t length = 0; length < doc.size(); length += 7) {
    SbomParseResult result = parse_sbom(std::string_view(doc).substr(0, length), "prefix.json");
    EXPECT_FALSE(result.accepted()) << "a truncated document was accepted at " << length;
    EXPECT_TRUE(has_errors(result.diagnostics));
  }
}

}  // namespace
}  // namespace cradle
