// The matcher on the real PyPI advisory database, checked against an independent truth: the
// versions[] lists osv.dev computed for each record. Every listed (package, version) must come
// out affected by that record; the first fixed version of a record, when osv.dev does not list
// it, must not. Plus the component states: each component ends in exactly one of them.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "analysis/matcher.h"
#include "formats/osv/osv_record.h"
#include "formats/sbom_parser.h"
#include "shared_data.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

Component pypi_component(const std::string& name, const std::string& version) {
  Component component;
  component.name = name;
  component.version = version;
  component.purl_text = "pkg:pypi/" + name + "@" + version;
  if (auto purl = parse_purl(component.purl_text)) component.purl = *purl;
  return component;
}

// A component known by its purl alone.
Component purl_component(const std::string& purl) {
  Component component;
  component.purl_text = purl;
  component.purl = *parse_purl(purl);
  return component;
}

// The PyPI advisory database, read once for all the tests here (every record that reads).
const std::vector<Advisory>& pypa_advisories() {
  static const std::vector<Advisory> advisories = [] {
    std::vector<Advisory> read;
    for (const auto& file : fs::recursive_directory_iterator(testing::shared_data_dir() /
                                                             "pypa-advisory-database/vulns")) {
      if (!file.is_regular_file() || file.path().extension() != ".yaml") continue;
      auto parsed = parse_osv(testing::read_file(file.path()), file.path().string());
      if (parsed.accepted()) read.push_back(std::move(*parsed.advisory));
    }
    return read;
  }();
  return advisories;
}

const AdvisoryIndex& pypa_index() {
  static const AdvisoryIndex index = [] {
    AdvisoryIndex built;
    for (const Advisory& advisory : pypa_advisories()) built.add(advisory);
    built.finish();
    return built;
  }();
  return index;
}

bool finds(const ComponentResult& result, const std::string& id, std::string_view verdict) {
  for (const Finding& finding : result.findings) {
    for (const MatchedAdvisory& match : finding.matches) {
      if (match.id == id && to_string(match.verdict) == verdict) return true;
    }
  }
  return false;
}

// An index holding one advisory `id` for (ecosystem, name) with the given range events.
void add_advisory(AdvisoryIndex& index, std::string id, std::string ecosystem, std::string name,
                  std::string range_type, std::vector<OsvEvent> events,
                  std::vector<std::string> aliases = {}) {
  Advisory advisory;
  advisory.id = std::move(id);
  advisory.modified = "2024-01-01T00:00:00Z";
  advisory.aliases = std::move(aliases);
  AffectedPackage package;
  package.name = std::move(name);
  package.versions.ecosystem = std::move(ecosystem);
  package.versions.ranges.push_back({std::move(range_type), std::move(events), {}});
  advisory.affected.push_back(std::move(package));
  index.add(std::move(advisory));
}

TEST(Matcher, ListedVersionsAreFoundAffected) {
  CRADLE_REQUIRE_SHARED_DATA();
  const AdvisoryIndex& index = pypa_index();
  ASSERT_GT(index.advisories(), 2000u);
  // One SBOM with a component per listed (package, version), every 7th to keep it quick.
  Sbom sbom;
  std::vector<std::string> expected_ids;
  std::size_t counter = 0;
  for (const Advisory& advisory : pypa_advisories()) {
    if (advisory.is_withdrawn()) continue;
    for (const AffectedPackage& package : advisory.affected) {
      for (const std::string& version : package.versions.versions) {
        if (counter++ % 7 != 0) continue;
        sbom.components.push_back(pypi_component(package.name, version));
        expected_ids.push_back(advisory.id);
      }
    }
  }
  ASSERT_GT(sbom.components.size(), 10000u);
  const auto results = match_components(sbom, index);
  ASSERT_EQ(results.size(), sbom.components.size());
  std::size_t found = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    // versions[] is checked before the ranges, so a listed version is always found.
    if (finds(results[i], expected_ids[i], "affected")) {
      ++found;
    } else {
      ADD_FAILURE() << expected_ids[i] << " not found for " << results[i].purl << " ("
                    << to_string(results[i].state) << ": " << results[i].reason << ")";
    }
  }
  std::cout << "[ matcher ] " << found << " of " << results.size()
            << " listed (package, version) pairs found affected\n";
}

