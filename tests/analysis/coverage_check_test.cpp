// Never clean where nothing looked: for every OSV ecosystem cradle maps a purl to, a component
// is not covered when no advisories of its ecosystem (its release, for distributions) were
// loaded, and clean or affected once they were. And the states a scan's coverage can be in.
#include "analysis/coverage_check.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "analysis/matcher.h"
#include "model/date_time.h"

namespace cradle {
namespace {

Component purl_component(const std::string& purl) {
  Component component;
  component.purl_text = purl;
  component.purl = *parse_purl(purl);
  component.version = component.purl->version;
  return component;
}

// A record saying every version of (ecosystem, name) is affected.
Advisory every_version(std::string id, std::string ecosystem, std::string name) {
  Advisory advisory;
  advisory.id = std::move(id);
  advisory.modified = "2026-01-01T00:00:00Z";
  AffectedPackage package;
  package.name = std::move(name);
  package.versions.ecosystem = std::move(ecosystem);
  package.versions.ranges.push_back({"ECOSYSTEM", {{OsvEvent::Kind::introduced, "0"}}, {}});
  advisory.affected.push_back(std::move(package));
  return advisory;
}

struct EcosystemCase {
  std::string purl;
  std::string ecosystem;  // as the purl maps it
  std::string package;    // as OSV names it
  std::string other;      // an ecosystem whose advisories do not cover it (another release)
};

// One purl per ecosystem osv_package_for() maps to.
const std::vector<EcosystemCase> kEcosystems = {
    {"pkg:npm/demo@1.0.0", "npm", "demo", "PyPI"},
    {"pkg:pypi/demo@1.0", "PyPI", "demo", "npm"},
    {"pkg:maven/org.demo/demo@1.0", "Maven", "org.demo:demo", "npm"},
    {"pkg:cargo/demo@1.0.0", "crates.io", "demo", "npm"},
    {"pkg:gem/demo@1.0", "RubyGems", "demo", "npm"},
    {"pkg:nuget/Demo@1.0.0", "NuGet", "Demo", "npm"},
    {"pkg:pub/demo@1.0.0", "Pub", "demo", "npm"},
    {"pkg:hex/demo@1.0.0", "Hex", "demo", "npm"},
    {"pkg:hackage/demo@1.0", "Hackage", "demo", "npm"},
    {"pkg:cran/demo@1.0", "CRAN", "demo", "npm"},
    {"pkg:conan/demo@1.0", "ConanCenter", "demo", "npm"},
    {"pkg:bitnami/demo@1.0.0", "Bitnami", "demo", "npm"},
    {"pkg:swift/github.com/demo/demo@1.0.0", "SwiftURL", "github.com/demo/demo", "npm"},
    {"pkg:composer/demo/demo@1.0.0", "Packagist", "demo/demo", "npm"},
    {"pkg:githubactions/demo/demo@1.0.0", "GitHub Actions", "demo/demo", "npm"},
    {"pkg:golang/example.com/demo@1.0.0", "Go", "example.com/demo", "npm"},
    {"pkg:deb/debian/demo@1.0-1?distro=debian-12", "Debian:12", "demo", "Debian:11"},
    {"pkg:deb/ubuntu/demo@1.0-1?distro=ubuntu-22.04", "Ubuntu:22.04:LTS", "demo",
     "Ubuntu:20.04:LTS"},
    {"pkg:apk/alpine/demo@1.0-r0?distro=alpine-3.18.4", "Alpine:v3.18", "demo", "Alpine:v3.17"},
    {"pkg:apk/wolfi/demo@1.0-r0", "Wolfi", "demo", "Chainguard"},
    {"pkg:apk/chainguard/demo@1.0-r0", "Chainguard", "demo", "Wolfi"},
    {"pkg:rpm/almalinux/demo@1.0-1.el8?distro=almalinux-8.9", "AlmaLinux:8", "demo", "AlmaLinux:9"},
    {"pkg:rpm/rocky-linux/demo@1.0-1.el9?distro=rocky-linux-9.2", "Rocky Linux:9", "demo",
     "Rocky Linux:8"},
    {"pkg:rpm/mageia/demo@1.0-1.mga9?distro=mageia-9", "Mageia:9", "demo", "Mageia:8"},
};

ComponentResult match_one_against(const EcosystemCase& c, std::vector<Advisory> advisories) {
  AdvisoryIndex index;
  for (Advisory& advisory : advisories) index.add(std::move(advisory));
  index.finish();
  Sbom sbom;
  sbom.components = {purl_component(c.purl)};
  return match_components(sbom, index).front();
}

TEST(Coverage, EveryMappedEcosystemIsNotCoveredWithoutItsAdvisories) {
  for (const EcosystemCase& c : kEcosystems) {
    SCOPED_TRACE(c.purl);
    const ComponentResult none = match_one_against(c, {});
    EXPECT_EQ(none.state, ComponentState::not_covered);
    EXPECT_EQ(none.ecosystem, c.ecosystem);
    EXPECT_EQ(none.reason, not_loaded_reason(c.ecosystem));
    EXPECT_NE(none.reason.find(fmt::format("no {} advisories loaded", c.ecosystem)),
              std::string::npos)
        << none.reason;
    EXPECT_NE(none.reason.find(fmt::format("--ecosystem {}", base_ecosystem(c.ecosystem))),
              std::string::npos)
        << none.reason;

    // Advisories of another ecosystem or release, even for a package of the same name.
    const ComponentResult elsewhere =
        match_one_against(c, {every_version("OTHER-1", c.other, c.package)});
    EXPECT_EQ(elsewhere.state, ComponentState::not_covered) << elsewhere.reason;
  }
}

TEST(Coverage, EveryMappedEcosystemIsCleanOrAffectedOnceLoaded) {
  for (const EcosystemCase& c : kEcosystems) {
    SCOPED_TRACE(c.purl);
    const ComponentResult affected =
        match_one_against(c, {every_version("TEST-1", c.ecosystem, c.package)});
    EXPECT_EQ(affected.state, ComponentState::affected) << affected.reason;
    const ComponentResult clean =
        match_one_against(c, {every_version("TEST-2", c.ecosystem, "other")});
    EXPECT_EQ(clean.state, ComponentState::clean) << clean.reason;
  }
}

TEST(Coverage, AnEmptyIndexCoversNothing) {
  AdvisoryIndex index;
  index.finish();
  EXPECT_TRUE(index.coverage().empty());
}

TEST(Coverage, RecordsGivenCountPerEcosystemOnce) {
  AdvisoryIndex index;
  Advisory both = every_version("TEST-1", "PyPI", "a");
  both.affected.push_back(both.affected.front());  // a second entry of the same ecosystem
  both.affected.push_back(every_version("x", "npm", "b").affected.front());
  index.add(std::move(both));
  Advisory newer = every_version("TEST-2", "PyPI", "c");
  newer.modified = "2026-06-01T00:00:00Z";
  index.add(std::move(newer));
  index.finish("records.json");
  ASSERT_EQ(index.coverage().loads().size(), 2u);
  const EcosystemLoad& pypi = index.coverage().loads_of("PyPI").front();
  EXPECT_EQ(pypi.records, 2u);
  EXPECT_EQ(pypi.newest_modified, "2026-06-01T00:00:00Z");
  EXPECT_EQ(pypi.source, "records.json");
  EXPECT_TRUE(pypi.loaded_at.empty()) << "records given are read now: never stale";
  EXPECT_EQ(index.coverage().loads_of("npm").front().records, 1u);
}

// The coverage a scan reports, from a store's loads.
class CoverageCheckTest : public testing::Test {
 protected:
  CoverageCheck check(std::vector<EcosystemLoad> loads, std::vector<std::string> needed) {
    AdvisoryCoverage coverage;
    for (EcosystemLoad& load : loads) coverage.add(std::move(load));
    std::vector<ComponentResult> results;
    for (std::string& ecosystem : needed) {
      ComponentResult& result = results.emplace_back();
      result.ecosystem = std::move(ecosystem);
    }
    return check_coverage(coverage, results, rule_);
  }
  static EcosystemLoad load(std::string ecosystem, std::string loaded_at) {
    return EcosystemLoad{std::move(ecosystem), "osv", 10,   "2026-12-01T00:00:00Z",
                         std::move(loaded_at), 0,     false};
  }

