// Store: the evidence store. SQLite is the embedded default (a file, ./.cradle/cradle.db unless
// --db or CRADLE_DB says otherwise); PostgreSQL holds the same schema (store/schema.h). Every
// query and row mapping is written once (store/store.cpp), over the engine's SqlConnection
// (store/sql_connection.h), which only runs statements.
//
// Threads: a Store is used by one thread at a time (its connection is); several processes, or
// several Stores on one PostgreSQL database, work side by side (transactions take turns).
//
// Every document that enters the store is kept once, by the SHA-256 of its bytes, with its
// EvidenceRef; the records read from it (advisories, SBOMs) point at it. Writes happen inside
// one transaction per ingest, so a crash leaves the store as it was before that ingest.
#pragma once

#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/advisory.h"
#include "model/advisory_coverage.h"
#include "model/attestation.h"
#include "model/clock.h"
#include "model/decision.h"
#include "model/error.h"
#include "model/evidence_ref.h"
#include "model/osv_package.h"
#include "model/portfolio.h"
#include "model/product.h"
#include "model/signal.h"
#include "model/vex.h"
#include "store/sql_connection.h"

namespace cradle {

// A document as stored: its evidence and its bytes.
struct StoredDocument {
  EvidenceRef evidence;
  std::string content;
};

// An advisory's place in the store: its id, `modified`, the document it was read from, and the
// snapshot of it as parsed. Lookups return the document's bytes only when there is no snapshot.
struct StoredAdvisory {
  std::string id;
  std::string modified;
  StoredDocument document;
  std::string snapshot;  // formats/advisory_snapshot.h; empty for records stored before version 3
};

struct AdvisoryCounts {
  std::size_t advisories = 0;
  std::size_t withdrawn = 0;
};

// What a source URL last answered, for conditional GET.
struct FetchState {
  std::string etag;
  std::string last_modified;
  std::string fetched_at;  // RFC 3339, UTC
};

// A unit of work for `cradle worker`: its kind (e.g. "advisory-update") and what it works on.
struct Job {
  std::int64_t id = 0;
  std::string kind;
  std::string payload;
  int attempts = 0;  // claims so far, this one included
};

struct JobCounts {
  std::size_t queued = 0;
  std::size_t running = 0;
  std::size_t done = 0;
  std::size_t failed = 0;
};

class Store {
 public:
  explicit Store(std::unique_ptr<SqlConnection> db);

  // The clock that stamps what the store records (ingest times, job and delivery claims) and
  // what is worked out over it (evaluations, events): the wall clock unless set.
  const Clock& clock() const { return clock_; }
  void set_clock(Clock clock) { clock_ = clock; }

  // Where the store is, fit for messages (store/sql_connection.h).
  const std::string& location() const { return db_->location(); }
  // Applies the missing migrations (store/schema.h) in one transaction.
  std::expected<void, Error> migrate();

  // Transactions take turns on both engines (SQLite's write lock; on PostgreSQL an advisory
  // lock taken here): a transaction sees what every one before it committed, so evidence stored
  // and the findings worked out from the store never interleave. begin() waits for the one open.
  std::expected<void, Error> begin();
  std::expected<void, Error> commit();
  void rollback();

  // Stores the bytes once per SHA-256 (evidence.sha256, computed here when empty) and returns
  // the evidence row's id; a document already stored keeps its first EvidenceRef.
  std::expected<std::int64_t, Error> put_document(const EvidenceRef& evidence,
                                                          std::string_view content);
  // The document with these bytes' SHA-256, if the store has it.
  std::expected<std::optional<StoredDocument>, Error> document(std::string_view sha256);
  // The `modified` of the stored advisory with this id, if any.
  std::expected<std::optional<std::string>, Error> advisory_modified(std::string_view id);
  // Inserts or replaces the advisory (its packages, ids, aliases and snapshot) read from a stored
  // document.
  std::expected<void, Error> put_advisory(const Advisory& advisory,
                                                  std::int64_t document_id);
  // Lookups take whole sets, one statement each, so that a scan's thousands of packages cost
  // one round trip, not thousands.
  //
  // The advisories, withdrawn ones excepted, with an affected entry for any of the packages
  // (names compared under osv_package_key), each once, ordered by id.
  std::expected<std::vector<StoredAdvisory>, Error> advisories_for(
      std::span<const OsvPackage> packages);
  // The stored advisories with these ids, withdrawn or not, ordered by id.
  std::expected<std::vector<StoredAdvisory>, Error> advisories(std::span<const std::string> ids);
  // The ids of the advisories that are one of `ids` or list one among their aliases or upstream
  // ids, sorted, each once.
  std::expected<std::vector<std::string>, Error> advisories_naming(std::span<const std::string> ids);
  std::expected<AdvisoryCounts, Error> advisory_counts();