TEST(Matcher, FixedVersionsNotListedAreNotAffected) {
  CRADLE_REQUIRE_SHARED_DATA();
  const AdvisoryIndex& index = pypa_index();
  Sbom sbom;
  std::vector<std::string> ids;
  for (const Advisory& advisory : pypa_advisories()) {
    if (advisory.is_withdrawn()) continue;
    for (const AffectedPackage& package : advisory.affected) {
      const std::set<std::string> listed(package.versions.versions.begin(),
                                         package.versions.versions.end());
      for (const OsvRange& range : package.versions.ranges) {
        if (range.type != "ECOSYSTEM") continue;
        for (const OsvEvent& event : range.events) {
          if (event.kind != OsvEvent::Kind::fixed || listed.contains(event.version)) continue;
          sbom.components.push_back(pypi_component(package.name, event.version));
          ids.push_back(advisory.id);
        }
      }
    }
  }
  ASSERT_GT(sbom.components.size(), 1000u);
  const auto results = match_components(sbom, index);
  std::size_t clean_of_it = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (finds(results[i], ids[i], "affected")) {
      ADD_FAILURE() << ids[i] << " reported for its own unlisted fixed version " << results[i].purl;
    } else {
      ++clean_of_it;
    }
  }
  std::cout << "[ matcher ] " << clean_of_it << " of " << results.size()
            << " unlisted fixed versions not reported by their advisory\n";
}

TEST(Matcher, EveryComponentEndsInOneState) {
  AdvisoryIndex index;
  const std::vector<OsvEvent> events = {{OsvEvent::Kind::introduced, "1.0.0"},
                                        {OsvEvent::Kind::fixed, "1.2.0"}};
  add_advisory(index, "TEST-1", "npm", "demo", "SEMVER", events, {"CVE-0000-1"});
  // A second database's record for the same vulnerability.
  add_advisory(index, "GHSA-xxxx-yyyy-zzzz", "npm", "demo", "SEMVER", events, {"CVE-0000-1"});
  index.finish();

  auto component = [](std::string purl, std::string version) {
    Component c;
    c.name = "c";
    c.version = std::move(version);
    c.purl_text = std::move(purl);
    if (auto parsed = parse_purl(c.purl_text)) c.purl = *parsed;
    return c;
  };
  Sbom sbom;
  sbom.components = {
      component("pkg:npm/demo@1.1.0", "1.1.0"),           // affected, one finding for both records
      component("pkg:npm/demo@1.2.0", "1.2.0"),           // clean
      component("", "1.0"),                               // no purl
      component("pkg:npm/demo", ""),                      // no version
      component("not a purl", "1.0"),                     // invalid purl
      component("pkg:generic/demo@1.0", "1.0"),           // no OSV ecosystem
      component("pkg:deb/debian/openssl@3.0.11-1", ""),   // Debian without its release
      component("pkg:rpm/almalinux/openssl@3.0.7-24.el9", ""),  // AlmaLinux, idem
      component("pkg:rpm/redhat/openssl@3.0.7-24.el9", ""),     // Red Hat: no product stream
      component("pkg:rpm/opensuse/curl@7.56.1", ""),            // openSUSE: no product
      component("pkg:rpm/openeuler/curl@7.79.1", ""),           // openEuler: no release
      component("pkg:npm/demo@latest", "latest"),         // version does not parse
  };
  const auto results = match_components(sbom, index);
  ASSERT_EQ(results.size(), sbom.components.size());
  EXPECT_EQ(results[0].state, ComponentState::affected);
  ASSERT_EQ(results[0].findings.size(), 1u) << "two records of one vulnerability, one finding";
  EXPECT_EQ(results[0].findings[0].ids,
            (std::vector<std::string>{"CVE-0000-1", "GHSA-xxxx-yyyy-zzzz", "TEST-1"}));
  EXPECT_EQ(results[0].findings[0].nearest_fix, "1.2.0");
  EXPECT_EQ(results[0].findings[0].matches.size(), 2u);
  EXPECT_EQ(results[0].findings[0].primary_id, "GHSA-xxxx-yyyy-zzzz");
  EXPECT_EQ(results[1].state, ComponentState::clean);
  const std::vector<std::string> reasons = {
      "no purl",
      "no version",
      "does not parse",
      "no OSV ecosystem",
      "without its Debian release",
      "without its AlmaLinux release",
      "per product stream (Red Hat:<CPE>)",
      "openSUSE are per product (openSUSE:<product>)",
      "openEuler are per release and service pack",
      "does not parse as semver"};
  for (std::size_t i = 2; i < results.size(); ++i) {
    EXPECT_EQ(results[i].state, ComponentState::not_scannable) << i;
    EXPECT_NE(results[i].reason.find(reasons[i - 2]), std::string::npos)
        << i << ": " << results[i].reason;
  }
}

