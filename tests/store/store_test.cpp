// The store's contract, the same suite on both engines (a real SQLite file, a real PostgreSQL
// server): migrations, documents kept once by content hash, incremental advisories, withdrawn
// records hidden, alias lookups, fetch state, transactions.
#include "store/store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "formats/osv/advisory_snapshot.h"
#include "formats/osv/osv_record.h"
#include "store/schema.h"
#include "store/scratch_store.h"

namespace cradle {
namespace {

std::string record(std::string_view id, std::string_view modified, std::string_view package,
                   std::string_view extra = "") {
  return std::string(R"({"id": ")") + std::string(id) + R"(", "modified": ")" +
         std::string(modified) + R"(")" + std::string(extra) +
         R"(, "affected": [{"package": {"ecosystem": "PyPI", "name": ")" + std::string(package) +
         R"("}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]})";
}

Advisory parse(const std::string& bytes) {
  AdvisoryParseResult parsed = parse_osv(bytes, "test.json");
  EXPECT_TRUE(parsed.accepted());
  return *parsed.advisory;
}

class StoreTest : public testing::EngineTest {
 protected:
  // One-element lookups through the set-based interface.
  std::vector<StoredAdvisory> for_package(std::string ecosystem, std::string name) {
    const std::vector<OsvPackage> packages{OsvPackage{std::move(ecosystem), std::move(name)}};
    auto found = store_->advisories_for(packages);
    EXPECT_TRUE(found) << found.error().message;
    return found ? *found : std::vector<StoredAdvisory>{};
  }
  std::vector<std::string> naming(std::vector<std::string> ids) {
    auto found = store_->advisories_naming(ids);
    EXPECT_TRUE(found) << found.error().message;
    return found ? *found : std::vector<std::string>{};
  }
  std::vector<StoredAdvisory> by_id(std::vector<std::string> ids) {
    auto found = store_->advisories(ids);
    EXPECT_TRUE(found) << found.error().message;
    return found ? *found : std::vector<StoredAdvisory>{};
  }

  // Stores one record in its own transaction, as an ingest does.
  void put(const std::string& bytes) {
    Advisory advisory = parse(bytes);
    advisory.evidence.source = "test.json";
    auto done = in_transaction(*store_, [&]() -> std::expected<void, Error> {
      auto document = store_->put_document(advisory.evidence, bytes);
      if (!document) return std::unexpected(document.error());
      return store_->put_advisory(advisory, *document);
    });
    ASSERT_TRUE(done) << done.error().message;
  }

};

INSTANTIATE_TEST_SUITE_P(Engines, StoreTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(StoreTest, MigratesToTheNewestSchemaOnce) {
  EXPECT_EQ(*store_->schema_version(), schema_migrations().back().version);
  store_.reset();
  // Opening again applies nothing twice.
  auto again = open_store(scratch_->location(), OpenMode::read_write);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*(*again)->schema_version(), schema_migrations().back().version);
  auto reader = open_store(scratch_->location(), OpenMode::read_only);
  ASSERT_TRUE(reader) << reader.error().message;
}

// A store from before coverage was recorded (schema 10) counts its records per ecosystem when
// migrated, as of their newest ingest, so that its scans do not call every component not covered.
TEST_P(StoreTest, MigratingCountsTheRecordsStoredBeforeCoverage) {
  put(record("PYSEC-1", "2024-01-01T00:00:00Z", "a"));
  put(record("PYSEC-2", "2024-03-01T00:00:00Z", "b"));
  store_.reset();
  ASSERT_TRUE(scratch_->execute("DROP TABLE advisory_coverage"));
  ASSERT_TRUE(scratch_->execute("ALTER TABLE jobs DROP COLUMN outcome"));  // version 13
  ASSERT_TRUE(scratch_->execute("DROP TABLE pending_reevaluations"));      // version 14
  ASSERT_TRUE(scratch_->execute("ALTER TABLE decisions DROP COLUMN licence"));  // version 15
  ASSERT_TRUE(scratch_->execute("DROP TABLE sbom_conformance"));                 // version 16
  ASSERT_TRUE(scratch_->execute("DROP TABLE decision_log"));                     // version 17
  ASSERT_TRUE(scratch_->execute("DROP TABLE decision_log_origin"));
  ASSERT_TRUE(scratch_->execute("DELETE FROM schema_migrations WHERE version >= 11"));
  auto migrated = open_store(scratch_->location(), OpenMode::read_write);
  ASSERT_TRUE(migrated) << migrated.error().message;
  auto coverage = (*migrated)->advisory_coverage();
  ASSERT_TRUE(coverage) << coverage.error().message;
  ASSERT_EQ(coverage->loads().size(), 1u);
  const EcosystemLoad& pypi = coverage->loads().front();
  EXPECT_EQ(pypi.ecosystem, "PyPI");
  EXPECT_EQ(pypi.source, "records stored before coverage was recorded");
  EXPECT_EQ(pypi.records, 2u);
  EXPECT_EQ(pypi.newest_modified, "2024-03-01T00:00:00Z");
  EXPECT_FALSE(pypi.loaded_at.empty());
  EXPECT_EQ(pypi.unreadable, 0u);
}