  // Coverage: what each source last delivered of each ecosystem. put_ecosystem_loads() records
  // loads (replacing those of the same ecosystem and source); touch_ecosystem_loads() marks
  // every ecosystem a source delivered as loaded again at `loaded_at` (a URL that answered 304
  // Not Modified still holds what was loaded from it).
  std::expected<void, Error> put_ecosystem_loads(std::span<const EcosystemLoad> loads);
  std::expected<void, Error> touch_ecosystem_loads(std::string_view source,
                                                           std::string_view loaded_at);
  std::expected<AdvisoryCoverage, Error> advisory_coverage();

  std::expected<std::optional<FetchState>, Error> fetch_state(std::string_view url);
  std::expected<void, Error> set_fetch_state(std::string_view url,
                                                     const FetchState& state);

  // The job queue. claim_job() hands the oldest queued job to one worker only: on PostgreSQL
  // with SELECT ... FOR UPDATE SKIP LOCKED, so that many workers claim without waiting for each
  // other; on SQLite under its single-writer lock. A claim is its own transaction. A job still
  // `running` whose claim is older than `stale_before` (RFC 3339 UTC; empty: never) counts as
  // abandoned by a dead worker and is claimed again (its attempts say so).
  std::expected<std::int64_t, Error> enqueue_job(std::string_view kind, std::string_view payload);
  std::expected<std::optional<Job>, Error> claim_job(std::string_view worker,
                                                             std::string_view stale_before = {});
  // `outcome`: a failed job's structured outcome (JSON), kept beside its result line; empty:
  // none (NULL).
  std::expected<void, Error> finish_job(std::int64_t id, bool succeeded, std::string_view result,
                                        std::string_view outcome = {});
  std::expected<JobCounts, Error> job_counts();

  // The portfolio (store/portfolio.h).
  //
  // Adds a product, or updates the context of the one with that name: each context field given
  // (non-empty) replaces the stored one. Returns the product's id.
  std::expected<std::int64_t, Error> put_product(const Product& product);
  std::expected<std::optional<StoredProduct>, Error> product(std::string_view name);
  std::expected<std::vector<StoredProduct>, Error> products();  // by name
  // Attaches a stored document's SBOM, with its graph, to a version of a product; the same
  // document for the same version is attached once (SbomPut::added is then false).
  std::expected<SbomPut, Error> put_sbom(std::int64_t product_id, const SbomRecord& sbom,
                                                 std::int64_t document_id,
                                                 const SbomGraphRecord& graph);
  // A product's SBOMs in the order they were ingested (the last of a version is its current one).
  std::expected<std::vector<SbomRecord>, Error> product_sboms(std::string_view product);
  std::expected<SbomGraphRecord, Error> sbom_graph(std::int64_t sbom_id);
  // The components with one of these packages (names compared under osv_package_key) in the
  // current SBOM of every product version, ordered by product, version and node.
  std::expected<std::vector<PortfolioComponent>, Error> current_components_for(
      std::span<const OsvPackage> packages);
  // The ecosystems of the components of every product version's current SBOM, by name.
  std::expected<std::vector<EcosystemUse>, Error> current_ecosystems();
  // For each (SBOM, node), the components of its shortest path from a root, root first.
  std::expected<std::vector<std::vector<ComponentRecord>>, Error> shortest_paths(
      std::span<const std::pair<std::int64_t, std::int64_t>> nodes);

  // The identity of each of these SBOMs (those the store has), ordered by id.
  std::expected<std::vector<SbomIdentity>, Error> sbom_identities(
      std::span<const std::int64_t> sbom_ids);

  // One SBOM by id, as product_sboms() reads it.
  std::expected<std::optional<SbomRecord>, Error> sbom(std::int64_t sbom_id);

  // VEX documents: a stored document's statements, each a row pointing at the document
  // (store/vex_statement_row.h), and the vulnerability ids they name. Returns false when the
  // document was already kept as VEX.
  std::expected<bool, Error> put_vex_document(std::int64_t document_id,
                                                      std::span<const VexStatement> statements);
  // The statements kept, each with its document's evidence, in the order their documents were
  // ingested and then as each document lists them. With `naming` given, only those of the
  // documents that name one of these ids (the other statements of such a document included).
  std::expected<std::vector<VexStatement>, Error> vex_statements(
      std::span<const std::string> naming);
  // The VEX documents kept before statements had rows (schema version 6) that have statements,
  // with their bytes, in the order they were ingested; `naming` as above.
  std::expected<std::vector<StoredDocument>, Error> vex_documents_without_rows(
      std::span<const std::string> naming);

