// Continuous re-evaluation on both engines: an SBOM evaluated as it is ingested, then advisories
// and VEX arriving re-evaluate only the product versions they touch, and each change is one
// event: a finding new, resolved, or with its status changed.
#include "app/reevaluation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "formats/sbom_parser.h"
#include "formats/vex/vex_document.h"
#include "model/date_time.h"
#include "shared_data.h"
#include "app/advisory_update.h"
#include "app/jobs.h"
#include "app/sbom_ingest.h"
#include "store/scratch_store.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

std::string osv(const std::string& id, const std::string& modified, const std::string& package,
                const std::string& fixed) {
  return R"({"id": ")" + id + R"(", "modified": ")" + modified + R"(", "aliases": ["CVE-)" + id +
         R"("], "affected": [{"package": {"ecosystem": "PyPI", "name": ")" + package +
         R"("}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": ")" +
         fixed + R"("}]}]}]})";
}

std::string sbom(const std::string& app, const std::string& version, const std::string& purl) {
  return R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "metadata": {"component": {"bom-ref": "app", "type": "application", "name": ")" +
         app + R"(", "version": ")" + version + R"(", "purl": "pkg:pypi/)" + app + "@" + version +
         R"("}}, "components": [{"type": "library", "bom-ref": "lib", "name": "lib", "purl": ")" +
         purl + R"("}], "dependencies": [{"ref": "app", "dependsOn": ["lib"]}]})";
}

