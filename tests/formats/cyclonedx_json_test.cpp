// The CycloneDX JSON reader reads on demand, in document order: what it skips is still
// validated, members may come in any order, and a malformed document is told only its syntax
// error.
#include "formats/cyclonedx/cyclonedx_json.h"

#include <gtest/gtest.h>

#include <string>

namespace cradle {
namespace {

std::string bom(const std::string& members) {
  return R"({"bomFormat": "CycloneDX", "specVersion": "1.6", )" + members + "}";
}

// Values no part of the parser reads, each malformed in its own way.
class SkippedValueTest : public ::testing::TestWithParam<const char*> {};

TEST_P(SkippedValueTest, IsValidatedAndRejectsTheDocument) {
  const std::string doc =
      bom(R"("components": [{"type": "library", "name": "a", "x-unread": )" +
          std::string(GetParam()) + "}]");
  SbomParseResult result = parse_cyclonedx_json(doc, "skipped.json");
  EXPECT_FALSE(result.sbom) << doc;
  const Diagnostic* error = first_error(result.diagnostics);
  ASSERT_NE(error, nullptr) << doc;
  EXPECT_NE(error->message.find("malformed JSON"), std::string::npos) << error->message;
  EXPECT_EQ(error->location.line, 1);
  EXPECT_GT(error->location.column, 0);
  EXPECT_EQ(result.diagnostics.size(), 1U) << "only the syntax error is told";
}

INSTANTIATE_TEST_SUITE_P(Atoms, SkippedValueTest,
                         ::testing::Values("tru", "nul", "falsey", "01", "1.", "-", "1e",
                                           R"("bad \q escape")", R"(["a" "b"])", "[1}",
                                           R"({"k" 1})", R"({"k": 1,})", "[1,]",
                                           R"({"n\u00": 1})"));

TEST(CycloneDxJson, TrailingContentAfterTheRootIsMalformed) {
  // Another document, or a word (a log line appended to the file): told so, where it starts.
  for (const char* trailing : {" {}", "\ntrailing"}) {
    const std::string doc = bom(R"("components": [])");
    SbomParseResult result = parse_cyclonedx_json(doc + trailing, "t.json");
    EXPECT_FALSE(result.sbom);
    const Diagnostic* error = first_error(result.diagnostics);
    ASSERT_NE(error, nullptr);
    EXPECT_NE(error->message.find("malformed JSON: text follows the end of the JSON document"),
              std::string::npos)
        << error->message;
    EXPECT_EQ(error->location.line, trailing[0] == '\n' ? 2 : 1) << trailing;
  }
}

TEST(CycloneDxJson, MembersMayComeInAnyOrder) {
  // Dependencies before the components they name, the header last.
  const std::string doc = R"({"dependencies": [{"ref": "b", "dependsOn": ["a"]}],
    "components": [{"name": "a", "bom-ref": "a", "type": "library"},
                   {"bom-ref": "b", "components": [{"type": "file", "name": "c"}], "name": "b",
                    "type": "library"}],
    "specVersion": "1.5", "bomFormat": "CycloneDX"})";
  SbomParseResult result = parse_cyclonedx_json(doc, "order.json");
  ASSERT_TRUE(result.accepted()) << (result.diagnostics.empty() ? "" : result.diagnostics[0].message);
  EXPECT_EQ(result.sbom->spec_version, "1.5");
  ASSERT_EQ(result.sbom->components.size(), 3U);
  EXPECT_EQ(result.sbom->components[1].name, "b");
  EXPECT_EQ(result.sbom->components[2].name, "c");
  EXPECT_EQ(result.sbom->components[2].details->parent_ref, "b") << "the parent's ref came after its children";
  ASSERT_EQ(result.sbom->dependencies.size(), 1U);
  EXPECT_EQ(result.sbom->dependencies[0].from, "b");
  EXPECT_EQ(result.sbom->dependencies[0].to, "a");
}

TEST(CycloneDxJson, ADanglingRefIsFoundWhereverTheComponentsAre) {
  const std::string doc = bom(R"("dependencies": [{"ref": "a", "dependsOn": ["ghost"]}],
    "components": [{"type": "library", "name": "a", "bom-ref": "a"}])");
  SbomParseResult result = parse_cyclonedx_json(doc, "dangling.json");
  EXPECT_TRUE(result.accepted()) << "an edge to nothing is a warning";
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(result.diagnostics[0].location.json_pointer, "/dependencies/0/dependsOn/0");
  EXPECT_NE(result.diagnostics[0].message.find("unknown bom-ref 'ghost'"), std::string::npos);
}

TEST(CycloneDxJson, EscapedKeysAndStringsAreUnescaped) {
  const std::string doc = bom(
      R"("components": [{"type": "library", "n\u0061me": "caf\u00e9 \"x\"", "version": "1\/2"}])");
  SbomParseResult result = parse_cyclonedx_json(doc, "escapes.json");
  ASSERT_TRUE(result.accepted());
  EXPECT_EQ(result.sbom->components[0].name, "caf\xc3\xa9 \"x\"");
  EXPECT_EQ(result.sbom->components[0].version, "1/2");
}

TEST(CycloneDxJson, TheFirstOfARepeatedKeyWins) {
  const std::string doc =
      bom(R"("components": [{"type": "library", "name": "first", "name": "second"}])");
  SbomParseResult result = parse_cyclonedx_json(doc, "repeated.json");
  ASSERT_TRUE(result.accepted());
  EXPECT_EQ(result.sbom->components[0].name, "first");
}

TEST(CycloneDxJson, DeepNestingInAnUnreadMemberHitsTheLimitWithoutRecursingFurther) {
  const std::string doc =
      bom(R"("x-unread": )" + std::string(200'000, '[') + std::string(200'000, ']'));
  SbomParseResult result = parse_cyclonedx_json(doc, "deep.json");
  EXPECT_FALSE(result.sbom);
  ASSERT_NE(first_error(result.diagnostics), nullptr);
  EXPECT_NE(first_error(result.diagnostics)->message.find("deeper than the limit"), std::string::npos)
      << first_error(result.diagnostics)->message;
}

TEST(CycloneDxJson, AWrongHeaderOfAMalformedDocumentIsToldAsMalformed) {
  SbomParseResult result =
      parse_cyclonedx_json(R"({"bomFormat": "SPDX", "specVersion": "1.6", "x": [1,}")", "h.json");
  ASSERT_NE(first_error(result.diagnostics), nullptr);
  EXPECT_NE(first_error(result.diagnostics)->message.find("malformed JSON"), std::string::npos)
      << first_error(result.diagnostics)->message;
  SbomParseResult wrong = parse_cyclonedx_json(R"({"bomFormat": "SPDX", "x": [1]})", "w.json");
  ASSERT_NE(first_error(wrong.diagnostics), nullptr);
  EXPECT_EQ(first_error(wrong.diagnostics)->message, "bomFormat is 'SPDX', expected 'CycloneDX'");
}

}  // namespace
}  // namespace cradle
