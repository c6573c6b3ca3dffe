// SPDX 2 tag-value as producers write it: LF, CR LF and lone CR line endings read the same,
// with the same line numbers in diagnostics (a multi-line <text> value included).
#include <gtest/gtest.h>

#include <string>

#include "formats/sbom_parser.h"

namespace cradle {
namespace {

const char* const kDocument =
    "SPDXVersion: SPDX-2.3\n"
    "DataLicense: CC0-1.0\n"
    "SPDXID: SPDXRef-DOCUMENT\n"
    "DocumentName: endings\n"
    "DocumentNamespace: https://example.org/endings\n"
    "Creator: Tool: hand\n"
    "Created: 2026-12-01T00:00:00Z\n"
    "DocumentComment: <text>two\n"
    "lines</text>\n"
    "\n"
    "PackageName: a\n"
    "SPDXID: SPDXRef-a\n"
    "PackageVersion: 1.0.0\n"
    "PackageDownloadLocation: NOASSERTION\n"
    "ExternalRef: PACKAGE-MANAGER purl pkg:npm/a@1.0.0\n"
    "Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-a\n"
    "Relationship: SPDXRef-a DEPENDS_ON SPDXRef-ghost\n";

std::string with_line_endings(std::string_view text, std::string_view ending) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += ending;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

class LineEndingTest : public ::testing::TestWithParam<std::string> {};

TEST_P(LineEndingTest, ReadAsWithLineFeeds) {
  SbomParseResult result = parse_sbom(with_line_endings(kDocument, GetParam()), "endings.spdx");
  ASSERT_TRUE(result.accepted()) << (result.diagnostics.empty() ? ""
                                                                : result.diagnostics[0].message);
  ASSERT_EQ(result.sbom->components.size(), 1u);
  const Component& a = result.sbom->components[0];
  EXPECT_EQ(a.name, "a");
  EXPECT_EQ(a.version, "1.0.0");
  ASSERT_TRUE(a.purl);
  EXPECT_EQ(a.purl_text, "pkg:npm/a@1.0.0");
  EXPECT_EQ(result.sbom->serial_number, "https://example.org/endings");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_NE(result.diagnostics[0].message.find("unknown element 'SPDXRef-ghost'"),
            std::string::npos);
  EXPECT_EQ(result.diagnostics[0].location.line, 17)
      << "line numbers count every kind of line break";
}

INSTANTIATE_TEST_SUITE_P(Endings, LineEndingTest, ::testing::Values("\n", "\r\n", "\r"),
                         [](const ::testing::TestParamInfo<std::string>& ending) {
                           return ending.param == "\n"     ? std::string("LF")
                                  : ending.param == "\r\n" ? std::string("CRLF")
                                                           : std::string("CR");
                         });

}  // namespace
}  // namespace cradle
