// affected_products(): a vulnerability, named by any of its ids, against the stored portfolio,
// on both engines. The real-data differential (every finding of a scan is found by `affected`,
// and nothing else) is in stored_advisories_test.cpp.
#include "analysis/affected_products.h"

#include <gtest/gtest.h>

#include <string>

#include "formats/osv/osv_record.h"
#include "formats/sbom_parser.h"
#include "formats/vex/vex_document.h"
#include "app/sbom_ingest.h"
#include "store/scratch_store.h"

namespace cradle {
namespace {

std::string osv(const std::string& id, const std::string& aliases, const std::string& package,
                const std::string& introduced, const std::string& fixed) {
  return R"({"id": ")" + id + R"(", "modified": "2026-01-01T00:00:00Z", "aliases": [)" + aliases +
         R"(], "affected": [{"package": {"ecosystem": "PyPI", "name": ")" + package +
         R"("}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": ")" + introduced +
         R"("}, {"fixed": ")" + fixed + R"("}]}]}]})";
}

// app@version depending on `lib` (a PyPI purl), which depends on `deep` when given.
std::string sbom(const std::string& app, const std::string& version, const std::string& lib,
                 const std::string& deep = "") {
  std::string components =
      R"({"type": "library", "bom-ref": "lib", "name": "lib", "purl": ")" + lib + R"("})";
  std::string dependencies =
      R"({"ref": "app", "dependsOn": ["lib"]}, {"ref": "lib", "dependsOn": [)" +
      std::string(deep.empty() ? "" : R"("deep")") + "]}";
  if (!deep.empty()) {
    components +=
        R"(, {"type": "library", "bom-ref": "deep", "name": "deep", "purl": ")" + deep + R"("})";
  }
  return R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "metadata": {"component": {"bom-ref": "app", "type": "application", "name": ")" +
         app + R"(", "version": ")" + version + R"("}}, "components": [)" + components +
         R"(], "dependencies": [)" + dependencies + "]}";
}

class AffectedProductsTest : public testing::EngineTest {
 protected:
  void advisory(const std::string& bytes) {
    AdvisoryParseResult parsed = parse_osv(bytes, "test.json");
    ASSERT_TRUE(parsed.accepted());
    auto done = in_transaction(*store_, [&]() -> std::expected<void, Error> {
      auto document = store_->put_document(parsed.advisory->evidence, bytes);
      if (!document) return std::unexpected(document.error());
      return store_->put_advisory(*parsed.advisory, *document);
    });
    ASSERT_TRUE(done) << done.error().message;
  }
  void product(const std::string& bytes) {
    SbomParseResult parsed = parse_sbom(bytes, "test.cdx.json");
    ASSERT_TRUE(parsed.sbom);
    auto done = ingest_sbom(*store_, *parsed.sbom, bytes, {});
    ASSERT_TRUE(done) << done.error().message;
  }
  void vex(const std::string& bytes) {
    VexParseResult parsed = parse_vex(bytes, "test.openvex.json");
    ASSERT_TRUE(parsed.accepted());
    auto done = in_transaction(*store_, [&]() -> std::expected<bool, Error> {
      auto document = store_->put_document(EvidenceRef{"test.openvex.json", "", "OpenVEX", "", ""}, bytes);
      if (!document) return std::unexpected(document.error());
      return store_->put_vex_document(*document, parsed.statements);
    });
    ASSERT_TRUE(done) << done.error().message;
  }
  VulnerabilityImpact affected(const std::string& id) {
    auto impact = affected_products(*store_, id);
    EXPECT_TRUE(impact) << impact.error().message;
    return impact ? *impact : VulnerabilityImpact{};
  }
};

