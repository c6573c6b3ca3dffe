// Store: the evidence store. SQLite is the embedded default (a file, ./.cradle/cradle.db unless
// --db or CRADLE_DB says otherwise); PostgreSQL holds the same schema (store/schema.h). Every
// query and row mapping is written once (store/store.cpp), over the engine's SqlConnection
// (store/sql_connection.h), which only runs statements. A Store is its roles (documents,
// advisories, the portfolio, VEX, attestations, signals, decisions, jobs, events: one header
// each), plus transactions and migrations; a user that needs one role takes only that one.
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

#include "model/clock.h"
#include "model/error.h"
#include "model/osv_package.h"
#include "store/advisory_store.h"
#include "store/attestation_store.h"
#include "store/decision_store.h"
#include "store/document_store.h"
#include "store/event_store.h"
#include "store/job_store.h"
#include "store/lock_wait.h"
#include "store/portfolio_store.h"
#include "store/signal_store.h"
#include "store/sql_connection.h"
#include "store/vex_store.h"

namespace cradle {

// The connection and the clock a Store's roles share; a base of Store, so that they exist
// before the roles are built on them.
struct StoreState {
  std::unique_ptr<SqlConnection> connection;
  Clock clock;
};

class Store : private StoreState,
              public DocumentStore,
              public AdvisoryStore,
              public PortfolioStore,
              public VexStore,
              public AttestationStore,
              public SignalStore,
              public DecisionStore,
              public JobStore,
              public EventStore {
 public:
  explicit Store(std::unique_ptr<SqlConnection> db);

  // The clock that stamps what the store records (ingest times, job and delivery claims) and
  // what is worked out over it (evaluations, events): the wall clock unless set.
  const Clock& clock() const { return StoreState::clock; }
  void set_clock(Clock clock) { StoreState::clock = clock; }

  // Where the store is, fit for messages (store/sql_connection.h).
  const std::string& location() const { return connection->location(); }
  // Applies the missing migrations (store/schema.h) in one transaction.
  std::expected<void, Error> migrate();

  // Transactions take turns on both engines (SQLite's write lock; on PostgreSQL an advisory
  // lock taken here): a transaction sees what every one before it committed, so evidence stored
  // and the findings worked out from the store never interleave. begin() waits for the one open.
  std::expected<void, Error> begin() { return connection->begin(); }
  std::expected<void, Error> commit() { return connection->commit(); }
  void rollback() { connection->rollback(); }

  // The schema version the store is at (store/schema.h).
  std::expected<int, Error> schema_version();
};

// The JSON array a set-based lookup passes as its one parameter: ids, or [ecosystem, key] pairs.
std::string json_id_list(std::span<const std::string> ids);
std::string json_package_list(std::span<const OsvPackage> packages);
std::string json_integer_list(std::span<const std::int64_t> values);
// A finding's or event's ids in one column: space-separated (ids hold no spaces).
std::string join_ids(std::span<const std::string> ids);
std::vector<std::string> split_ids(std::string_view text);

// Runs `work` inside one transaction (of a Store, or of a role's connection): committed when it
// succeeds, rolled back otherwise.
template <typename Transactions, typename Work>
auto in_transaction(Transactions& store, Work&& work) -> decltype(work()) {
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
// the newest version on opening for writing. A write waits options.lock_timeout for another
// writer's lock (store/lock_wait.h), then fails with ErrorCode::busy.
std::expected<std::unique_ptr<Store>, Error> open_store(const std::string& location, OpenMode mode,
                                                        const StoreOptions& options = {});

// --db when given, else CRADLE_DB, else ./.cradle/cradle.db.
std::string store_location(const std::string& option);

}  // namespace cradle