class ReevaluationTest : public testing::EngineTest {
 protected:
  // Ingests an SBOM as `cradle ingest` does: attached and evaluated in one transaction.
  Reevaluation ingest(const std::string& bytes) {
    SbomParseResult parsed = parse_sbom(bytes, "test.cdx.json");
    EXPECT_TRUE(parsed.sbom);
    Reevaluation evaluation;
    auto done = in_transaction(*store_, [&]() -> std::expected<SbomIngest, Error> {
      auto attached = attach_sbom(*store_, *parsed.sbom, bytes, {});
      if (!attached) return attached;
      const std::vector<std::int64_t> ids{attached->sbom_id};
      auto evaluated = reevaluate_in_transaction(*store_, ids, "sbom test");
      if (!evaluated) return std::unexpected(evaluated.error());
      evaluation = *evaluated;
      return attached;
    });
    EXPECT_TRUE(done) << done.error().message;
    return evaluation;
  }
  Reevaluation advisories(const std::string& name, const std::string& bytes) {
    const fs::path dir = fs::path(scratch_->directory().empty() ? fs::temp_directory_path()
                                                                : scratch_->directory()) /
                         ("osv-" + name + "-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / (name + ".json")) << bytes;
    AdvisoryUpdate update = update_advisories_from_path(*store_, dir.string(), {});
    EXPECT_FALSE(update.failed());
    auto reevaluated = reevaluate_pending(*store_);
    EXPECT_TRUE(reevaluated) << reevaluated.error().message;
    fs::remove_all(dir);
    return reevaluated ? *reevaluated : Reevaluation{};
  }
  static std::vector<std::string> describe_events(const Reevaluation& evaluation) {
    std::vector<std::string> out;
    for (const EventRecord& e : evaluation.events) {
      out.push_back(std::string(to_string(e.kind)) + " " + e.product + "@" + e.product_version + " " + e.purl + " " +
                    e.vulnerability + " " + e.status_before + "->" + e.status_after);
    }
    return out;
  }
};

INSTANTIATE_TEST_SUITE_P(Engines, ReevaluationTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

// Every time the store records and every evaluation stamps comes from the store's clock: with a
// fixed one, an ingest, its evaluation, its events and a job's claim all carry that time.
TEST_P(ReevaluationTest, WhatIsRecordedIsStampedByTheStoresClock) {
  const std::string at = "2030-01-02T03:04:05Z";
  store_->set_clock(Clock::fixed(*parse_rfc3339(at)));
  advisories("a", osv("PYSEC-1", "2026-01-01T00:00:00Z", "Flask", "2.2.5"));
  Reevaluation evaluated = ingest(sbom("portal", "1.0", "pkg:pypi/flask@2.2.2"));
  ASSERT_EQ(evaluated.events.size(), 1u);
  EXPECT_EQ(evaluated.events[0].at, at);
  auto sboms = store_->product_sboms("portal");
  ASSERT_TRUE(sboms && sboms->size() == 1u);
  EXPECT_EQ(sboms->front().ingested_at, at);
  EXPECT_EQ(sboms->front().evidence.ingested_at, at);
  EXPECT_EQ(sboms->front().evaluated_at, at);
  auto product = store_->product("portal");
  ASSERT_TRUE(product && *product);
  EXPECT_EQ((*product)->product.created_at, at);
  auto stored_events = store_->events("");
  ASSERT_TRUE(stored_events && stored_events->size() == 1u);
  EXPECT_EQ(stored_events->front().at, at);
  // A claim older than a lease is taken again: the cutoff is the same clock's.
  ASSERT_TRUE(store_->enqueue_job("advisory-update", "{}"));
  ASSERT_TRUE(store_->claim_job("w1", lease_cutoff(store_->clock(), 60)));
  store_->set_clock(Clock::fixed(*parse_rfc3339("2030-01-02T03:05:06Z")));
  auto again = store_->claim_job("w2", lease_cutoff(store_->clock(), 60));
  ASSERT_TRUE(again && *again);
  EXPECT_EQ((*again)->attempts, 2);
}

TEST_P(ReevaluationTest, EachChangeIsOneEventAndOnlyTouchedProductsAreEvaluated) {
  // No advisory yet: the ingest evaluates, finds nothing, and says it could not look.
  Reevaluation first = ingest(sbom("portal", "1.0", "pkg:pypi/flask@2.2.2"));
  EXPECT_EQ(first.product_versions, 1u);
  ASSERT_EQ(first.events.size(), 1u);
  EXPECT_EQ(first.events[0].kind, EventKind::not_covered);
  EXPECT_EQ(first.events[0].product + "@" + first.events[0].product_version, "portal@1.0");
  EXPECT_EQ(first.events[0].ecosystem, "PyPI");
  EXPECT_EQ(first.events[0].components, 1);
  EXPECT_NE(first.events[0].reason.find("no PyPI advisories"), std::string::npos)
      << first.events[0].reason;
  EXPECT_EQ(ingest(sbom("agent", "3", "pkg:pypi/requests@2.28.1")).events.size(), 1u);

  // An advisory for flask re-evaluates the portal only.
  Reevaluation added = advisories("a", osv("PYSEC-1", "2026-01-01T00:00:00Z", "Flask", "2.2.5"));
  EXPECT_EQ(added.product_versions, 1u);
  EXPECT_EQ(describe_events(added),
            (std::vector<std::string>{
                "new_finding portal@1.0 pkg:pypi/flask@2.2.2 CVE-PYSEC-1 ->affected"}));
  EXPECT_EQ(added.events[0].cause.substr(0, 11), "advisories ");
  auto history = store_->product_sboms("portal");
  ASSERT_TRUE(history);
  auto kept = store_->findings(history->back().id);
  ASSERT_TRUE(kept);
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_EQ((*kept)[0].ids, (std::vector<std::string>{"CVE-PYSEC-1", "PYSEC-1"}));
  EXPECT_EQ((*kept)[0].nearest_fix, "2.2.5");

  // The same record again changes nothing and evaluates nothing.
  EXPECT_EQ(
      advisories("a", osv("PYSEC-1", "2026-01-01T00:00:00Z", "Flask", "2.2.5")).product_versions,
      0u);

  // A newer version of the record that says 2.2.2 was never affected resolves the finding.
  Reevaluation corrected =
      advisories("a", osv("PYSEC-1", "2026-02-01T00:00:00Z", "flask", "2.0.0"));
  EXPECT_EQ(describe_events(corrected),
            (std::vector<std::string>{
                "resolved portal@1.0 pkg:pypi/flask@2.2.2 CVE-PYSEC-1 affected->"}));

  // A VEX statement on the requests finding changes its status.
  advisories("b", osv("PYSEC-2", "2026-01-01T00:00:00Z", "requests", "2.31.0"));
  const std::string vex =
      R"({"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.invalid/vex-1", "author": "Agent team", "timestamp": "2026-03-01T00:00:00Z", "version": 1, "statements": [{"vulnerability": {"name": "CVE-PYSEC-2"}, "products": [{"@id": "pkg:pypi/requests@2.28.1"}], "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]})";
  auto kept_vex = in_transaction(*store_, [&]() -> std::expected<bool, Error> {
    auto document = store_->put_document(EvidenceRef{"vex.json", "", "OpenVEX", "", ""}, vex);
    if (!document) return std::unexpected(document.error());
    const VexParseResult parsed = parse_vex(vex, "vex.json");
    EXPECT_EQ(parsed.statements.size(), 1u);
    return store_->put_vex_document(*document, parsed.statements);
  });
  ASSERT_TRUE(kept_vex && *kept_vex);
  const std::vector<std::string> ids{"CVE-PYSEC-2"};
  auto touched = sboms_touched(*store_, {}, ids);
  ASSERT_TRUE(touched);
  ASSERT_EQ(touched->size(), 1u);
  auto after_vex = reevaluate(*store_, *touched, "vex test");
  ASSERT_TRUE(after_vex) << after_vex.error().message;
  EXPECT_EQ(describe_events(*after_vex),
            (std::vector<std::string>{"status_changed agent@3 pkg:pypi/requests@2.28.1 CVE-PYSEC-2 "
                                      "affected->not_affected (suppressed)"}));

  // A new SBOM of agent@3 without requests: told against the previous SBOM of that version.
  Reevaluation rebuilt = ingest(sbom("agent", "3", "pkg:pypi/idna@3.4"));
  EXPECT_EQ(describe_events(rebuilt),
            (std::vector<std::string>{"resolved agent@3 pkg:pypi/requests@2.28.1 CVE-PYSEC-2 "
                                      "not_affected (suppressed)->"}));

  // Every event is kept, in order, the coverage gaps with their ecosystem and reason.
  auto events = store_->events("");
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 7u);
  EXPECT_EQ((*events)[0].kind, EventKind::not_covered);
  EXPECT_EQ((*events)[0].ecosystem, "PyPI");
  EXPECT_EQ((*events)[0].components, 1);
  EXPECT_EQ((*events)[0].reason, first.events[0].reason);
  EXPECT_EQ((*events)[1].kind, EventKind::not_covered);
  EXPECT_EQ((*events)[2].kind, EventKind::new_finding);
  EXPECT_EQ((*events)[2].ecosystem, "");
  EXPECT_EQ((*events)[6].kind, EventKind::resolved);
  EXPECT_LT((*events)[0].id, (*events)[6].id);
  auto later = store_->events("2999-01-01T00:00:00Z");
  ASSERT_TRUE(later);
  EXPECT_TRUE(later->empty());
}

}  // namespace
}  // namespace cradle
