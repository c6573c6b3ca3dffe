// The portfolio in the store, the same suite on both engines: products and their context, SBOMs
// attached to product versions (each document once), their graphs read back as written, the
// current SBOM of each version, shortest paths along the stored parent links.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/sbom_conformance.h"
#include "formats/sbom_parser.h"
#include "model/sbom_graph.h"
#include "app/sbom_ingest.h"
#include "store/scratch_store.h"

namespace cradle {
namespace {

struct Part {
  std::string ref;
  std::string purl;
  std::vector<std::string> depends_on;
};

// A CycloneDX 1.6 SBOM of app@version whose primary component depends on `direct`.
std::string cyclonedx(const std::string& app, const std::string& version,
                      const std::vector<Part>& parts, const std::vector<std::string>& direct) {
  auto list = [](const std::vector<std::string>& refs) {
    std::string out;
    for (const std::string& ref : refs) out += (out.empty() ? "\"" : ", \"") + ref + "\"";
    return out;
  };
  std::string components;
  std::string dependencies = "{\"ref\": \"app\", \"dependsOn\": [" + list(direct) + "]}";
  for (const Part& part : parts) {
    const std::string name =
        part.purl.substr(part.purl.rfind('/') + 1, part.purl.find('@') - part.purl.rfind('/') - 1);
    const std::string part_version = part.purl.substr(part.purl.find('@') + 1);
    components += (components.empty() ? "" : ", ") +
                  std::string("{\"type\": \"library\", \"bom-ref\": \"") + part.ref +
                  "\", \"name\": \"" + name + "\", \"version\": \"" + part_version +
                  "\", \"purl\": \"" + part.purl + "\"}";
    dependencies +=
        ", {\"ref\": \"" + part.ref + "\", \"dependsOn\": [" + list(part.depends_on) + "]}";
  }
  return "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"version\": 1, \"metadata\": "
         "{\"timestamp\": "
         "\"2026-11-01T00:00:00Z\", \"component\": {\"type\": \"application\", \"bom-ref\": "
         "\"app\", \"name\": \"" +
         app + "\", \"version\": \"" + version + "\"}}, \"components\": [" + components +
         "], \"dependencies\": [" + dependencies + "]}";
}

Sbom parse(const std::string& bytes) {
  SbomParseResult parsed = parse_sbom(bytes, "test.cdx.json");
  EXPECT_TRUE(parsed.sbom) << (parsed.diagnostics.empty() ? ""
                                                          : parsed.diagnostics.front().message);
  Sbom sbom = parsed.sbom ? std::move(*parsed.sbom) : Sbom{};
  sbom.evidence.source = "test.cdx.json";
  return sbom;
}

const std::vector<Part> kParts{
    {"requests", "pkg:pypi/requests@2.28.1", {"urllib3", "idna"}},
    {"urllib3", "pkg:pypi/urllib3@1.26.12", {}},
    {"idna", "pkg:pypi/idna@3.4", {}},
    {"flask", "pkg:pypi/flask@2.2.2", {"werkzeug"}},
    {"werkzeug", "pkg:pypi/werkzeug@2.2.3", {"urllib3"}},
};

class PortfolioTest : public testing::EngineTest {
 protected:
  SbomIngest ingest(const std::string& bytes, const ProductVersion& target = {}) {
    Sbom sbom = parse(bytes);
    auto done = ingest_sbom(*store_, sbom, bytes, target);
    EXPECT_TRUE(done) << done.error().message;
    return done ? *done : SbomIngest{};
  }
};

INSTANTIATE_TEST_SUITE_P(Engines, PortfolioTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(PortfolioTest, ProductsKeepTheirContextAndUpdateOnlyWhatIsGiven) {
  ASSERT_TRUE(store_->put_product(
      Product{"portal", {"customer portal", "network-facing", "important-class-i"}, {}}));
  ASSERT_TRUE(store_->put_product(Product{"agent", {}, {}}));
  auto again = store_->put_product(Product{"portal", {"", "", "critical"}, {}});
  ASSERT_TRUE(again);
  auto portal = store_->product("portal");
  ASSERT_TRUE(portal && *portal);
  EXPECT_EQ((*portal)->id, *again);
  EXPECT_EQ((*portal)->product.context,
            (ProductContext{"customer portal", "network-facing", "critical"}));
  EXPECT_FALSE((*portal)->product.created_at.empty());
  auto all = store_->products();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].product.name, "agent");
  EXPECT_EQ((*all)[1].product.name, "portal");
  auto absent = store_->product("nothing");
  ASSERT_TRUE(absent);
  EXPECT_FALSE(*absent);
}

TEST_P(PortfolioTest, AnSbomIsAttachedOncePerVersionAndItsGraphReadsBackAsWritten) {
  const std::string bytes = cyclonedx("webapp", "1.0", kParts, {"requests", "flask"});
  const SbomIngest first = ingest(bytes);
  EXPECT_EQ(first.product, "webapp");
  EXPECT_EQ(first.version, "1.0");
  EXPECT_TRUE(first.added);
  EXPECT_EQ(first.components, 5u);
  EXPECT_EQ(first.dependencies, 6u);
  const SbomIngest again = ingest(bytes);
  EXPECT_FALSE(again.added);
  EXPECT_EQ(again.sbom_id, first.sbom_id);
  // The same document for another version is another SBOM row, over the one stored document.
  const SbomIngest other = ingest(bytes, ProductVersion{"webapp", "1.0-hotfix"});
  EXPECT_TRUE(other.added);
  EXPECT_EQ(scratch_->query("SELECT count(*) FROM documents"), "1");
  EXPECT_EQ(scratch_->query("SELECT count(*) FROM sboms"), "2");

  auto graph = store_->sbom_graph(first.sbom_id);
  ASSERT_TRUE(graph) << graph.error().message;
  const SbomGraphRecord expected = sbom_graph_record(parse(bytes));
  ASSERT_EQ(graph->components.size(), 6u);
  ASSERT_EQ(graph->components.size(), expected.components.size());
  for (std::size_t i = 0; i < expected.components.size(); ++i) {
    const ComponentRecord& a = graph->components[i];
    const ComponentRecord& b = expected.components[i];
    EXPECT_EQ(std::tie(a.node, a.parent, a.depth, a.primary, a.ref, a.name, a.version, a.purl,
                       a.ecosystem, a.package_key),
              std::tie(b.node, b.parent, b.depth, b.primary, b.ref, b.name, b.version, b.purl,
                       b.ecosystem, b.package_key))
        << "node " << i;
  }
  EXPECT_EQ(graph->edges, expected.edges);
  EXPECT_TRUE(graph->components[0].primary);
  EXPECT_EQ(graph->components[0].parent, -1);
  // urllib3 is two edges away through requests (the shorter way), not three through flask.
  EXPECT_EQ(graph->components[2].purl, "pkg:pypi/urllib3@1.26.12");
  EXPECT_EQ(graph->components[2].depth, 2);
  EXPECT_EQ(graph->components[2].parent, 1);
  EXPECT_EQ(graph->components[2].ecosystem, "PyPI");
  EXPECT_EQ(graph->components[2].package_key, "urllib3");
}

// Ingest records each profile's verdict and counts, as `sbom check` finds them; reading the
// SBOM back, by product or by id, gives them back (profiles in name order).
TEST_P(PortfolioTest, IngestRecordsTheConformanceOfEachProfile) {
  const std::string bytes = cyclonedx("webapp", "1.0", kParts, {"requests", "flask"});
  const SbomIngest stored = ingest(bytes);
  const Sbom sbom = parse(bytes);
  auto history = store_->product_sboms("webapp");
  ASSERT_TRUE(history) << history.error().message;
  ASSERT_EQ(history->size(), 1u);
  const std::vector<SbomConformance>& conformance = (*history)[0].conformance;
  ASSERT_EQ(conformance.size(), 4u);
  const std::vector<std::string> profiles{"bsi-2.0", "bsi-2.1", "cra", "ntia"};
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    const SbomConformance& c = conformance[i];
    ASSERT_EQ(c.profile, profiles[i]);
    const ConformanceTally tally = tally_sbom(sbom, *parse_sbom_profile(c.profile));
    EXPECT_EQ(c.verdict, tally.verdict()) << c.profile;
    EXPECT_EQ(c.met, tally.count(RequirementStatus::met)) << c.profile;
    EXPECT_EQ(c.not_met, tally.count(RequirementStatus::not_met)) << c.profile;
    EXPECT_EQ(c.cannot_tell, tally.count(RequirementStatus::cannot_tell)) << c.profile;
    EXPECT_EQ(c.not_applicable, tally.count(RequirementStatus::not_applicable)) << c.profile;
  }
  EXPECT_EQ(conformance[1].verdict, "nonconformant") << "no creator e-mail, SHA-512, ...";
  EXPECT_GT(conformance[1].not_met, 0u);
  // The tally is the check's, without its results.
  const ProfileCheck check = check_sbom(sbom, SbomProfile::bsi_2_1);
  EXPECT_EQ(conformance[1].met, check.count(RequirementStatus::met));
  EXPECT_EQ(conformance[1].not_met, check.count(RequirementStatus::not_met));
  auto one = store_->sbom(stored.sbom_id);
  ASSERT_TRUE(one && *one);
  EXPECT_EQ((*one)->conformance, conformance);
}