// A finding's severity is the union of its records' and entries' scores, and its CVSS score the
// highest any of their vectors gives, whichever record it comes from.
TEST(Matcher, SeverityJoinsTheRecordsOfOneVulnerability) {
  const std::vector<OsvEvent> events = {{OsvEvent::Kind::introduced, "0"},
                                        {OsvEvent::Kind::fixed, "2.0.0"}};
  const std::string medium = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N";    // 4.8
  const std::string critical = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";  // 9.8
  AdvisoryIndex index;
  add_advisory(index, "TEST-4", "npm", "unscored", "SEMVER", events);
  {
    // The GHSA record gives a medium vector for the record and a database's own string for its
    // entry; TEST-2, of the same vulnerability, the critical vector and the same medium one.
    Advisory ghsa;
    ghsa.id = "GHSA-aaaa-bbbb-cccc";
    ghsa.modified = "2024-02-01T00:00:00Z";
    ghsa.aliases = {"CVE-0000-2"};
    ghsa.severity = {{"CVSS_V3", medium}};
    AffectedPackage package;
    package.name = "demo";
    package.versions.ecosystem = "npm";
    package.versions.ranges.push_back({"SEMVER", events, {}});
    package.severity = {{"Ubuntu", "high"}};
    ghsa.affected.push_back(package);
    index.add(ghsa);
    Advisory test2 = ghsa;
    test2.id = "TEST-2";
    test2.severity = {{"CVSS_V3", critical}, {"CVSS_V3", medium}};
    test2.affected[0].severity.clear();
    index.add(test2);
    Advisory test3 = ghsa;
    test3.id = "TEST-3";
    test3.aliases.clear();
    test3.affected[0].name = "other";
    index.add(test3);
  }
  index.finish();
  Sbom sbom;
  for (std::string name : {"demo", "other", "unscored"}) {
    Component c;
    c.name = name;
    c.version = "1.0.0";
    c.purl_text = "pkg:npm/" + name + "@1.0.0";
    c.purl = *parse_purl(c.purl_text);
    sbom.components.push_back(c);
  }
  const auto results = match_components(sbom, index);
  ASSERT_EQ(results[0].findings.size(), 1u);
  const Finding& joined = results[0].findings[0];
  ASSERT_TRUE(joined.severity);
  EXPECT_EQ(*joined.severity, (std::vector<SeverityScore>{
                                  {"CVSS_V3", medium}, {"CVSS_V3", critical}, {"Ubuntu", "high"}}));
  EXPECT_EQ(joined.cvss_vector, critical);
  EXPECT_DOUBLE_EQ(joined.cvss_score, 9.8);
  EXPECT_EQ(joined.rating, "critical");

  // One record: its scores as they are, the record's and the entry's.
  ASSERT_EQ(results[1].findings.size(), 1u);
  const Finding& single = results[1].findings[0];
  ASSERT_TRUE(single.severity);
  EXPECT_EQ(*single.severity,
            (std::vector<SeverityScore>{{"CVSS_V3", medium}, {"Ubuntu", "high"}}));
  EXPECT_EQ(single.cvss_vector, medium);
  EXPECT_EQ(single.rating, "medium");

  // No scores at all: no severity, no rating.
  ASSERT_EQ(results[2].findings.size(), 1u);
  EXPECT_FALSE(results[2].findings[0].severity);
  EXPECT_TRUE(results[2].findings[0].rating.empty());
}