// A store from before `not_covered` events (schema 11) keeps its events, deliveries and claims
// when migrated (SQLite rebuilds the three tables), and then stores coverage events.
TEST_P(StoreTest, MigratingToCoverageEventsKeepsEventsAndDeliveries) {
  const EventRecord event{0, "2026-12-01T00:00:00Z", EventKind::new_finding, "portal", "1.0", 1, "pkg:pypi/flask@2.2.2",
                          "CVE-2023-30861", {"CVE-2023-30861"}, "", "affected", "sbom abc"};
  ASSERT_TRUE(store_->add_events(std::vector<EventRecord>{event, event, event}));
  auto before = store_->events("");
  ASSERT_TRUE(before && before->size() == 3u);
  const std::string url = "http://127.0.0.1:9/hook";
  ASSERT_TRUE(store_->mark_delivered(url, (*before)[0].id, 2));
  ASSERT_TRUE(store_->claim_delivery(url, (*before)[1].id, "worker-a", ""));
  store_.reset();
  ASSERT_TRUE(scratch_->execute("DELETE FROM schema_migrations WHERE version = 12"));
  auto migrated = open_store(scratch_->location(), OpenMode::read_write);
  ASSERT_TRUE(migrated) << migrated.error().message;
  Store& store = **migrated;
  auto after = store.events("");
  ASSERT_TRUE(after) << after.error().message;
  ASSERT_EQ(after->size(), 3u);
  EXPECT_EQ((*after)[2].id, (*before)[2].id);
  EXPECT_EQ((*after)[2].ids, event.ids);
  EXPECT_EQ((*after)[2].ecosystem, "");
  auto undelivered = store.undelivered_events(url, "");
  ASSERT_TRUE(undelivered);
  ASSERT_EQ(undelivered->size(), 2u);  // the delivery is kept
  auto taken = store.claim_delivery(url, (*before)[1].id, "worker-b", "");
  ASSERT_TRUE(taken);
  EXPECT_FALSE(*taken);  // and so is worker-a's claim

  EventRecord gap;
  gap.at = "2026-12-02T00:00:00Z";
  gap.kind = EventKind::not_covered;
  gap.product = "portal";
  gap.product_version = "1.0";
  gap.sbom_id = 1;
  gap.status_after = "not covered";
  gap.cause = "sbom abc";
  gap.ecosystem = "Debian:12";
  gap.components = 42;
  gap.reason = "no Debian:12 advisories loaded";
  ASSERT_TRUE(store.add_events(std::vector<EventRecord>{gap}));
  auto all = store.events("");
  ASSERT_TRUE(all && all->size() == 4u);
  EXPECT_GT(all->back().id, (*before)[2].id);  // ids go on after the kept ones
  EXPECT_EQ(all->back().kind, EventKind::not_covered);
  EXPECT_EQ(all->back().ecosystem, "Debian:12");
  EXPECT_EQ(all->back().components, 42);
  EXPECT_EQ(all->back().reason, "no Debian:12 advisories loaded");
  // A kind outside the enum (written as "?") is still refused by the schema.
  gap.kind = static_cast<EventKind>(99);
  EXPECT_FALSE(store.add_events(std::vector<EventRecord>{gap}));
}

TEST_P(StoreTest, RecordsAndReadsEcosystemLoads) {
  const std::vector<EcosystemLoad> loads{
      {"PyPI", "a.zip", 3, "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", 0, false},
      {"Debian:12", "examples/osv", 1, "2025-01-01T00:00:00Z", "2026-02-01T00:00:00Z", 2, true}};
  ASSERT_TRUE(store_->put_ecosystem_loads(loads));
  EcosystemLoad again = loads[0];
  again.records = 5;
  ASSERT_TRUE(store_->put_ecosystem_loads(std::span(&again, 1)));
  ASSERT_TRUE(store_->touch_ecosystem_loads("examples/osv", "2026-03-01T00:00:00Z"));
  auto coverage = store_->advisory_coverage();
  ASSERT_TRUE(coverage) << coverage.error().message;
  ASSERT_EQ(coverage->loads().size(), 2u);
  EXPECT_EQ(coverage->loads_of("PyPI").front(), again);
  EcosystemLoad debian = loads[1];
  debian.loaded_at = "2026-03-01T00:00:00Z";
  EXPECT_EQ(coverage->loads_of("Debian:12").front(), debian);
}