TEST_P(PortfolioTest, HistoryKeepsEverySbomAndOnlyTheLastOfAVersionIsCurrent) {
  std::vector<Part> older = kParts;
  older[1].purl = "pkg:pypi/urllib3@1.26.5";
  ingest(cyclonedx("webapp", "1.0", older, {"requests", "flask"}));
  const SbomIngest rebuilt = ingest(cyclonedx("webapp", "1.0", kParts, {"requests", "flask"}));
  const SbomIngest next = ingest(cyclonedx("webapp", "1.1", kParts, {"requests"}));
  ingest(cyclonedx("agent", "7", {{"urllib3", "pkg:pypi/urllib3@2.0.0", {}}}, {"urllib3"}));

  auto history = store_->product_sboms("webapp");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].product_version, "1.0");
  EXPECT_EQ((*history)[1].product_version, "1.0");
  EXPECT_EQ((*history)[2].product_version, "1.1");
  EXPECT_EQ((*history)[0].evidence.kind, "CycloneDX 1.6 JSON");
  EXPECT_EQ((*history)[0].evidence.produced_at, "2026-11-01T00:00:00Z");
  EXPECT_EQ((*history)[0].components, 5u);

  const std::vector<OsvPackage> packages{{"PyPI", "URLLIB3"}, {"PyPI", "absent"}};
  auto found = store_->current_components_for(packages);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_EQ(found->size(), 3u);
  EXPECT_EQ((*found)[0].product, "agent");
  EXPECT_EQ((*found)[0].component.purl, "pkg:pypi/urllib3@2.0.0");
  EXPECT_EQ((*found)[1].product, "webapp");
  EXPECT_EQ((*found)[1].product_version, "1.0");
  EXPECT_EQ((*found)[1].sbom_id, rebuilt.sbom_id);  // the replaced 1.26.5 SBOM is history only
  EXPECT_EQ((*found)[1].component.purl, "pkg:pypi/urllib3@1.26.12");
  EXPECT_EQ((*found)[1].sbom_sha256, (*history)[1].evidence.sha256);
  EXPECT_EQ((*found)[2].product_version, "1.1");
  EXPECT_EQ((*found)[2].sbom_id, next.sbom_id);
}

