// What readers say of inputs that are right in substance and odd in form: a UTF-8 byte-order
// mark (read, and named where the format forbids it), nesting too deep for the YAML parser, and
// version numbers too large for a component (said so, not "not a number").
#include <gtest/gtest.h>

#include <string>

#include "formats/osv/osv_record.h"
#include "formats/sbom_parser.h"
#include "formats/vex/vex_document.h"
#include "shared_data.h"
#include "versions/version.h"

namespace cradle {
namespace {

const std::string kBom = "\xEF\xBB\xBF";

bool mentions(const std::vector<Diagnostic>& diagnostics, std::string_view text) {
  for (const Diagnostic& d : diagnostics) {
    if (format_diagnostic(d).find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(InputEncoding, AByteOrderMarkIsReadAndNamedWhereJsonForbidsIt) {
  const std::string sbom = testing::read_file(testing::project_root() /
                                              "examples/webapp.cdx.json");
  auto cyclonedx = parse_sbom(kBom + sbom, "bom.cdx.json");
  ASSERT_TRUE(cyclonedx.sbom.has_value());
  EXPECT_EQ(cyclonedx.sbom->components.size(),
            parse_sbom(sbom, "plain.cdx.json").sbom->components.size());
  EXPECT_TRUE(mentions(cyclonedx.diagnostics,
                       "bom.cdx.json: warning: the file starts with a UTF-8 byte-order mark"));

  auto osv = parse_osv(kBom + R"({"id": "X-1", "modified": "2024-01-01T00:00:00Z"})", "x.json");
  EXPECT_TRUE(osv.accepted());
  EXPECT_EQ(osv.advisory->id,
            "X-1");  // an OSV record not opening with "{" is read as YAML, which allows the mark

  auto openvex = parse_vex(
      kBom + R"({"@context": "https://openvex.dev/ns/v0.2.0", "@id": "urn:x", "author": "a",
    "timestamp": "2026-01-01T00:00:00Z", "version": 1, "statements": []})",
      "v.json");
  EXPECT_TRUE(openvex.accepted());

  // Text formats: the mark is no part of the first line, and nothing to warn of.
  auto tag_value =
      parse_sbom(kBom +
                     "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n"
                     "DocumentName: d\nDocumentNamespace: https://example.com/d\n"
                     "Creator: Tool: t\nCreated: 2024-01-01T00:00:00Z\n",
                 "bom.spdx");
  ASSERT_TRUE(tag_value.sbom.has_value()) << format_diagnostic(tag_value.diagnostics.at(0));
  EXPECT_FALSE(mentions(tag_value.diagnostics, "error"));
  auto yaml = parse_osv(kBom + "id: X-2\nmodified: \"2024-01-01T00:00:00Z\"\n", "x.yaml");
  EXPECT_TRUE(yaml.accepted());
}

TEST(InputEncoding, YamlTooDeepForItsParserSaysSo) {
  std::string deep = "id: X-3\nmodified: \"2024-01-01T00:00:00Z\"\na: ";
  deep += std::string(2000, '[') + std::string(2000, ']') + "\n";
  auto refused = parse_osv(deep, "deep.yaml");
  EXPECT_FALSE(refused.accepted());
  EXPECT_TRUE(mentions(refused.diagnostics, "deep.yaml:3:"))
      << format_diagnostic(refused.diagnostics.at(0));
  EXPECT_TRUE(mentions(refused.diagnostics, "nests deeper than"))
      << format_diagnostic(refused.diagnostics.at(0));
  EXPECT_FALSE(mentions(refused.diagnostics, "bad file"));
}

TEST(InputEncoding, AVersionNumberTooLargeSaysSo) {
  for (VersionScheme scheme : {VersionScheme::semver, VersionScheme::go, VersionScheme::hackage}) {
    auto version = parse_version(scheme, "1.99999999999999999999999.0");
    ASSERT_FALSE(version.has_value());
    EXPECT_NE(version.error().message.find("above 2^64-1"), std::string::npos)
        << version.error().message;
  }
  auto leading_zero = parse_version(VersionScheme::semver, "1.02.0");
  ASSERT_FALSE(leading_zero.has_value());
  EXPECT_NE(leading_zero.error().message.find("'02' has a leading zero"), std::string::npos);
  auto letters = parse_version(VersionScheme::semver, "1.x.0");
  ASSERT_FALSE(letters.has_value());
  EXPECT_NE(letters.error().message.find("'x' is not a number"), std::string::npos);
}

}  // namespace
}  // namespace cradle