TEST_P(StoreTest, RefusesAStoreFromANewerCradle) {
  store_.reset();
  ASSERT_TRUE(scratch_->execute("INSERT INTO schema_migrations VALUES (999, 'from the future', "
                                "'2030-01-01T00:00:00Z')"));
  auto opened = open_store(scratch_->location(), OpenMode::read_write);
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("schema version 999 is newer"), std::string::npos);
  EXPECT_FALSE(open_store(scratch_->location(), OpenMode::read_only));
}

TEST(SqliteStore, CreatesItsDirectoryButReadOnlyCreatesNothing) {
  testing::ScratchStore scratch(testing::Engine::sqlite, "dirs");
  EXPECT_TRUE(open_store(scratch.location(), OpenMode::read_write));
  EXPECT_TRUE(std::filesystem::exists(scratch.location()));
  const std::string missing = (scratch.directory() / "absent.db").string();
  auto opened = open_store(missing, OpenMode::read_only);
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("cradle db update"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(missing));
}

TEST(StoreLocation, PasswordsNeverReachMessages) {
  // model/redacted_url.h has the cases; here, the store's own messages.
  for (const char* location : {"postgresql://user:s3cret@/cradle?host=/nonexistent-socket-dir",
                               "postgresql:///cradle?host=/nonexistent-socket-dir&password=s3cret"}) {
    auto opened = open_store(location, OpenMode::read_write);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().message.find("s3cret"), std::string::npos) << opened.error().message;
  }
}

TEST(PostgresStore, AnUnreachableServerIsAnErrorNamingIt) {
  auto opened = open_store("postgresql:///cradle?host=/nonexistent-socket-dir", OpenMode::read_write);
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().message.find("cannot connect to postgresql:///cradle"), std::string::npos);
}

TEST_P(StoreTest, KeepsADocumentOncePerContentHash) {
  EvidenceRef first{"a.json", "", "OSV JSON", "", ""};
  EvidenceRef second{"b.json", "", "OSV JSON", "", ""};
  auto a = store_->put_document(first, "same bytes");
  auto b = store_->put_document(second, "same bytes");
  auto c = store_->put_document(second, "other bytes");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
}

TEST_P(StoreTest, FindsAdvisoriesByPackageUnderPep503Names) {
  put(record("PYSEC-1", "2024-01-01T00:00:00Z", "Django_Rest.Framework"));
  put(record("PYSEC-2", "2024-01-01T00:00:00Z", "other"));
  const auto found = for_package("PyPI", "django-rest-framework");
  ASSERT_EQ(found.size(), 1u);
  const StoredAdvisory& stored = found.front();
  EXPECT_EQ(stored.id, "PYSEC-1");
  EXPECT_EQ(stored.modified, "2024-01-01T00:00:00Z");
  EXPECT_EQ(stored.document.evidence.source, "test.json");
  EXPECT_EQ(stored.document.evidence.kind, "OSV JSON");
  EXPECT_EQ(stored.document.evidence.sha256,
            sha256_hex(record("PYSEC-1", "2024-01-01T00:00:00Z", "Django_Rest.Framework")));
  EXPECT_FALSE(stored.document.evidence.ingested_at.empty());
  // The parsed snapshot comes instead of the bytes; without one, the bytes come.
  EXPECT_TRUE(stored.document.content.empty());
  Advisory expected = parse(record("PYSEC-1", "2024-01-01T00:00:00Z", "Django_Rest.Framework"));
  expected.evidence = {};
  EXPECT_EQ(*read_advisory_snapshot(stored.snapshot), expected);
  ASSERT_TRUE(scratch_->execute("UPDATE advisories SET snapshot = NULL"));
  const auto without = for_package("PyPI", "django-rest-framework");
  ASSERT_EQ(without.size(), 1u);
  EXPECT_TRUE(without.front().snapshot.empty());
  EXPECT_EQ(parse(without.front().document.content).id, "PYSEC-1");
  EXPECT_EQ(without.front().document.evidence.sha256, sha256_hex(without.front().document.content));
  EXPECT_TRUE(for_package("npm", "django-rest-framework").empty());
}

