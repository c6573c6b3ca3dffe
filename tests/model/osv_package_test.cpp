#include "model/osv_package.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace cradle {
namespace {

TEST(OsvPackageTest, Table) {
  std::ifstream in(std::filesystem::path(CRADLE_TEST_DATA_DIR) / "purl" / "osv_package.tsv");
  std::string line;
  int number = 0;
  int checked = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> columns;
    std::stringstream fields(line);
    for (std::string column; std::getline(fields, column, '\t');) columns.push_back(column);
    SCOPED_TRACE("osv_package.tsv:" + std::to_string(number) + ": " + line);
    ASSERT_GE(columns.size(), 2U);
    auto purl = parse_purl(columns[0]);
    if (!purl) {
      ASSERT_TRUE(columns[1].starts_with("error: ")) << purl.error().message;
      EXPECT_NE(purl.error().message.find(columns[1].substr(7)), std::string::npos)
          << purl.error().message;
      ++checked;
      continue;
    }
    auto package = osv_package_for(*purl);
    if (columns[1].starts_with("error: ")) {
      ASSERT_FALSE(package) << package->ecosystem << " " << package->name;
      EXPECT_NE(package.error().message.find(columns[1].substr(7)), std::string::npos)
          << package.error().message;
    } else {
      ASSERT_EQ(columns.size(), 3U);
      ASSERT_TRUE(package) << package.error().message;
      EXPECT_EQ(package->ecosystem, columns[1]);
      EXPECT_EQ(package->name, columns[2]);
    }
    ++checked;
  }
  EXPECT_GE(checked, 30);
}

TEST(OsvPackageTest, SourceNameFromSbomWinsForDistributions) {
  auto purl = parse_purl("pkg:deb/debian/libssl3@3.0.11-1?distro=debian-12");
  ASSERT_TRUE(purl);
  auto package = osv_package_for(*purl, "openssl");
  ASSERT_TRUE(package);
  EXPECT_EQ(package->name, "openssl");
}

TEST(OsvPackageTest, Pep503) {
  EXPECT_EQ(pep503_normalize("Foo.Bar__baz-Qux"), "foo-bar-baz-qux");
}

}  // namespace
}  // namespace cradle