TEST_P(PortfolioTest, ShortestPathsWalkTheStoredParentLinks) {
  const SbomIngest sbom = ingest(cyclonedx("webapp", "1.0", kParts, {"requests", "flask"}));
  const std::vector<std::pair<std::int64_t, std::int64_t>> starts{
      {sbom.sbom_id, 5}, {sbom.sbom_id, 0}, {sbom.sbom_id, 3}, {sbom.sbom_id + 99, 1}};
  auto paths = store_->shortest_paths(starts);
  ASSERT_TRUE(paths) << paths.error().message;
  ASSERT_EQ(paths->size(), 4u);
  auto purls = [](const std::vector<ComponentRecord>& path) {
    std::vector<std::string> out;
    for (const ComponentRecord& node : path) out.push_back(component_label(node));
    return out;
  };
  EXPECT_EQ(purls((*paths)[0]), (std::vector<std::string>{"webapp@1.0", "pkg:pypi/flask@2.2.2",
                                                          "pkg:pypi/werkzeug@2.2.3"}));
  EXPECT_EQ(purls((*paths)[1]), (std::vector<std::string>{"webapp@1.0"}));
  EXPECT_EQ(purls((*paths)[2]), (std::vector<std::string>{"webapp@1.0", "pkg:pypi/requests@2.28.1",
                                                          "pkg:pypi/idna@3.4"}));
  EXPECT_TRUE((*paths)[3].empty());  // no such SBOM
}