// A large SBOM is matched on several threads: the results are those of matching each component
// alone, in the SBOM's order, whatever the schedule.
TEST(Matcher, ALargeSbomMatchesAsItsComponentsDoAlone) {
  AdvisoryIndex index;
  for (int p = 0; p < 20; ++p) {
    for (int a = 0; a < 3; ++a) {
      add_advisory(index, "TEST-" + std::to_string(p) + "-" + std::to_string(a), "npm",
                   "pkg" + std::to_string(p), "SEMVER",
                   {{OsvEvent::Kind::introduced, std::to_string(a) + ".0.0"},
                    {OsvEvent::Kind::fixed, std::to_string(a) + "." + std::to_string(p % 7) + ".1"}},
                   {"CVE-0000-" + std::to_string(p * 10 + a)});
    }
  }
  index.finish();
  Sbom sbom;
  for (int i = 0; i < 6000; ++i) {
    Component c;
    c.name = "pkg" + std::to_string(i % 23);
    c.version = std::to_string(i % 4) + "." + std::to_string(i % 9) + "." + std::to_string(i % 3);
    // Every 11th without a purl, every 13th with a version that does not parse.
    if (i % 11 != 0) c.purl_text = "pkg:npm/" + c.name + "@" + (i % 13 == 0 ? "latest" : c.version);
    if (auto parsed = parse_purl(c.purl_text)) c.purl = *parsed;
    sbom.components.push_back(std::move(c));
  }
  const auto whole = match_components(sbom, index);
  ASSERT_EQ(whole.size(), sbom.components.size());
  std::size_t affected = 0;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    Sbom alone;
    alone.components = {sbom.components[i]};
    const auto single = match_components(alone, index);
    ASSERT_EQ(single.size(), 1u);
    const ComponentResult& a = whole[i];
    const ComponentResult& b = single[0];
    EXPECT_EQ(a.component_index, i);
    EXPECT_EQ(a.purl, b.purl) << i;
    EXPECT_EQ(a.state, b.state) << i;
    EXPECT_EQ(a.reason, b.reason) << i;
    ASSERT_EQ(a.findings.size(), b.findings.size()) << i;
    for (std::size_t f = 0; f < a.findings.size(); ++f) {
      EXPECT_EQ(a.findings[f].ids, b.findings[f].ids) << i;
      EXPECT_EQ(a.findings[f].verdict, b.findings[f].verdict) << i;
      EXPECT_EQ(a.findings[f].nearest_fix, b.findings[f].nearest_fix) << i;
    }
    affected += a.state == ComponentState::affected ? 1 : 0;
  }
  EXPECT_GT(affected, 1000u);
  EXPECT_LT(affected, whole.size());
}

TEST(Matcher, AffectedComponentsCarryAShortestDependencyPath) {
  AdvisoryIndex index;
  add_advisory(index, "TEST-2", "npm", "leaf", "SEMVER", {{OsvEvent::Kind::introduced, "0"}});
  index.finish();

  auto component = [](std::string ref, std::string purl) {
    Component c;
    c.ref = std::move(ref);
    c.name = c.ref;
    c.purl_text = std::move(purl);
    c.purl = *parse_purl(c.purl_text);
    return c;
  };
  Sbom sbom;
  sbom.primary_component = component("app", "pkg:npm/app@1.0.0");
  sbom.components = {component("a", "pkg:npm/a@1.0.0"), component("b", "pkg:npm/b@1.0.0"),
                     component("leaf", "pkg:npm/leaf@1.0.0")};
  // app -> a -> b -> leaf, and app -> b: the shortest path skips a.
  sbom.dependencies = {{"app", "a", DependencyKind::depends_on},
                       {"a", "b", DependencyKind::depends_on},
                       {"b", "leaf", DependencyKind::depends_on},
                       {"app", "b", DependencyKind::depends_on}};
  const auto results = match_components(sbom, index);
  ASSERT_EQ(results[2].state, ComponentState::affected);
  EXPECT_EQ(results[2].path, (std::vector<std::string>{"pkg:npm/app@1.0.0", "pkg:npm/b@1.0.0",
                                                       "pkg:npm/leaf@1.0.0"}));
  EXPECT_TRUE(results[0].path.empty()) << "only affected components get a path";
}

