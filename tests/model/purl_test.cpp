#include "model/purl.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace cradle {
namespace {

struct NormalizeCase {
  int line;
  std::string input;
  std::string expected;  // canonical form, or "error: <words>"
};

std::vector<NormalizeCase> load_cases() {
  std::ifstream in(std::filesystem::path(CRADLE_TEST_DATA_DIR) / "purl" / "normalize.tsv");
  std::vector<NormalizeCase> cases;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line.front() == '#') continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos) {
      ADD_FAILURE() << "normalize.tsv:" << number << ": no tab";
      continue;
    }
    cases.push_back({number, line.substr(0, tab), line.substr(tab + 1)});
  }
  return cases;
}

TEST(PurlTest, NormalizeTable) {
  auto cases = load_cases();
  ASSERT_GE(cases.size(), 40U) << "the case table did not load";
  for (const auto& c : cases) {
    SCOPED_TRACE("normalize.tsv:" + std::to_string(c.line) + ": " + c.input);
    auto purl = parse_purl(c.input);
    if (c.expected.starts_with("error: ")) {
      ASSERT_FALSE(purl) << "accepted as " << to_string(*purl);
      EXPECT_NE(purl.error().message.find(c.expected.substr(7)), std::string::npos)
          << "reason was: " << purl.error().message;
      EXPECT_GT(purl.error().location.column, 0);
      continue;
    }
    ASSERT_TRUE(purl) << purl.error().message;
    EXPECT_EQ(to_string(*purl), c.expected);
    // Canonical round trip: the canonical form parses to the same purl and prints the same.
    auto again = parse_purl(to_string(*purl));
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, *purl);
    EXPECT_EQ(to_string(*again), c.expected);
  }
}

TEST(PurlTest, FieldsAreDecoded) {
  auto purl = parse_purl("pkg:npm/%40angular/animation@12.3.1?vcs_url=git%3A%2F%2Fh%2Fr#a/b");
  ASSERT_TRUE(purl);
  EXPECT_EQ(purl->type, "npm");
  EXPECT_EQ(purl->namespace_, "@angular");
  EXPECT_EQ(purl->name, "animation");
  EXPECT_EQ(purl->version, "12.3.1");
  EXPECT_EQ(purl->qualifier("vcs_url"), "git://h/r");
  EXPECT_EQ(purl->qualifier("missing"), std::nullopt);
  EXPECT_EQ(purl->subpath, "a/b");
}

TEST(PurlTest, ErrorColumnPointsAtTheProblem) {
  auto purl = parse_purl("pkg:npm/foo@1?a=1&9b=2");
  ASSERT_FALSE(purl);
  EXPECT_EQ(purl.error().location.column, 19);
}

TEST(PurlTest, IdentityOmitsVersionQualifiersAndSubpath) {
  auto purl = parse_purl("pkg:maven/org.acme/lib@1.0?type=jar#sub");
  ASSERT_TRUE(purl);
  EXPECT_EQ(purl_identity(*purl), "pkg:maven/org.acme/lib");
}

}  // namespace
}  // namespace cradle
