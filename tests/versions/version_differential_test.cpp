// Differential tests: cradle's version orderings against each scheme's reference implementation.
// The fixtures (tests/data/versions/<scheme>.tsv) hold pairs from the real advisory and SBOM data
// plus edge cases, with the reference tool's answer; scripts/gen-version-fixtures.py makes them.
// Every disagreement must be listed, with its reason, in tests/data/versions/exceptions.tsv (a
// pair, or a version against "*" for every pair it is in), and every listed exception must still
// hold (no stale entries).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "shared_data.h"
#include "tsv_table.h"
#include "versions/version.h"

namespace cradle {
namespace {

using Key = std::tuple<std::string, std::string, std::string>;  // scheme, a, b


// "-1", "0", "1", or "ERR" when either version does not parse.
std::string our_answer(VersionScheme scheme, const std::string& a, const std::string& b) {
  auto x = parse_version(scheme, a);
  auto y = parse_version(scheme, b);
  if (!x || !y) return "ERR";
  auto order = compare(*x, *y);
  return order < 0 ? "-1" : (order > 0 ? "1" : "0");
}

// exceptions.tsv: scheme, a, b, reference answer, our answer, reason.
std::map<Key, std::pair<std::string, std::string>> documented_exceptions() {
  std::map<Key, std::pair<std::string, std::string>> exceptions;
  std::ifstream in(testing::test_data_dir() / "versions" / "exceptions.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    auto fields = testing::split_tabs(line);
    EXPECT_EQ(fields.size(), 6u) << "exceptions.tsv: " << line;
    if (fields.size() != 6) continue;
    EXPECT_FALSE(fields[5].empty()) << "exceptions.tsv: an exception needs its reason: " << line;
    exceptions[{fields[0], fields[1], fields[2]}] = {fields[3], fields[4]};
  }
  return exceptions;
}

class VersionDifferential : public ::testing::TestWithParam<VersionScheme> {};

TEST_P(VersionDifferential, AgreesWithReferenceImplementation) {
  const VersionScheme scheme = GetParam();
  const std::string name(to_string(scheme));
  std::ifstream in(testing::test_data_dir() / "versions" / (name + ".tsv"));
  ASSERT_TRUE(in) << "missing fixture tests/data/versions/" << name << ".tsv";
  const auto exceptions = documented_exceptions();

  std::size_t pairs = 0;
  std::size_t documented = 0;
  std::set<Key> seen_exceptions;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    auto fields = testing::split_tabs(line);
    ASSERT_EQ(fields.size(), 3u) << line;
    ++pairs;
    const std::string ours = our_answer(scheme, fields[0], fields[1]);
    const Key key{name, fields[0], fields[1]};
    if (auto exception = exceptions.find(key); exception != exceptions.end()) {
      seen_exceptions.insert(key);
      EXPECT_EQ(exception->second.first, fields[2]) << "stale reference answer for " << line;
      EXPECT_EQ(exception->second.second, ours) << "stale exception (we now answer " << ours
                                                << "): " << line;
      ++documented;
      continue;
    }
    if (ours == fields[2]) continue;
    // A version listed against "*": every disagreement in a pair it takes part in is covered,
    // provided cradle still parses (or refuses) it as the entry says.
    bool wildcard = false;
    for (const std::string& side : {fields[0], fields[1]}) {
      const Key side_key{name, side, "*"};
      auto exception = exceptions.find(side_key);
      if (wildcard || exception == exceptions.end()) continue;
      wildcard = true;
      seen_exceptions.insert(side_key);
      const bool parses = parse_version(scheme, side).has_value();
      EXPECT_EQ(exception->second.second, parses ? "parses" : "ERR")
          << "stale exception: cradle now " << (parses ? "parses " : "refuses ") << side;
      if (exception->second.first == "ERR") {
        EXPECT_EQ(fields[2], "ERR") << "stale exception: the reference now orders " << line;
      }
    }
    if (wildcard) {
      ++documented;
      continue;
    }
    EXPECT_EQ(ours, fields[2]) << name << ": '" << fields[0] << "' vs '" << fields[1]
                               << "': reference says " << fields[2] << ", cradle says " << ours;
  }
  for (const auto& [key, answers] : exceptions) {
    if (std::get<0>(key) == name) {
      EXPECT_TRUE(seen_exceptions.contains(key))
          << "exceptions.tsv lists a pair not in the fixture: " << std::get<1>(key) << " "
          << std::get<2>(key);
    }
  }
  EXPECT_GT(pairs, 500u) << "too few pairs to mean anything";
  std::cout << "[ differential ] " << name << ": " << pairs << " pairs, " << documented
            << " documented exceptions\n";
}

INSTANTIATE_TEST_SUITE_P(Schemes, VersionDifferential,
                         // Hackage and CRAN have no reference tool here: their orderings are
                         // checked by the tables in version_test.cpp.
                         ::testing::Values(VersionScheme::semver, VersionScheme::go,
                                           VersionScheme::pep440, VersionScheme::maven,
                                           VersionScheme::rubygems, VersionScheme::nuget,
                                           VersionScheme::composer, VersionScheme::dpkg,
                                           VersionScheme::rpm, VersionScheme::apk),
                         [](const auto& param_info) { return std::string(to_string(param_info.param)); });

}  // namespace
}  // namespace cradle
