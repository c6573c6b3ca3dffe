// vers: ranges: parsing and validation, canonical form, containment (tests/data/versions/vers*.tsv).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "shared_data.h"
#include "tsv_table.h"
#include "versions/vers_range.h"

namespace cradle {
namespace {

std::vector<std::vector<std::string>> read_table(const std::string& name) {
  return testing::read_tsv(testing::test_data_dir() / "versions" / name);
}

TEST(VersRange, Containment) {
  const auto rows = read_table("vers.tsv");
  ASSERT_GT(rows.size(), 40u);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u);
    const std::string& expected = row[2];
    auto range = parse_vers(row[0]);
    std::expected<bool, Error> contained =
        range ? range->contains(row[1]) : std::expected<bool, Error>(std::unexpected(range.error()));
    if (expected.starts_with("error: ")) {
      ASSERT_FALSE(contained.has_value()) << row[0] << " " << row[1] << " should fail";
      EXPECT_NE(contained.error().message.find(expected.substr(7)), std::string::npos)
          << row[0] << ": '" << contained.error().message << "' lacks '" << expected.substr(7)
          << "'";
      continue;
    }
    ASSERT_TRUE(contained.has_value()) << row[0] << " " << row[1] << ": "
                                       << contained.error().message;
    EXPECT_EQ(*contained ? "true" : "false", expected) << row[1] << " in " << row[0];
  }
}

TEST(VersRange, CanonicalForm) {
  const auto rows = read_table("vers_canonical.tsv");
  ASSERT_GT(rows.size(), 5u);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 2u);
    auto range = parse_vers(row[0]);
    ASSERT_TRUE(range.has_value()) << row[0] << ": " << range.error().message;
    EXPECT_EQ(to_string(*range), row[1]);
    // The canonical form is a fixed point.
    auto again = parse_vers(to_string(*range));
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(to_string(*again), row[1]);
  }
}

}  // namespace
}  // namespace cradle