TEST(Matcher, GoStandardLibraryVersionsAsSbomToolsWriteThem) {
  AdvisoryIndex index;
  add_advisory(index, "GO-0000-1", "Go", "stdlib", "SEMVER",
               {{OsvEvent::Kind::introduced, "0"}, {OsvEvent::Kind::fixed, "1.21.5"}});
  index.finish();
  Sbom sbom;
  for (const char* purl : {"pkg:golang/stdlib@go1.21.0", "pkg:golang/stdlib@go1.21.5"}) {
    sbom.components.push_back(purl_component(purl));
  }
  const auto results = match_components(sbom, index);
  EXPECT_EQ(results[0].state, ComponentState::affected);
  EXPECT_EQ(results[0].version, "1.21.0");
  EXPECT_EQ(results[1].state, ComponentState::clean);
}

// Alpine lists advisories under source packages: scanelf is built from pax-utils. Trivy says so
// in a property, not in the purl, and the component is looked up under pax-utils.
TEST(Matcher, DistributionPackagesAreLookedUpByTheSourcePackageTheSbomStates) {
  AdvisoryIndex index;
  add_advisory(index, "ALPINE-TEST-1", "Alpine:v3.15", "pax-utils", "ECOSYSTEM",
               {{OsvEvent::Kind::introduced, "0"}, {OsvEvent::Kind::fixed, "1.3.4-r0"}});
  index.finish();
  auto sbom_stating = [](const std::string& properties) {
    const std::string doc = R"({"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
      {"type": "library", "name": "scanelf", "version": "1.3.3-r0",
       "purl": "pkg:apk/alpine/scanelf@1.3.3-r0?distro=3.15.0", "properties": [)" +
                            properties + "]}]}";
    SbomParseResult parsed = parse_sbom(doc, "trivy.cdx.json");
    EXPECT_TRUE(parsed.accepted());
    return std::move(*parsed.sbom);
  };
  const Sbom trivy =
      sbom_stating(R"({"name": "aquasecurity:trivy:SrcName", "value": "pax-utils"})");
  const auto results = match_components(trivy, index);
  ASSERT_EQ(results.size(), 1U);
  EXPECT_EQ(results[0].state, ComponentState::affected);
  EXPECT_TRUE(finds(results[0], "ALPINE-TEST-1", "affected"));

  // Without it, scanelf is a package of its own, which no advisory names.
  const Sbom silent =
      sbom_stating(R"({"name": "aquasecurity:trivy:SrcVersion", "value": "1.3.3-r0"})");
  EXPECT_EQ(match_components(silent, index)[0].state, ComponentState::clean);
}

// AlmaLinux gives openssl's fixed version with its epoch, 1:1.1.1k-8.el8_6; Syft's purl keeps
// the epoch in a qualifier. A patched openssl is clean, an older one affected.
TEST(Matcher, RpmEpochsFromThePurlQualifierCount) {
  AdvisoryIndex index;
  add_advisory(index, "ALSA-TEST-1", "AlmaLinux:8", "openssl", "ECOSYSTEM",
               {{OsvEvent::Kind::introduced, "0"}, {OsvEvent::Kind::fixed, "1:1.1.1k-8.el8_6"}});
  index.finish();
  Sbom sbom;
  for (const char* version : {"1.1.1k-9.el8_6", "1.1.1k-7.el8_6"}) {
    sbom.components.push_back(purl_component(std::string("pkg:rpm/almalinux/openssl@") + version +
                                             "?distro=almalinux-8.6&epoch=1"));
  }
  const auto results = match_components(sbom, index);
  EXPECT_EQ(results[0].state, ComponentState::clean) << "0:1.1.1k-9 would sort before the fix";
  EXPECT_EQ(results[0].version, "1:1.1.1k-9.el8_6");
  EXPECT_EQ(results[1].state, ComponentState::affected);
  EXPECT_TRUE(finds(results[1], "ALSA-TEST-1", "affected"));
}

}  // namespace
}  // namespace cradle