  // Attestations: a stored document's in-toto statements, each a row pointing at the document,
  // with their subjects' digests. Returns false when the document was already kept as
  // attestations.
  std::expected<bool, Error> put_attestations(std::int64_t document_id,
                                                      std::span<const Attestation> attestations);
  // The attestations with a subject of this digest (algorithm and value compared as written),
  // each with all its subjects and its document's evidence, by document and position.
  std::expected<std::vector<Attestation>, Error> attestations_for_digest(
      std::string_view algorithm, std::string_view digest);

  // Signals: a stored document's project-health signals, each a row pointing at the document.
  // Returns false when the document was already kept as signals.
  std::expected<bool, Error> put_signals(std::int64_t document_id, std::span<const Signal> signals);
  // The signals about a repository (named as the documents name it), each with its document's
  // evidence: newest observation first, then as each document lists them.
  std::expected<std::vector<Signal>, Error> signals_about(std::string_view subject);

  // The decision log: an assessment of a product version and its decisions, kept as one. The
  // policy's document is stored first (put_document); returns the assessment's id.
  std::expected<std::int64_t, Error> put_assessment(std::int64_t product_id, std::int64_t policy_document_id,
                                                            const Assessment& assessment);
  // The assessments of a product's version (every version when `version` is empty), newest
  // first, at most `limit`, each with its decisions and its policy's evidence.
  std::expected<std::vector<Assessment>, Error> assessments(std::string_view product,
                                                                    std::string_view version,
                                                                    std::size_t limit);

  // The findings of an SBOM as last evaluated, by (node, vulnerability), and their replacement.
  std::expected<std::vector<FindingRecord>, Error> findings(std::int64_t sbom_id);
  std::expected<void, Error> replace_findings(std::int64_t product_id, std::int64_t sbom_id,
                                                      std::span<const FindingRecord> findings);
  std::expected<void, Error> mark_evaluated(std::int64_t sbom_id, std::string_view at);
  // The current SBOMs (the last of their product version) whose stored findings name one of
  // these ids, sorted.
  std::expected<std::vector<std::int64_t>, Error> current_sboms_naming(std::span<const std::string> ids);
  // Events, with their ids assigned here; those at or after `since` (RFC 3339; empty: all), in
  // order.
  std::expected<void, Error> add_events(std::span<const EventRecord> events);
  std::expected<std::vector<EventRecord>, Error> events(std::string_view since);
  // Webhook deliveries: the events not yet delivered to `url`, oldest first, and a delivery.
  std::expected<std::vector<EventRecord>, Error> undelivered_events(std::string_view url,
                                                                            std::string_view since);
  std::expected<void, Error> mark_delivered(std::string_view url, std::int64_t event_id, int attempts);
  // Claims the delivery of an event to `url` for `deliverer`, in its own transaction: true when
  // the event is not delivered there yet and no other deliverer holds a claim on it taken at or
  // after `stale_before` (RFC 3339 UTC; empty: claims never go stale). A deliverer's own claim
  // is its again. mark_delivered() and release_delivery() end a claim.
  std::expected<bool, Error> claim_delivery(std::string_view url, std::int64_t event_id,
                                                    std::string_view deliverer,
                                                    std::string_view stale_before);
  std::expected<void, Error> release_delivery(std::string_view url, std::int64_t event_id);

  // The schema version the store is at (store/schema.h).
  std::expected<int, Error> schema_version();

 private:
  std::unique_ptr<SqlConnection> db_;
  Clock clock_;
};

// The JSON array a set-based lookup passes as its one parameter: ids, or [ecosystem, key] pairs.
std::string json_id_list(std::span<const std::string> ids);
std::string json_package_list(std::span<const OsvPackage> packages);
std::string json_integer_list(std::span<const std::int64_t> values);
// A finding's or event's ids in one column: space-separated (ids hold no spaces).
std::string join_ids(std::span<const std::string> ids);
std::vector<std::string> split_ids(std::string_view text);

// Runs `work` inside one transaction: committed when it succeeds, rolled back otherwise.
template <typename Work>
auto in_transaction(Store& store, Work&& work) -> decltype(work()) {
  if (auto begun = store.begin(); !begun) return std::unexpected(begun.error());
  auto result = work();
  if (!result) {
    store.rollback();
    return result;
  }
  if (auto committed = store.commit(); !committed) {
    store.rollback();
    return std::unexpected(committed.error());
  }
  return result;
}

// The store a location names: a file path for SQLite (its directory is created when opening
// for writing). read_only refuses a store that does not exist yet. The schema is migrated to
// the newest version on opening for writing.
std::expected<std::unique_ptr<Store>, Error> open_store(const std::string& location, OpenMode mode);

// --db when given, else CRADLE_DB, else ./.cradle/cradle.db.
std::string store_location(const std::string& option);

// A location fit for messages and reports: a password in a URL (scheme://user:secret@host)
// becomes "***"; a file path is returned as it is.
std::string redacted_location(std::string_view location);

}  // namespace cradle
