// Version comparison and range checks per second, on the real pairs of the differential fixtures
// (tests/data/versions/<scheme>.tsv: pairs from the advisory and SBOM data plus edge cases).
// Versions are parsed once, outside the timed loop: the hot path is compare() alone, which does
// not allocate (tests/versions/version_allocation_test.cpp checks that).
// bench/version_peers.sh runs this next to node-semver, Python packaging, libdpkg and librpm on
// the same pairs and prints the ratios.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "versions/osv_ranges.h"
#include "versions/version.h"

namespace {

using cradle::Version;
using cradle::VersionScheme;

// The fixture's pairs that both sides could parse, as text.
std::vector<std::pair<std::string, std::string>> text_pairs(VersionScheme scheme) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::ifstream in(std::string(CRADLE_TEST_DATA_DIR) + "/versions/" +
                   std::string(cradle::to_string(scheme)) + ".tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    std::stringstream fields(line);
    std::string a, b, answer;
    std::getline(fields, a, '\t');
    std::getline(fields, b, '\t');
    std::getline(fields, answer, '\t');
    if (answer == "ERR") continue;
    if (cradle::parse_version(scheme, a) && cradle::parse_version(scheme, b)) {
      pairs.emplace_back(std::move(a), std::move(b));
    }
  }
  return pairs;
}

void compare_pairs(benchmark::State& state, VersionScheme scheme) {
  std::vector<std::pair<Version, Version>> pairs;
  for (const auto& [a, b] : text_pairs(scheme)) {
    pairs.emplace_back(*cradle::parse_version(scheme, a), *cradle::parse_version(scheme, b));
  }
  if (pairs.empty()) {
    state.SkipWithError("no fixture pairs");
    return;
  }
  for (auto _ : state) {
    int less = 0;
    for (const auto& [a, b] : pairs) less += compare(a, b) < 0 ? 1 : 0;
    benchmark::DoNotOptimize(less);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * pairs.size()));
  state.counters["pairs"] = static_cast<double>(pairs.size());
}

void parse_versions(benchmark::State& state, VersionScheme scheme) {
  std::vector<std::string> texts;
  for (auto& [a, b] : text_pairs(scheme)) {
    texts.push_back(std::move(a));
    texts.push_back(std::move(b));
  }
  for (auto _ : state) {
    for (const auto& text : texts) benchmark::DoNotOptimize(cradle::parse_version(scheme, text));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
}

// An OSV entry with three intervals (the shape of a typical PyPI advisory), checked against
// every PyPI version of the fixture, parsed once.
void range_checks(benchmark::State& state) {
  using Kind = cradle::OsvEvent::Kind;
  cradle::OsvAffectedVersions entry;
  entry.ecosystem = "PyPI";
  entry.ranges.push_back({"ECOSYSTEM",
                          {{Kind::introduced, "0"}, {Kind::fixed, "1.11.29"},
                           {Kind::introduced, "2.0"}, {Kind::fixed, "2.2.24"},
                           {Kind::introduced, "3.0"}, {Kind::fixed, "3.1.12"}}, {}});
  const cradle::AffectedRanges ranges(entry);
  std::vector<Version> versions;
  for (const auto& [a, b] : text_pairs(VersionScheme::pep440)) {
    versions.push_back(*cradle::parse_version(VersionScheme::pep440, a));
  }
  for (auto _ : state) {
    int affected = 0;
    for (const Version& version : versions) {
      affected += ranges.check(version) == cradle::Verdict::affected ? 1 : 0;
    }
    benchmark::DoNotOptimize(affected);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * versions.size()));
}

}  // namespace

BENCHMARK_CAPTURE(compare_pairs, semver, VersionScheme::semver);
BENCHMARK_CAPTURE(compare_pairs, go, VersionScheme::go);
BENCHMARK_CAPTURE(compare_pairs, pep440, VersionScheme::pep440);
BENCHMARK_CAPTURE(compare_pairs, maven, VersionScheme::maven);
BENCHMARK_CAPTURE(compare_pairs, rubygems, VersionScheme::rubygems);
BENCHMARK_CAPTURE(compare_pairs, nuget, VersionScheme::nuget);
BENCHMARK_CAPTURE(compare_pairs, composer, VersionScheme::composer);
BENCHMARK_CAPTURE(compare_pairs, dpkg, VersionScheme::dpkg);
BENCHMARK_CAPTURE(compare_pairs, rpm, VersionScheme::rpm);
BENCHMARK_CAPTURE(compare_pairs, apk, VersionScheme::apk);
BENCHMARK_CAPTURE(parse_versions, semver, VersionScheme::semver);
BENCHMARK_CAPTURE(parse_versions, pep440, VersionScheme::pep440);
BENCHMARK_CAPTURE(parse_versions, dpkg, VersionScheme::dpkg);
BENCHMARK_CAPTURE(parse_versions, rpm, VersionScheme::rpm);
BENCHMARK(range_checks);

BENCHMARK_MAIN();
