// The hot path allocates nothing: comparing parsed versions and checking a parsed version against
// compiled OSV ranges. A separate test binary, because it replaces the global operator new to
// count allocations.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "versions/osv_ranges.h"
#include "versions/version.h"

namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace cradle {
namespace {

std::vector<Version> fixture_versions(VersionScheme scheme) {
  std::vector<Version> versions;
  std::ifstream in(std::string(CRADLE_TEST_DATA_DIR) + "/versions/" +
                   std::string(to_string(scheme)) + ".tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    std::stringstream fields(line);
    std::string a;
    std::getline(fields, a, '\t');
    if (auto version = parse_version(scheme, a)) versions.push_back(std::move(*version));
  }
  return versions;
}

TEST(VersionAllocation, CompareDoesNotAllocate) {
  for (VersionScheme scheme : {VersionScheme::semver, VersionScheme::go, VersionScheme::pep440,
                               VersionScheme::maven, VersionScheme::rubygems, VersionScheme::nuget,
                               VersionScheme::composer, VersionScheme::dpkg, VersionScheme::rpm,
                               VersionScheme::apk}) {
    const auto versions = fixture_versions(scheme);
    ASSERT_GT(versions.size(), 100u) << to_string(scheme);
    ASSERT_GT(allocations.load(), 0) << "the counting operator new is not in use";
    const long before = allocations.load();
    int less = 0;
    for (std::size_t i = 1; i < versions.size(); ++i) {
      less += compare(versions[i - 1], versions[i]) < 0 ? 1 : 0;
    }
    EXPECT_EQ(allocations.load() - before, 0) << to_string(scheme) << " allocates in compare()";
    EXPECT_GT(less, 0);
  }
}

TEST(VersionAllocation, RangeCheckDoesNotAllocate) {
  using Kind = OsvEvent::Kind;
  OsvAffectedVersions entry;
  entry.ecosystem = "PyPI";
  entry.ranges.push_back({"ECOSYSTEM",
                          {{Kind::introduced, "0"}, {Kind::fixed, "1.11.29"},
                           {Kind::introduced, "2.0"}, {Kind::last_affected, "2.2.24"},
                           {Kind::limit, "9.0"}}, {}});
  const AffectedRanges ranges(entry);
  const auto versions = fixture_versions(VersionScheme::pep440);
  const long before = allocations.load();
  int affected = 0;
  for (const Version& version : versions) affected += ranges.check(version) == Verdict::affected;
  EXPECT_EQ(allocations.load() - before, 0);
  EXPECT_GT(affected, 0);
}

}  // namespace
}  // namespace cradle