TEST_P(StoreTest, LooksUpWholeSetsAtOnce) {
  put(R"({"id": "MULTI-1", "modified": "2024-01-01T00:00:00Z", "affected": [
           {"package": {"ecosystem": "PyPI", "name": "one"}, "versions": ["1"]},
           {"package": {"ecosystem": "PyPI", "name": "two"}, "versions": ["1"]}]})");
  put(record("QUOTE-1", "2024-01-01T00:00:00Z", "we\\\"ird", R"(, "aliases": ["CVE-\u00e9"])"));
  put(record("OTHER-1", "2024-01-01T00:00:00Z", "three"));
  const std::vector<OsvPackage> packages{{"PyPI", "one"}, {"PyPI", "two"}, {"PyPI", "we\"ird"}, {"PyPI", "absent"}};
  auto found = store_->advisories_for(packages);
  ASSERT_TRUE(found) << found.error().message;
  std::vector<std::string> ids;
  for (const StoredAdvisory& advisory : *found) ids.push_back(advisory.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"MULTI-1", "QUOTE-1"}));  // each once, by id
  EXPECT_EQ(naming({"CVE-\u00e9", "OTHER-1", "NONE"}), (std::vector<std::string>{"OTHER-1", "QUOTE-1"}));
  EXPECT_EQ(by_id({"OTHER-1", "MULTI-1", "NONE"}).size(), 2u);
  EXPECT_TRUE(for_package("PyPI", "absent").empty());
}

TEST_P(StoreTest, ReplacingAnAdvisoryReplacesItsPackagesAndAliases) {
  put(record("GHSA-1", "2024-01-01T00:00:00Z", "old-name", R"(, "aliases": ["CVE-1"])"));
  put(record("GHSA-1", "2024-02-01T00:00:00Z", "new-name", R"(, "aliases": ["CVE-2"])"));
  EXPECT_EQ(**store_->advisory_modified("GHSA-1"), "2024-02-01T00:00:00Z");
  EXPECT_TRUE(for_package("PyPI", "old-name").empty());
  EXPECT_EQ(for_package("PyPI", "new-name").size(), 1u);
  EXPECT_TRUE(naming({"CVE-1"}).empty());
  EXPECT_EQ(naming({"CVE-2"}), std::vector<std::string>{"GHSA-1"});
  EXPECT_EQ(store_->advisory_counts()->advisories, 1u);
}

TEST_P(StoreTest, NamesAdvisoriesByIdAliasOrUpstream) {
  put(record("GHSA-1", "2024-01-01T00:00:00Z", "a", R"(, "aliases": ["CVE-1"])"));
  put(record("PYSEC-1", "2024-01-01T00:00:00Z", "a", R"(, "aliases": ["CVE-1"])"));
  put(record("DSA-1", "2024-01-01T00:00:00Z", "b", R"(, "upstream": ["CVE-1"])"));
  EXPECT_EQ(naming({"CVE-1"}),
            (std::vector<std::string>{"DSA-1", "GHSA-1", "PYSEC-1"}));
  EXPECT_EQ(naming({"GHSA-1"}), std::vector<std::string>{"GHSA-1"});
  EXPECT_TRUE(naming({"CVE-404"}).empty());
  EXPECT_EQ(by_id({"DSA-1"}).at(0).id, "DSA-1");
  EXPECT_TRUE(by_id({"CVE-1"}).empty());
}

TEST_P(StoreTest, WithdrawnAdvisoriesAreKeptButNotReturnedForAPackage) {
  put(record("GHSA-W", "2024-01-01T00:00:00Z", "pkg", R"(, "withdrawn": "2024-01-02T00:00:00Z")"));
  EXPECT_TRUE(for_package("PyPI", "pkg").empty());
  EXPECT_EQ(by_id({"GHSA-W"}).size(), 1u);
  const AdvisoryCounts counts = *store_->advisory_counts();
  EXPECT_EQ(counts.advisories, 1u);
  EXPECT_EQ(counts.withdrawn, 1u);
}