INSTANTIATE_TEST_SUITE_P(Engines, AffectedProductsTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(AffectedProductsTest, AnyIdOfTheVulnerabilityFindsTheAffectedProductVersions) {
  // Two records of one vulnerability (both name the CVE), another vulnerability on the same
  // package.
  advisory(osv("PYSEC-1", R"("CVE-2026-1")", "Urllib3", "1.0", "1.26.18"));
  advisory(osv("GHSA-aaaa-bbbb-cccc", R"("CVE-2026-1")", "urllib3", "2.0.0", "2.0.7"));
  advisory(osv("PYSEC-2", "", "urllib3", "0", "1.0"));
  product(sbom("portal", "1.0", "pkg:pypi/requests@2.28.1",
               "pkg:pypi/urllib3@1.26.12"));                   // affected, via requests
  product(sbom("portal", "1.1", "pkg:pypi/urllib3@1.26.18"));  // fixed
  product(sbom("agent", "3", "pkg:pypi/urllib3@2.0.4"));       // the GHSA range
  product(sbom("tool", "1", "pkg:pypi/urllib3@2.0.4"));
  product(sbom("tool", "1", "pkg:pypi/urllib3@2.0.7"));  // a newer SBOM of tool@1: fixed

  for (const std::string query : {"CVE-2026-1", "PYSEC-1", "GHSA-aaaa-bbbb-cccc"}) {
    const VulnerabilityImpact impact = affected(query);
    EXPECT_EQ(impact.load.records, (std::vector<std::string>{"GHSA-aaaa-bbbb-cccc", "PYSEC-1"}))
        << query;
    EXPECT_EQ(impact.load.ids,
              (std::vector<std::string>{"CVE-2026-1", "GHSA-aaaa-bbbb-cccc", "PYSEC-1"}));
    EXPECT_EQ(impact.components_checked, 4u);  // urllib3 in agent@3, portal@1.0, portal@1.1, tool@1
    ASSERT_EQ(impact.product_versions.size(), 2u) << query;
    const AffectedProductVersion& agent = impact.product_versions[0];
    EXPECT_EQ(agent.product + "@" + agent.version, "agent@3");
    ASSERT_EQ(agent.components.size(), 1u);
    EXPECT_EQ(agent.components[0].finding.verdict, Verdict::affected);
    EXPECT_EQ(agent.components[0].finding.nearest_fix, "2.0.7");
    const AffectedProductVersion& portal = impact.product_versions[1];
    EXPECT_EQ(portal.product + "@" + portal.version, "portal@1.0");
    ASSERT_EQ(portal.components.size(), 1u);
    const AffectedComponent& hit = portal.components[0];
    EXPECT_EQ(hit.component.purl, "pkg:pypi/urllib3@1.26.12");
    EXPECT_EQ(hit.finding.nearest_fix, "1.26.18");
    ASSERT_EQ(hit.path.size(), 3u);
    EXPECT_EQ(component_label(hit.path[0]), "portal@1.0");
    EXPECT_EQ(component_label(hit.path[1]), "pkg:pypi/requests@2.28.1");
    EXPECT_EQ(component_label(hit.path[2]), "pkg:pypi/urllib3@1.26.12");
    EXPECT_FALSE(portal.sbom_sha256.empty());
  }
  // The other vulnerability of the package touches nothing here.
  const VulnerabilityImpact other = affected("PYSEC-2");
  EXPECT_EQ(other.load.records, (std::vector<std::string>{"PYSEC-2"}));
  EXPECT_TRUE(other.product_versions.empty());
  // An id the store does not know.
  const VulnerabilityImpact unknown = affected("CVE-1999-0001");
  EXPECT_TRUE(unknown.load.records.empty());
  EXPECT_TRUE(unknown.load.ids.empty());
  EXPECT_TRUE(unknown.product_versions.empty());
}

TEST_P(AffectedProductsTest, VersionsThatCannotBeJudgedAreReportedAsUnknown) {
  advisory(osv("PYSEC-3", "", "flask", "0", "2.2.5"));
  product(sbom("portal", "2.0", "pkg:pypi/flask@not-a-version"));
  const VulnerabilityImpact impact = affected("PYSEC-3");
  ASSERT_EQ(impact.product_versions.size(), 1u);
  ASSERT_EQ(impact.product_versions[0].components.size(), 1u);
  EXPECT_EQ(impact.product_versions[0].components[0].finding.verdict, Verdict::unknown);
}

// An OpenVEX document of one statement.
std::string openvex(const std::string& author, const std::string& timestamp,
                    const std::string& vulnerability, const std::string& product,
                    const std::string& status, const std::string& extra = "") {
  return R"({"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.invalid/)" +
         author + timestamp + R"(", "author": ")" + author + R"(", "timestamp": ")" + timestamp +
         R"(", "version": 1, "statements": [{"vulnerability": {"name": ")" + vulnerability +
         R"("}, "products": [{"@id": ")" + product + R"("}], "status": ")" + status + R"(")" +
         extra + "}]}";
}

TEST_P(AffectedProductsTest, StoredVexStatementsApplyAsInAScan) {
  advisory(osv("PYSEC-1", R"("CVE-2026-1")", "urllib3", "1.0", "1.26.18"));
  product(sbom("portal", "1.0", "pkg:pypi/requests@2.28.1", "pkg:pypi/urllib3@1.26.12"));
  product(sbom("agent", "3", "pkg:pypi/urllib3@1.26.5"));
  // gateway's primary component has a purl: a statement on it speaks for the whole product.
  product(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "serialNumber": "urn:uuid:6f7c3a1e-0d2b-4c5e-9f80-1a2b3c4d5e6f", "version": 1, "metadata": {"component": {"bom-ref": "gw", "type": "application", "name": "gateway", "version": "5", "purl": "pkg:generic/acme/gateway@5"}}, "components": [{"type": "library", "bom-ref": "u", "name": "urllib3", "purl": "pkg:pypi/urllib3@1.26.0"}], "dependencies": [{"ref": "gw", "dependsOn": ["u"]}]})");
  // Without VEX, all three are affected.
  VulnerabilityImpact impact = affected("CVE-2026-1");
  ASSERT_EQ(impact.product_versions.size(), 3u);
  for (const AffectedProductVersion& version : impact.product_versions) {
    ASSERT_EQ(version.components.size(), 1u);
    EXPECT_FALSE(version.components[0].finding.vex) << version.product;
  }

  // The component in portal is not affected (by its purl and version); an older statement of
  // another author disagrees. The gateway's supplier says its product is under investigation
  // (for the alias). A statement on another vulnerability changes nothing.
  vex(openvex("Portal team", "2026-05-01T00:00:00Z", "CVE-2026-1", "pkg:pypi/urllib3@1.26.12",
              "not_affected", R"(, "justification": "vulnerable_code_not_in_execute_path")"));
  vex(openvex("Scanner bot", "2026-04-01T00:00:00Z", "CVE-2026-1", "pkg:pypi/urllib3@1.26.12",
              "affected", R"(, "action_statement": "Upgrade urllib3.")"));
  vex(openvex("Gateway team", "2026-05-02T00:00:00Z", "PYSEC-1", "pkg:generic/acme/gateway@5",
              "under_investigation"));
  vex(openvex("Agent team", "2026-05-03T00:00:00Z", "CVE-2026-2", "pkg:pypi/urllib3@1.26.5",
              "not_affected", R"(, "justification": "component_not_present")"));
  impact = affected("PYSEC-1");
  ASSERT_EQ(impact.product_versions.size(), 3u);
  const AffectedProductVersion& agent = impact.product_versions[0];
  const AffectedProductVersion& gateway = impact.product_versions[1];
  const AffectedProductVersion& portal = impact.product_versions[2];
  EXPECT_EQ(agent.product + " " + gateway.product + " " + portal.product, "agent gateway portal");
  EXPECT_FALSE(agent.components[0].finding.vex);
  EXPECT_FALSE(agent.components[0].finding.suppressed);
  ASSERT_TRUE(gateway.components[0].finding.vex);
  EXPECT_EQ(gateway.components[0].finding.vex->status, VexStatus::under_investigation);
  EXPECT_EQ(gateway.components[0].finding.vex->author, "Gateway team");
  EXPECT_FALSE(gateway.components[0].finding.suppressed);
  const Finding& suppressed = portal.components[0].finding;
  ASSERT_TRUE(suppressed.vex);
  EXPECT_EQ(suppressed.vex->status, VexStatus::not_affected);
  EXPECT_EQ(suppressed.vex->author, "Portal team");
  EXPECT_EQ(suppressed.vex->evidence.source, "test.openvex.json");
  EXPECT_FALSE(suppressed.vex->evidence.sha256.empty());
  EXPECT_TRUE(suppressed.suppressed);
  ASSERT_EQ(impact.vex_conflicts.size(), 1u);
  EXPECT_NE(impact.vex_conflicts[0].find("Scanner bot"), std::string::npos) << impact.vex_conflicts[0];
}

}  // namespace
}  // namespace cradle