TEST_P(PortfolioTest, AnSbomThatNamesNoProductNeedsOne) {
  const std::string bytes =
      R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [{"type": "library", "name": "x", "version": "1", "purl": "pkg:npm/x@1"}]})";
  Sbom sbom = parse(bytes);
  auto refused = ingest_sbom(*store_, sbom, bytes, {});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("--product NAME@VERSION"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(scratch_->query("SELECT count(*) FROM documents"), "0");
  auto named = ingest_sbom(*store_, sbom, bytes, ProductVersion{"tool", "3"});
  ASSERT_TRUE(named) << named.error().message;
  EXPECT_EQ(named->product, "tool");
  // A name alone takes nothing from an SBOM that has no version to give.
  EXPECT_FALSE(ingest_sbom(*store_, sbom, bytes, ProductVersion{"tool", ""}));
}

// Trivy states scanelf's source package in a property, not in the purl: it is stored, and the
// stored component's lookup key (what stored advisories are joined on) is that source package.
TEST_P(PortfolioTest, TheSourcePackageAnSbomStatesIsStoredAndLookedUp) {
  const std::string bytes = R"({"bomFormat": "CycloneDX", "specVersion": "1.5",
    "metadata": {"component": {"bom-ref": "img", "type": "container", "name": "alpine",
                               "version": "3.15"}},
    "components": [{"bom-ref": "scanelf", "type": "library", "name": "scanelf",
      "version": "1.3.3-r0", "purl": "pkg:apk/alpine/scanelf@1.3.3-r0?distro=3.15.0",
      "properties": [{"name": "aquasecurity:trivy:SrcName", "value": "pax-utils"}]}]})";
  const SbomIngest ingested = ingest(bytes);
  auto graph = store_->sbom_graph(ingested.sbom_id);
  ASSERT_TRUE(graph) << graph.error().message;
  ASSERT_EQ(graph->components.size(), 2u);
  const ComponentRecord& scanelf = graph->components[1];
  EXPECT_EQ(scanelf.name, "scanelf");
  EXPECT_EQ(scanelf.source_name, "pax-utils");
  EXPECT_EQ(scanelf.ecosystem, "Alpine:v3.15");
  EXPECT_EQ(scanelf.package_key, "pax-utils");
}

TEST(ProductVersion, SplitsAtTheLastAt) {
  EXPECT_EQ(parse_product_version("webapp@1.2").name, "webapp");
  EXPECT_EQ(parse_product_version("webapp@1.2").version, "1.2");
  EXPECT_EQ(parse_product_version("@acme/app@2.0").name, "@acme/app");
  EXPECT_EQ(parse_product_version("@acme/app").name, "@acme/app");
  EXPECT_EQ(parse_product_version("@acme/app").version, "");
  EXPECT_EQ(parse_product_version("plain").version, "");
}

}  // namespace
}  // namespace cradle