TEST_P(StoreTest, ARolledBackTransactionLeavesNothing) {
  const std::string bytes = record("GHSA-R", "2024-01-01T00:00:00Z", "pkg");
  Advisory advisory = parse(bytes);
  auto done = in_transaction(*store_, [&]() -> std::expected<void, Error> {
    auto document = store_->put_document(advisory.evidence, bytes);
    if (!document) return std::unexpected(document.error());
    if (auto put = store_->put_advisory(advisory, *document); !put) return put;
    return std::unexpected(Error{ErrorCode::io, "interrupted", {}});
  });
  ASSERT_FALSE(done);
  EXPECT_EQ(store_->advisory_counts()->advisories, 0u);
  EXPECT_FALSE(*store_->advisory_modified("GHSA-R"));
}

// Write transactions take turns on both engines: a second one begins only once the first is
// over, so that one writer's evaluation sees what another committed (a PostgreSQL store once
// let an SBOM be evaluated while advisories were being stored, and both missed the other).
TEST_P(StoreTest, TransactionsTakeTurns) {
  auto other = open_store(scratch_->location(), OpenMode::read_write);
  ASSERT_TRUE(other) << other.error().message;
  ASSERT_TRUE(store_->begin());
  std::atomic<bool> begun = false;
  std::thread second([&] {
    ASSERT_TRUE((*other)->begin());
    begun = true;
    (*other)->rollback();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(begun) << "a second transaction began while the first was open";
  ASSERT_TRUE(store_->commit());
  second.join();
  EXPECT_TRUE(begun);
}

TEST_P(StoreTest, RemembersWhatAUrlLastAnswered) {
  EXPECT_FALSE(*store_->fetch_state("http://127.0.0.1/all.zip"));
  ASSERT_TRUE(store_->set_fetch_state("http://127.0.0.1/all.zip", {"\"v1\"", "", "2026-01-01T00:00:00Z"}));
  ASSERT_TRUE(store_->set_fetch_state("http://127.0.0.1/all.zip",
                                      {"\"v2\"", "Wed, 21 Oct 2015 07:28:00 GMT", "2026-01-02T00:00:00Z"}));
  auto state = store_->fetch_state("http://127.0.0.1/all.zip");
  ASSERT_TRUE(state && *state);
  EXPECT_EQ((*state)->etag, "\"v2\"");
  EXPECT_EQ((*state)->last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_EQ((*state)->fetched_at, "2026-01-02T00:00:00Z");
}

TEST_P(StoreTest, EachDeliveryIsClaimedByOneDelivererUntilDeliveredReleasedOrStale) {
  const EventRecord event{0, "2026-12-01T00:00:00Z", EventKind::new_finding, "portal", "1.0", 1, "pkg:pypi/flask@2.2.2",
                          "CVE-2023-30861", {"CVE-2023-30861"}, "", "affected", "sbom abc"};
  ASSERT_TRUE(store_->add_events(std::vector<EventRecord>{event, event}));
  auto events = store_->events("");
  ASSERT_TRUE(events && events->size() == 2u);
  const std::int64_t first = (*events)[0].id;
  const std::int64_t second = (*events)[1].id;
  const std::string url = "http://127.0.0.1:9/hook";
  auto claim = [&](std::int64_t id, std::string_view who, std::string_view stale_before = "") {
    auto claimed = store_->claim_delivery(url, id, who, stale_before);
    EXPECT_TRUE(claimed) << claimed.error().message;
    return claimed && *claimed;
  };
  EXPECT_TRUE(claim(first, "a"));
  EXPECT_FALSE(claim(first, "b"));  // a holds it
  EXPECT_TRUE(claim(first, "a"));   // a's own claim is a's again
  EXPECT_TRUE(claim(first, "b", "9999-01-01T00:00:00Z"));  // a's claim is stale for b's lease
  EXPECT_FALSE(claim(first, "a"));
  EXPECT_TRUE(claim(first, "c", "9999-01-01T00:00:00Z"));
  // Another URL is another delivery.
  auto elsewhere = store_->claim_delivery("http://127.0.0.1:9/other", first, "b", "");
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE(*elsewhere);
  // Delivered: no one claims it again, however stale; undelivered_events no longer lists it.
  ASSERT_TRUE(store_->mark_delivered(url, first, 1));
  EXPECT_FALSE(claim(first, "c", "9999-01-01T00:00:00Z"));
  EXPECT_FALSE(claim(first, "d", "9999-01-01T00:00:00Z"));
  auto left = store_->undelivered_events(url, "");
  ASSERT_TRUE(left);
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ(left->front().id, second);
  // Released (a delivery that failed): the next deliverer takes it.
  EXPECT_TRUE(claim(second, "a"));
  ASSERT_TRUE(store_->release_delivery(url, second));
  EXPECT_TRUE(claim(second, "b"));
}

}  // namespace
}  // namespace cradle