  FreshnessRule rule_{*parse_rfc3339("2026-12-06T12:00:00Z"), std::chrono::days(7)};
};

TEST_F(CoverageCheckTest, FreshLoadsCoverTheirEcosystems) {
  const CoverageCheck result = check({load("PyPI", "2026-12-05T12:00:00Z")}, {"PyPI", "PyPI"});
  ASSERT_EQ(result.ecosystems.size(), 1u);
  EXPECT_EQ(result.ecosystems[0].state, CoverageState::covered);
  EXPECT_EQ(result.ecosystems[0].components, 2u);
  EXPECT_TRUE(result.ecosystems[0].reason.empty());
  EXPECT_FALSE(result.has_gaps());
}

TEST_F(CoverageCheckTest, AnEcosystemNoSourceDeliveredIsAGap) {
  const CoverageCheck result = check({load("PyPI", "2026-12-05T12:00:00Z")}, {"PyPI", "Debian:12"});
  ASSERT_EQ(result.ecosystems.size(), 2u);
  EXPECT_EQ(result.ecosystems[0].ecosystem, "Debian:12");
  EXPECT_EQ(result.ecosystems[0].state, CoverageState::not_loaded);
  EXPECT_EQ(result.ecosystems[0].reason,
            "no Debian:12 advisories loaded: run `cradle db update --ecosystem Debian`");
  EXPECT_EQ(result.gaps(), 1u);
}

TEST_F(CoverageCheckTest, DataOlderThanTheAcceptedAgeIsStale) {
  const CoverageCheck result = check({load("npm", "2026-11-20T12:00:00Z")}, {"npm"});
  EXPECT_EQ(result.ecosystems[0].state, CoverageState::stale);
  EXPECT_EQ(result.ecosystems[0].reason,
            "npm advisories last loaded 2026-11-20T12:00:00Z (16 days ago, more than the 7 days "
            "accepted): run `cradle db update --ecosystem npm`");
  EXPECT_TRUE(result.has_gaps());
}

TEST_F(CoverageCheckTest, OneFreshSourceIsEnough) {
  const CoverageCheck result =
      check({load("npm", "2026-11-20T12:00:00Z"),
             EcosystemLoad{"npm", "mirror", 1, "", "2026-12-06T11:00:00Z", 0, false}},
            {"npm"});
  EXPECT_EQ(result.ecosystems[0].state, CoverageState::covered);
  EXPECT_EQ(result.ecosystems[0].loads.size(), 2u);
}

TEST_F(CoverageCheckTest, ALoadWithUnreadableRecordsIsIncomplete) {
  EcosystemLoad partial = load("Go", "2026-12-06T11:00:00Z");
  partial.unreadable = 3;
  const CoverageCheck result = check({partial}, {"Go"});
  EXPECT_EQ(result.ecosystems[0].state, CoverageState::incomplete);
  EXPECT_NE(result.ecosystems[0].reason.find("3 records of osv did not parse"), std::string::npos)
      << result.ecosystems[0].reason;
}

TEST_F(CoverageCheckTest, ExampleDataIsSaid) {
  EcosystemLoad example = load("PyPI", "2026-12-06T11:00:00Z");
  example.example = true;
  EXPECT_TRUE(check({example}, {"PyPI"}).example_data);
  EXPECT_FALSE(check({load("PyPI", "2026-12-06T11:00:00Z")}, {"PyPI"}).example_data);
}

TEST_F(CoverageCheckTest, NotScannableComponentsNeedNoCoverage) {
  AdvisoryCoverage none;
  std::vector<ComponentResult> results(1);
  results[0].ecosystem = "Debian";
  results[0].state = ComponentState::not_scannable;
  EXPECT_TRUE(check_coverage(none, results, rule_).ecosystems.empty());
}

TEST(Coverage, AgesAreCountedInOneUnit) {
  EXPECT_EQ(parse_age("7d"), std::chrono::seconds(7 * 86400));
  EXPECT_EQ(parse_age("12h"), std::chrono::seconds(12 * 3600));
  EXPECT_EQ(parse_age("30m"), std::chrono::seconds(1800));
  EXPECT_EQ(parse_age("45s"), std::chrono::seconds(45));
  for (std::string_view bad : {"", "d", "0d", "-1d", "7", "7w", "1.5d", "7 d"}) {
    EXPECT_FALSE(parse_age(bad)) << bad;
  }
}

}  // namespace
}  // namespace cradle
