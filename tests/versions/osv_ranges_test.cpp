// OSV affected[] evaluation: intervals, event order, last_affected, limit, versions[], GIT ranges,
// and explicit unknowns (written from the OSV schema's evaluation rules).
#include <gtest/gtest.h>

#include "versions/osv_ranges.h"

namespace cradle {
namespace {

using Kind = OsvEvent::Kind;

OsvAffectedVersions entry(std::string ecosystem, std::string type, std::vector<OsvEvent> events,
                          std::vector<std::string> versions = {}) {
  OsvAffectedVersions affected;
  affected.ecosystem = std::move(ecosystem);
  affected.ranges.push_back(OsvRange{std::move(type), std::move(events), {}});
  affected.versions = std::move(versions);
  return affected;
}

Verdict verdict(const OsvAffectedVersions& affected, std::string_view version) {
  return AffectedRanges(affected).evaluate(version).verdict;
}

TEST(OsvRanges, IntroducedZeroAndFixed) {
  auto npm = entry("npm", "SEMVER", {{Kind::introduced, "0"}, {Kind::fixed, "1.2.5"}});
  EXPECT_EQ(verdict(npm, "0.0.1"), Verdict::affected);
  EXPECT_EQ(verdict(npm, "1.2.5-rc.1"), Verdict::affected);
  EXPECT_EQ(verdict(npm, "1.2.5"), Verdict::not_affected);
  EXPECT_EQ(verdict(npm, "2.0.0"), Verdict::not_affected);
  auto result = AffectedRanges(npm).evaluate("1.2.4");
  EXPECT_EQ(result.reason, "1.2.4 is in SEMVER range 0: introduced 0, fixed 1.2.5");
}

TEST(OsvRanges, SeveralIntervalsInAnyOrder) {
  auto pypi = entry("PyPI", "ECOSYSTEM",
                    {{Kind::fixed, "3.2.5"}, {Kind::introduced, "1.0.0"}, {Kind::introduced, "3.0"},
                     {Kind::fixed, "1.0.2"}});
  EXPECT_EQ(verdict(pypi, "0.9"), Verdict::not_affected);
  EXPECT_EQ(verdict(pypi, "1.0"), Verdict::affected);
  EXPECT_EQ(verdict(pypi, "1.0.1.post1"), Verdict::affected);
  EXPECT_EQ(verdict(pypi, "1.0.2"), Verdict::not_affected);
  EXPECT_EQ(verdict(pypi, "2.0"), Verdict::not_affected);
  EXPECT_EQ(verdict(pypi, "3.2.5rc1"), Verdict::affected);
  EXPECT_EQ(verdict(pypi, "3.2.5"), Verdict::not_affected);
}

TEST(OsvRanges, TouchingIntervals) {
  auto maven = entry("Maven", "ECOSYSTEM",
                     {{Kind::introduced, "1.0"}, {Kind::fixed, "2.0"}, {Kind::introduced, "2.0"},
                      {Kind::fixed, "3.0"}});
  EXPECT_EQ(verdict(maven, "2.0"), Verdict::affected);
  EXPECT_EQ(verdict(maven, "3.0"), Verdict::not_affected);
}

TEST(OsvRanges, LastAffectedIsInclusive) {
  auto crates = entry("crates.io", "SEMVER", {{Kind::introduced, "0"}, {Kind::last_affected, "1.5.0"}});
  EXPECT_EQ(verdict(crates, "1.5.0"), Verdict::affected);
  EXPECT_EQ(verdict(crates, "1.5.1-alpha"), Verdict::not_affected);
}

TEST(OsvRanges, Limit) {
  auto limited = entry("Go", "SEMVER", {{Kind::introduced, "0"}, {Kind::limit, "2.0.0"}});
  EXPECT_EQ(verdict(limited, "1.9.9"), Verdict::affected);
  EXPECT_EQ(verdict(limited, "v2.0.0"), Verdict::not_affected);
  auto star = entry("Go", "SEMVER", {{Kind::introduced, "1.0.0"}, {Kind::limit, "*"}});
  EXPECT_EQ(verdict(star, "9.0.0"), Verdict::affected);
}

TEST(OsvRanges, GoVersionsWithAndWithoutV) {
  auto go = entry("Go", "SEMVER", {{Kind::introduced, "0"}, {Kind::fixed, "0.0.0-20200220183623-bac4c82f6975"}});
  EXPECT_EQ(verdict(go, "v0.0.0-20191109021931-daa7c04131f5"), Verdict::affected);
  EXPECT_EQ(verdict(go, "v0.0.0-20210101000000-000000000000"), Verdict::not_affected);
}

TEST(OsvRanges, DistributionVersions) {
  auto debian = entry("Debian:12", "ECOSYSTEM", {{Kind::introduced, "0"}, {Kind::fixed, "3.0.11-1~deb12u2"}});
  EXPECT_EQ(verdict(debian, "3.0.11-1~deb12u1"), Verdict::affected);
  EXPECT_EQ(verdict(debian, "3.0.11-1~deb12u2"), Verdict::not_affected);
  EXPECT_EQ(verdict(debian, "1:1.0"), Verdict::not_affected);
  auto redhat = entry("Red Hat:enterprise_linux:9", "ECOSYSTEM",
                      {{Kind::introduced, "0"}, {Kind::fixed, "1:3.0.7-27.el9"}});
  EXPECT_EQ(verdict(redhat, "1:3.0.7-25.el9_3"), Verdict::affected);
  EXPECT_EQ(verdict(redhat, "1:3.0.7-27.el9"), Verdict::not_affected);
}

TEST(OsvRanges, VersionsListAndGitRanges) {
  auto git_only = entry("PyPI", "GIT", {{Kind::introduced, "0"}, {Kind::fixed, "abc123"}},
                        {"1.0", "1.1"});
  EXPECT_EQ(verdict(git_only, "1.1"), Verdict::affected);
  auto miss = AffectedRanges(git_only).evaluate("1.2");
  EXPECT_EQ(miss.verdict, Verdict::unknown);
  EXPECT_NE(miss.reason.find("commit graph"), std::string::npos);

  OsvAffectedVersions list_only;
  list_only.ecosystem = "PyPI";
  list_only.versions = {"1.0"};
  EXPECT_EQ(verdict(list_only, "1.0"), Verdict::affected);
  EXPECT_EQ(verdict(list_only, "1.0.0"), Verdict::not_affected);  // versions[] is exact text

  // With an ECOSYSTEM range beside it, the GIT range is not needed.
  auto both = entry("PyPI", "ECOSYSTEM", {{Kind::introduced, "0"}, {Kind::fixed, "2.0"}});
  both.ranges.push_back(OsvRange{"GIT", {{Kind::introduced, "0"}, {Kind::fixed, "abc123"}}, "https://example.org/repo"});
  EXPECT_EQ(verdict(both, "2.1"), Verdict::not_affected);
}

TEST(OsvRanges, UnknownsAreExplicit) {
  auto kernel = AffectedRanges(entry("Linux", "ECOSYSTEM", {{Kind::introduced, "0"}, {Kind::fixed, "6.1"}}))
                    .evaluate("5.0");
  EXPECT_EQ(kernel.verdict, Verdict::unknown);
  EXPECT_NE(kernel.reason.find("no version ordering for ecosystem 'Linux'"), std::string::npos);

  auto bad_installed = AffectedRanges(entry("npm", "SEMVER", {{Kind::introduced, "0"}, {Kind::fixed, "1.0.0"}}))
                           .evaluate("not-a-version");
  EXPECT_EQ(bad_installed.verdict, Verdict::unknown);
  EXPECT_NE(bad_installed.reason.find("does not parse"), std::string::npos);

  auto bad_event = AffectedRanges(entry("npm", "SEMVER", {{Kind::introduced, "0"}, {Kind::fixed, "1.0"}}))
                       .evaluate("0.5.0");
  EXPECT_EQ(bad_event.verdict, Verdict::unknown);
  EXPECT_NE(bad_event.reason.find("fixed version '1.0'"), std::string::npos);

  OsvAffectedVersions empty;
  empty.ecosystem = "npm";
  EXPECT_EQ(verdict(empty, "1.0.0"), Verdict::unknown);
}

TEST(OsvRanges, AVersionParsedOnceIsParsedAgainOnlyUnderAnotherOrdering) {
  const AffectedRanges go(entry("Go", "SEMVER", {{Kind::introduced, "0"}, {Kind::fixed, "1.2.0"}}));
  const AffectedRanges pypi(entry("PyPI", "ECOSYSTEM", {{Kind::introduced, "0"}, {Kind::fixed, "2.0"}}));

  // Parsed under the ranges' ordering: used as it is, and a failure is not parsed again.
  auto installed = parse_version(VersionScheme::go, "v1.1.0");
  ASSERT_TRUE(installed);
  EXPECT_EQ(go.evaluate(InstalledVersion{"v1.1.0", VersionScheme::go, &*installed, {}}).verdict,
            Verdict::affected);
  auto failed = go.evaluate(InstalledVersion{"f00d", VersionScheme::go, nullptr, "stated problem"});
  EXPECT_EQ(failed.verdict, Verdict::unknown);
  EXPECT_EQ(failed.reason, "stated problem");

  // Parsed under another ordering: parsed again under the ranges' own.
  auto semver = parse_version(VersionScheme::semver, "1.5.0");
  ASSERT_TRUE(semver);
  auto reparsed = pypi.evaluate(InstalledVersion{"1.5.0", VersionScheme::semver, &*semver, {}});
  EXPECT_EQ(reparsed.verdict, Verdict::affected);
  auto not_parsed = pypi.evaluate(InstalledVersion{"1.5.0", VersionScheme::semver, nullptr, "x"});
  EXPECT_EQ(not_parsed.verdict, Verdict::affected);
  auto unparsable = pypi.evaluate(InstalledVersion{"not a version", VersionScheme::semver, nullptr, "x"});
  EXPECT_EQ(unparsable.verdict, Verdict::unknown);
  EXPECT_EQ(unparsable.reason.rfind("version 'not a version' does not parse as", 0), 0u) << unparsable.reason;
}

}  // namespace
}  // namespace cradle
