#include "store/sqlite_store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <utility>

#include "formats/advisory_snapshot.h"
#include "formats/date_time.h"
#include "store/attestation_rows.h"
#include "store/decision_rows.h"
#include "store/schema.h"
#include "store/vex_statement_row.h"

namespace cradle {
namespace {

Error store_error(sqlite3* db, std::string_view what) {
  return Error{ErrorCode::io, fmt::format("store: {}: {}", what, sqlite3_errmsg(db)), {}};
}

// A prepared statement, reset and rebound for each use.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) {
    sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                       &statement_, nullptr);
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool valid() const { return statement_ != nullptr; }

  Statement& reset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    return *this;
  }
  Statement& bind(int index, std::string_view text) {
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind_optional(int index, std::string_view text) {
    if (text.empty()) {
      sqlite3_bind_null(statement_, index);
    } else {
      bind(index, text);
    }
    return *this;
  }
  Statement& bind_blob(int index, std::string_view bytes) {
    sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int index, std::int64_t value) {
    sqlite3_bind_int64(statement_, index, value);
    return *this;
  }
  Statement& bind_optional_real(int index, std::optional<double> value) {
    if (value) {
      sqlite3_bind_double(statement_, index, *value);
    } else {
      sqlite3_bind_null(statement_, index);
    }
    return *this;
  }

  // SQLITE_ROW, SQLITE_DONE, or an error code.
  int step() { return sqlite3_step(statement_); }

  std::string text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                : std::string();
  }
  std::string blob(int column) const {
    const auto* data = static_cast<const char*>(sqlite3_column_blob(statement_, column));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                : std::string();
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
  bool is_null(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  std::optional<double> optional_real(int column) const {
    if (is_null(column)) return std::nullopt;
    return sqlite3_column_double(statement_, column);
  }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

// A cached statement in use; reset when the use ends, so that no finished-looking read keeps
// its snapshot open (in WAL mode an open read snapshot makes a later write fail with BUSY).
class StatementLease {
 public:
  explicit StatementLease(Statement* statement) : statement_(statement) {}
  StatementLease(StatementLease&& other) noexcept : statement_(std::exchange(other.statement_, nullptr)) {}
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  StatementLease& operator=(StatementLease&&) = delete;
  ~StatementLease() {
    if (statement_ != nullptr) statement_->reset();
  }
  Statement* operator->() const { return statement_; }

 private:
  Statement* statement_;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override {
    statements_.clear();
    sqlite3_close(db_);
  }

  std::expected<void, Error> exec(std::string_view sql, std::string_view what) {
    char* message = nullptr;
    if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      Error error{ErrorCode::io, fmt::format("store: {}: {}", what, message ? message : "failed"), {}};
      sqlite3_free(message);
      return std::unexpected(error);
    }
    return {};
  }

  std::expected<void, Error> begin() override { return exec("BEGIN IMMEDIATE", "begin"); }
  std::expected<void, Error> commit() override { return exec("COMMIT", "commit"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) (void)exec("ROLLBACK", "rollback");
  }

  std::expected<std::int64_t, Error> put_document(const EvidenceRef& evidence,
                                                  std::string_view content) override {
    const std::string sha256 = evidence.sha256.empty() ? sha256_hex(content) : evidence.sha256;
    auto found = prepare("SELECT id FROM documents WHERE sha256 = ?");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, sha256);
    if (select.step() == SQLITE_ROW) return select.integer(0);

    auto insert = prepare(
        "INSERT INTO documents (sha256, kind, source, produced_at, ingested_at, content) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    const std::string ingested_at = evidence.ingested_at.empty()
                                        ? format_rfc3339_utc(std::chrono::system_clock::now())
                                        : evidence.ingested_at;
    Statement& statement = (*insert)->reset();
    statement.bind(1, sha256).bind(2, evidence.kind).bind(3, evidence.source);
    statement.bind_optional(4, evidence.produced_at).bind(5, ingested_at).bind_blob(6, content);
    if (statement.step() != SQLITE_DONE) return std::unexpected(store_error(db_, "storing a document"));
    return sqlite3_last_insert_rowid(db_);
  }

  std::expected<std::optional<StoredDocument>, Error> document(std::string_view sha256) override {
    auto found = prepare("SELECT source, sha256, kind, ingested_at, produced_at, content FROM documents WHERE sha256 = ?");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, sha256);
    const int status = select.step();
    if (status == SQLITE_DONE) return std::nullopt;
    if (status != SQLITE_ROW) return std::unexpected(store_error(db_, "reading a document"));
    return StoredDocument{EvidenceRef{select.text(0), select.text(1), select.text(2), select.text(3), select.text(4)},
                          select.blob(5)};
  }

  std::expected<std::optional<std::string>, Error> advisory_modified(std::string_view id) override {
    auto found = prepare("SELECT modified FROM advisories WHERE id = ?");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, id);
    const int status = select.step();
    if (status == SQLITE_ROW) return select.text(0);
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading an advisory"));
    return std::nullopt;
  }

  std::expected<void, Error> put_advisory(const Advisory& advisory, std::int64_t document_id) override {
    // Replacing the row cascades to its packages and ids.
    auto remove = prepare("DELETE FROM advisories WHERE id = ?");
    if (!remove) return std::unexpected(remove.error());
    if ((*remove)->reset().bind(1, advisory.id).step() != SQLITE_DONE) {
      return std::unexpected(store_error(db_, "replacing an advisory"));
    }
    auto insert = prepare(
        "INSERT INTO advisories (id, modified, withdrawn, document_id, snapshot) VALUES (?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    Statement& row = (*insert)->reset();
    row.bind(1, advisory.id).bind(2, advisory.modified).bind_optional(3, advisory.withdrawn);
    if (row.bind(4, document_id).bind_blob(5, write_advisory_snapshot(advisory)).step() != SQLITE_DONE) {
      return std::unexpected(store_error(db_, "storing an advisory"));
    }

    auto package_insert = prepare(
        "INSERT OR IGNORE INTO advisory_packages (advisory_id, ecosystem, package_key) "
        "VALUES (?, ?, ?)");
    if (!package_insert) return std::unexpected(package_insert.error());
    std::string key;
    for (const AffectedPackage& package : advisory.affected) {
      if (package.name.empty()) continue;
      osv_package_key(package.versions.ecosystem, package.name, key);
      Statement& statement = (*package_insert)->reset();
      statement.bind(1, advisory.id).bind(2, package.versions.ecosystem).bind(3, key);
      if (statement.step() != SQLITE_DONE) {
        return std::unexpected(store_error(db_, "storing an advisory's packages"));
      }
    }

    auto id_insert = prepare(
        "INSERT OR IGNORE INTO advisory_ids (advisory_id, other_id, relation) VALUES (?, ?, ?)");
    if (!id_insert) return std::unexpected(id_insert.error());
    auto add_ids = [&](const std::vector<std::string>& ids,
                       std::string_view relation) -> std::expected<void, Error> {
      for (const std::string& other : ids) {
        Statement& statement = (*id_insert)->reset();
        if (statement.bind(1, advisory.id).bind(2, other).bind(3, relation).step() != SQLITE_DONE) {
          return std::unexpected(store_error(db_, "storing an advisory's aliases"));
        }
      }
      return {};
    };
    if (auto added = add_ids(advisory.aliases, "alias"); !added) return added;
    return add_ids(advisory.upstream, "upstream");
  }

  std::expected<std::vector<StoredAdvisory>, Error> advisories_for(std::span<const OsvPackage> packages) override {
    auto found = prepare(
        "SELECT a.id, a.modified, d.sha256, d.kind, d.source, d.produced_at, d.ingested_at, "
        "CASE WHEN a.snapshot IS NULL THEN d.content END, a.snapshot "
        "FROM advisories a JOIN documents d ON d.id = a.document_id "
        "WHERE a.withdrawn IS NULL AND a.id IN (SELECT p.advisory_id FROM json_each(?) w "
        "JOIN advisory_packages p ON p.ecosystem = json_extract(w.value, '$[0]') "
        "AND p.package_key = json_extract(w.value, '$[1]')) ORDER BY a.id");
    if (!found) return std::unexpected(found.error());
    return read_advisories((*found)->reset().bind(1, json_package_list(packages)));
  }

  std::expected<std::vector<StoredAdvisory>, Error> advisories(std::span<const std::string> ids) override {
    auto found = prepare(
        "SELECT a.id, a.modified, d.sha256, d.kind, d.source, d.produced_at, d.ingested_at, "
        "CASE WHEN a.snapshot IS NULL THEN d.content END, a.snapshot "
        "FROM advisories a JOIN documents d ON d.id = a.document_id "
        "WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY a.id");
    if (!found) return std::unexpected(found.error());
    return read_advisories((*found)->reset().bind(1, json_id_list(ids)));
  }

  std::expected<std::vector<std::string>, Error> advisories_naming(std::span<const std::string> ids) override {
    auto found = prepare(
        "SELECT advisory_id FROM advisory_ids WHERE other_id IN (SELECT value FROM json_each(?1)) "
        "UNION SELECT id FROM advisories WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY 1");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, json_id_list(ids));
    std::vector<std::string> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) out.push_back(select.text(0));
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading aliases"));
    return out;
  }

  std::expected<AdvisoryCounts, Error> advisory_counts() override {
    auto found = prepare("SELECT (SELECT count(*) FROM advisories), (SELECT count(*) FROM advisories WHERE withdrawn IS NOT NULL)");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset();
    if (select.step() != SQLITE_ROW) return std::unexpected(store_error(db_, "counting advisories"));
    return AdvisoryCounts{static_cast<std::size_t>(select.integer(0)),
                          static_cast<std::size_t>(select.integer(1))};
  }

  std::expected<void, Error> put_ecosystem_loads(std::span<const EcosystemLoad> loads) override {
    auto upsert = prepare(
        "INSERT INTO advisory_coverage "
        "(ecosystem, source, records, newest_modified, loaded_at, unreadable, example) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ecosystem, source) DO UPDATE SET "
        "records = excluded.records, newest_modified = excluded.newest_modified, "
        "loaded_at = excluded.loaded_at, unreadable = excluded.unreadable, example = excluded.example");
    if (!upsert) return std::unexpected(upsert.error());
    for (const EcosystemLoad& load : loads) {
      Statement& statement = (*upsert)->reset().bind(1, load.ecosystem).bind(2, load.source);
      statement.bind(3, static_cast<std::int64_t>(load.records)).bind(4, load.newest_modified);
      statement.bind(5, load.loaded_at).bind(6, static_cast<std::int64_t>(load.unreadable));
      if (statement.bind(7, std::int64_t{load.example}).step() != SQLITE_DONE) {
        return std::unexpected(store_error(db_, "recording what a source loaded"));
      }
    }
    return {};
  }

  std::expected<void, Error> touch_ecosystem_loads(std::string_view source,
                                                   std::string_view loaded_at) override {
    auto update = prepare("UPDATE advisory_coverage SET loaded_at = ? WHERE source = ?");
    if (!update) return std::unexpected(update.error());
    if ((*update)->reset().bind(1, loaded_at).bind(2, source).step() != SQLITE_DONE) {
      return std::unexpected(store_error(db_, "recording a source loaded again"));
    }
    return {};
  }

  std::expected<AdvisoryCoverage, Error> advisory_coverage() override {
    auto found = prepare(
        "SELECT ecosystem, source, records, newest_modified, loaded_at, unreadable, example "
        "FROM advisory_coverage");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset();
    AdvisoryCoverage coverage;
    int status = SQLITE_ROW;
    while ((status = select.step()) == SQLITE_ROW) {
      coverage.add(EcosystemLoad{select.text(0), select.text(1),
                                 static_cast<std::size_t>(select.integer(2)), select.text(3),
                                 select.text(4), static_cast<std::size_t>(select.integer(5)),
                                 select.integer(6) != 0});
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading the advisory coverage"));
    return coverage;
  }

  std::expected<std::optional<FetchState>, Error> fetch_state(std::string_view url) override {
    auto found = prepare("SELECT etag, last_modified, fetched_at FROM fetch_state WHERE url = ?");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, url);
    const int status = select.step();
    if (status == SQLITE_ROW) return FetchState{select.text(0), select.text(1), select.text(2)};
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading a fetch state"));
    return std::nullopt;
  }

  std::expected<void, Error> set_fetch_state(std::string_view url, const FetchState& state) override {
    auto upsert = prepare(
        "INSERT INTO fetch_state (url, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
        "last_modified = excluded.last_modified, fetched_at = excluded.fetched_at");
    if (!upsert) return std::unexpected(upsert.error());
    Statement& statement = (*upsert)->reset().bind(1, url);
    statement.bind_optional(2, state.etag).bind_optional(3, state.last_modified);
    if (statement.bind(4, state.fetched_at).step() != SQLITE_DONE) {
      return std::unexpected(store_error(db_, "storing a fetch state"));
    }
    return {};
  }

  std::expected<std::int64_t, Error> enqueue_job(std::string_view kind, std::string_view payload) override {
    auto insert = prepare("INSERT INTO jobs (kind, payload, created_at) VALUES (?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    Statement& statement = (*insert)->reset().bind(1, kind).bind(2, payload);
    if (statement.bind(3, format_rfc3339_utc(std::chrono::system_clock::now())).step() != SQLITE_DONE) {
      return std::unexpected(store_error(db_, "queueing a job"));
    }
    return sqlite3_last_insert_rowid(db_);
  }

  std::expected<std::optional<Job>, Error> claim_job(std::string_view worker, std::string_view stale_before) override {
    // BEGIN IMMEDIATE takes SQLite's write lock: one claimer at a time.
    return in_transaction(*this, [&]() -> std::expected<std::optional<Job>, Error> {
      auto claim = prepare(
          "UPDATE jobs SET state = 'running', attempts = attempts + 1, claimed_by = ?, claimed_at = ? "
          "WHERE id = (SELECT id FROM jobs WHERE state = 'queued' OR (state = 'running' AND claimed_at < ?) "
          "ORDER BY id LIMIT 1) RETURNING id, kind, payload, attempts");
      if (!claim) return std::unexpected(claim.error());
      Statement& statement = (*claim)->reset().bind(1, worker);
      statement.bind(2, format_rfc3339_utc(std::chrono::system_clock::now())).bind_optional(3, stale_before);
      const int status = statement.step();
      if (status == SQLITE_DONE) return std::nullopt;
      if (status != SQLITE_ROW) return std::unexpected(store_error(db_, "claiming a job"));
      Job job{statement.integer(0), statement.text(1), statement.text(2), static_cast<int>(statement.integer(3))};
      statement.step();  // finish the statement before the transaction ends
      return job;
    });
  }

  std::expected<void, Error> finish_job(std::int64_t id, bool succeeded, std::string_view result) override {
    auto update = prepare("UPDATE jobs SET state = ?, finished_at = ?, result = ? WHERE id = ?");
    if (!update) return std::unexpected(update.error());
    Statement& statement = (*update)->reset().bind(1, succeeded ? "done" : "failed");
    statement.bind(2, format_rfc3339_utc(std::chrono::system_clock::now())).bind(3, result).bind(4, id);
    if (statement.step() != SQLITE_DONE) return std::unexpected(store_error(db_, "finishing a job"));
    return {};
  }

  std::expected<JobCounts, Error> job_counts() override {
    auto count = prepare("SELECT count(*) FILTER (WHERE state = 'queued'), count(*) FILTER (WHERE state = 'running'), "
                         "count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = 'failed') FROM jobs");
    if (!count) return std::unexpected(count.error());
    Statement& statement = (*count)->reset();
    if (statement.step() != SQLITE_ROW) return std::unexpected(store_error(db_, "counting jobs"));
    auto at = [&](int column) { return static_cast<std::size_t>(statement.integer(column)); };
    return JobCounts{at(0), at(1), at(2), at(3)};
  }

  std::expected<std::int64_t, Error> put_product(const Product& product) override {
    auto upsert = prepare(
        "INSERT INTO products (name, intended_use, exposure, criticality, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO UPDATE SET "
        "intended_use = CASE WHEN ?2 = '' THEN intended_use ELSE ?2 END, "
        "exposure = CASE WHEN ?3 = '' THEN exposure ELSE ?3 END, "
        "criticality = CASE WHEN ?4 = '' THEN criticality ELSE ?4 END RETURNING id");
    if (!upsert) return std::unexpected(upsert.error());
    Statement& statement = (*upsert)->reset().bind(1, product.name).bind(2, product.context.intended_use);
    statement.bind(3, product.context.exposure).bind(4, product.context.criticality);
    const std::string now = product.created_at.empty() ? format_rfc3339_utc(std::chrono::system_clock::now())
                                                       : product.created_at;
    if (statement.bind(5, now).step() != SQLITE_ROW) return std::unexpected(store_error(db_, "storing a product"));
    const std::int64_t id = statement.integer(0);
    statement.step();  // finish the statement
    return id;
  }

  std::expected<std::optional<StoredProduct>, Error> product(std::string_view name) override {
    auto found = prepare(
        "SELECT id, name, intended_use, exposure, criticality, created_at FROM products WHERE name = ?");
    if (!found) return std::unexpected(found.error());
    auto rows = read_products((*found)->reset().bind(1, name));
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::nullopt;
    return std::move(rows->front());
  }

  std::expected<std::vector<StoredProduct>, Error> products() override {
    auto found = prepare(
        "SELECT id, name, intended_use, exposure, criticality, created_at FROM products ORDER BY name");
    if (!found) return std::unexpected(found.error());
    return read_products((*found)->reset());
  }

  std::expected<SbomPut, Error> put_sbom(std::int64_t product_id, const SbomRecord& sbom, std::int64_t document_id,
                                         const SbomGraphRecord& graph) override {
    auto existing = prepare("SELECT id FROM sboms WHERE product_id = ? AND product_version = ? AND document_id = ?");
    if (!existing) return std::unexpected(existing.error());
    Statement& select = (*existing)->reset().bind(1, product_id).bind(2, sbom.product_version).bind(3, document_id);
    if (select.step() == SQLITE_ROW) return SbomPut{select.integer(0), false};

    auto insert = prepare(
        "INSERT INTO sboms (product_id, product_version, document_id, serial_number, bom_version, components, "
        "dependencies, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    Statement& row = (*insert)->reset().bind(1, product_id).bind(2, sbom.product_version).bind(3, document_id);
    row.bind(4, sbom.serial_number).bind(5, sbom.bom_version).bind(6, static_cast<std::int64_t>(sbom.components));
    row.bind(7, static_cast<std::int64_t>(sbom.dependencies)).bind(8, sbom.ingested_at);
    if (row.step() != SQLITE_DONE) return std::unexpected(store_error(db_, "storing an SBOM"));
    const std::int64_t sbom_id = sqlite3_last_insert_rowid(db_);

    auto component_insert = prepare(
        "INSERT INTO components (product_id, sbom_id, node, parent, depth, is_primary, ref, name, version, purl, "
        "source_name, ecosystem, package_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!component_insert) return std::unexpected(component_insert.error());
    for (const ComponentRecord& component : graph.components) {
      Statement& statement = (*component_insert)->reset().bind(1, product_id).bind(2, sbom_id);
      statement.bind(3, component.node).bind(5, component.depth).bind(6, std::int64_t{component.primary});
      if (component.parent >= 0) statement.bind(4, component.parent);
      statement.bind(7, component.ref).bind(8, component.name).bind(9, component.version);
      statement.bind(10, component.purl).bind(11, component.source_name);
      statement.bind_optional(12, component.ecosystem).bind_optional(13, component.package_key);
      if (statement.step() != SQLITE_DONE) return std::unexpected(store_error(db_, "storing an SBOM's components"));
    }
    auto edge_insert = prepare(
        "INSERT OR IGNORE INTO dependency_edges (product_id, sbom_id, from_node, to_node) VALUES (?, ?, ?, ?)");
    if (!edge_insert) return std::unexpected(edge_insert.error());
    for (const EdgeRecord& edge : graph.edges) {
      Statement& statement = (*edge_insert)->reset().bind(1, product_id).bind(2, sbom_id);
      if (statement.bind(3, edge.from).bind(4, edge.to).step() != SQLITE_DONE) {
        return std::unexpected(store_error(db_, "storing an SBOM's dependencies"));
      }
    }
    return SbomPut{sbom_id, true};
  }

  std::expected<std::vector<SbomRecord>, Error> product_sboms(std::string_view product) override {
    auto found = prepare(std::string(kSbomSelect) + " WHERE p.name = ? ORDER BY s.id");
    if (!found) return std::unexpected(found.error());
    return read_sboms((*found)->reset().bind(1, product));
  }

  std::expected<std::optional<SbomRecord>, Error> sbom(std::int64_t sbom_id) override {
    auto found = prepare(std::string(kSbomSelect) + " WHERE s.id = ?");
    if (!found) return std::unexpected(found.error());
    auto rows = read_sboms((*found)->reset().bind(1, sbom_id));
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::nullopt;
    return std::move(rows->front());
  }

  std::expected<bool, Error> put_vex_document(std::int64_t document_id,
                                              std::span<const VexStatement> statements) override {
    auto insert = prepare(
        "INSERT INTO vex_documents (document_id, statements, ingested_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
    if (!insert) return std::unexpected(insert.error());
    Statement& row = (*insert)->reset().bind(1, document_id).bind(2, static_cast<std::int64_t>(statements.size()));
    if (row.bind(3, format_rfc3339_utc(std::chrono::system_clock::now())).step() != SQLITE_DONE) {
      return std::unexpected(store_error(db_, "storing a VEX document"));
    }
    if (sqlite3_changes(db_) == 0) return false;
    auto named = prepare("INSERT OR IGNORE INTO vex_vulnerabilities (document_id, vulnerability) VALUES (?, ?)");
    if (!named) return std::unexpected(named.error());
    for (const std::string& vulnerability : vex_named_ids(statements)) {
      if ((*named)->reset().bind(1, document_id).bind(2, vulnerability).step() != SQLITE_DONE) {
        return std::unexpected(store_error(db_, "storing a VEX document's vulnerabilities"));
      }
    }
    auto stated = prepare(
        "INSERT INTO vex_statements (document_id, position, vulnerability, aliases, status, justification, "
        "impact_statement, action_statement, stated_at, author, document_ref, products) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stated) return std::unexpected(stated.error());
    for (std::size_t i = 0; i < statements.size(); ++i) {
      const VexStatementRow r = to_row(statements[i], static_cast<std::int64_t>(i));
      Statement& insert_row = (*stated)->reset().bind(1, document_id).bind(2, r.position).bind(3, r.vulnerability);
      insert_row.bind(4, r.aliases).bind(5, r.status).bind(6, r.justification).bind(7, r.impact_statement);
      insert_row.bind(8, r.action_statement).bind(9, r.stated_at).bind(10, r.author).bind(11, r.document_ref);
      if (insert_row.bind(12, r.products).step() != SQLITE_DONE) {
        return std::unexpected(store_error(db_, "storing a VEX statement"));
      }
    }
    return true;
  }

  std::expected<bool, Error> put_attestations(std::int64_t document_id,
                                              std::span<const Attestation> attestations) override {
    auto kept = prepare("SELECT 1 FROM attestations WHERE document_id = ?");
    if (!kept) return std::unexpected(kept.error());
    if ((*kept)->reset().bind(1, document_id).step() == SQLITE_ROW) return false;
    auto insert = prepare(
        "INSERT INTO attestations (document_id, position, envelope, statement_type, predicate_type, "
        "builder_id, build_type, finished_at, signatures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto insert_subject = prepare(
        "INSERT INTO attestation_subjects (document_id, position, subject, name, algorithm, digest) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    if (!insert) return std::unexpected(insert.error());
    if (!insert_subject) return std::unexpected(insert_subject.error());
    for (const Attestation& a : attestations) {
      const auto position = static_cast<std::int64_t>(a.position);
      Statement& row = (*insert)->reset().bind(1, document_id).bind(2, position).bind(3, a.envelope);
      row.bind(4, a.statement_type).bind(5, a.predicate_type).bind(6, a.builder_id).bind(7, a.build_type);
      if (row.bind(8, a.finished_at).bind(9, static_cast<std::int64_t>(a.signatures)).step() != SQLITE_DONE) {
        return std::unexpected(store_error(db_, "storing an attestation"));
      }
      for (std::size_t i = 0; i < a.subjects.size(); ++i) {
        for (const auto& [algorithm, digest] : a.subjects[i].digests) {
          Statement& subject = (*insert_subject)->reset().bind(1, document_id).bind(2, position);
          subject.bind(3, static_cast<std::int64_t>(i)).bind(4, a.subjects[i].name).bind(5, algorithm);
          if (subject.bind(6, digest).step() != SQLITE_DONE) {
            return std::unexpected(store_error(db_, "storing an attestation's subjects"));
          }
        }
      }
    }
    return true;
  }

  std::expected<std::vector<Attestation>, Error> attestations_for_digest(std::string_view algorithm,
                                                                        std::string_view digest) override {
    auto found = prepare(
        "SELECT a.document_id, a.position, a.envelope, a.statement_type, a.predicate_type, a.builder_id, "
        "a.build_type, a.finished_at, a.signatures, d.source, d.sha256, d.kind, d.ingested_at, d.produced_at "
        "FROM attestations a JOIN documents d ON d.id = a.document_id WHERE (a.document_id, a.position) IN "
        "(SELECT document_id, position FROM attestation_subjects WHERE algorithm = ?1 AND digest = ?2) "
        "ORDER BY a.document_id, a.position");
    auto subjects = prepare(
        "SELECT s.document_id, s.position, s.subject, s.name, s.algorithm, s.digest FROM attestation_subjects s "
        "WHERE (s.document_id, s.position) IN (SELECT document_id, position FROM attestation_subjects "
        "WHERE algorithm = ?1 AND digest = ?2) ORDER BY s.document_id, s.position, s.subject, s.algorithm");
    if (!found) return std::unexpected(found.error());
    if (!subjects) return std::unexpected(subjects.error());
    std::vector<AttestationRow> rows;
    Statement& select = (*found)->reset().bind(1, algorithm).bind(2, digest);
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      AttestationRow& row = rows.emplace_back();
      row.document_id = select.integer(0);
      row.attestation.position = static_cast<std::size_t>(select.integer(1));
      row.attestation.envelope = select.text(2);
      row.attestation.statement_type = select.text(3);
      row.attestation.predicate_type = select.text(4);
      row.attestation.builder_id = select.text(5);
      row.attestation.build_type = select.text(6);
      row.attestation.finished_at = select.text(7);
      row.attestation.signatures = static_cast<std::size_t>(select.integer(8));
      row.attestation.evidence = EvidenceRef{select.text(9), select.text(10), select.text(11),
                                             select.text(12), select.text(13)};
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading attestations"));
    std::vector<AttestationSubjectRow> subject_rows;
    Statement& listed = (*subjects)->reset().bind(1, algorithm).bind(2, digest);
    while ((status = listed.step()) == SQLITE_ROW) {
      subject_rows.push_back(AttestationSubjectRow{listed.integer(0), listed.integer(1), listed.integer(2),
                                                   listed.text(3), listed.text(4), listed.text(5)});
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading attestation subjects"));
    return assemble_attestations(std::move(rows), subject_rows);
  }

  std::expected<bool, Error> put_signals(std::int64_t document_id, std::span<const Signal> signals) override {
    auto kept = prepare("SELECT 1 FROM signals WHERE document_id = ?");
    if (!kept) return std::unexpected(kept.error());
    if ((*kept)->reset().bind(1, document_id).step() == SQLITE_ROW) return false;
    auto insert = prepare(
        "INSERT INTO signals (document_id, position, subject, revision, source, source_version, name, "
        "score, reason, observed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    for (const Signal& signal : signals) {
      Statement& row = (*insert)->reset().bind(1, document_id).bind(2, static_cast<std::int64_t>(signal.position));
      row.bind(3, signal.subject).bind(4, signal.revision).bind(5, signal.source).bind(6, signal.source_version);
      row.bind(7, signal.name).bind_optional_real(8, signal.score).bind(9, signal.reason);
      if (row.bind(10, signal.observed_at).step() != SQLITE_DONE) {
        return std::unexpected(store_error(db_, "storing a signal"));
      }
    }
    return true;
  }

  std::expected<std::vector<Signal>, Error> signals_about(std::string_view subject) override {
    auto found = prepare(
        "SELECT s.position, s.subject, s.revision, s.source, s.source_version, s.name, s.score, s.reason, "
        "s.observed_at, d.source, d.sha256, d.kind, d.ingested_at, d.produced_at FROM signals s "
        "JOIN documents d ON d.id = s.document_id WHERE s.subject = ? "
        "ORDER BY s.observed_at DESC, s.document_id, s.position");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, subject);
    std::vector<Signal> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      Signal& signal = out.emplace_back();
      signal.position = static_cast<std::size_t>(select.integer(0));
      signal.subject = select.text(1);
      signal.revision = select.text(2);
      signal.source = select.text(3);
      signal.source_version = select.text(4);
      signal.name = select.text(5);
      signal.score = select.optional_real(6);
      signal.reason = select.text(7);
      signal.observed_at = select.text(8);
      signal.evidence = EvidenceRef{select.text(9), select.text(10), select.text(11), select.text(12), select.text(13)};
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading signals"));
    return out;
  }

  std::expected<std::int64_t, Error> put_assessment(std::int64_t product_id, std::int64_t policy_document_id,
                                                    const Assessment& assessment) override {
    auto insert = prepare(
        "INSERT INTO assessments (product_id, product_version, sbom_id, policy_document_id, decided_at) "
        "VALUES (?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    Statement& row = (*insert)->reset().bind(1, product_id).bind(2, assessment.product_version);
    if (row.bind(3, assessment.sbom_id).bind(4, policy_document_id).bind(5, assessment.decided_at).step() !=
        SQLITE_DONE) {
      return std::unexpected(store_error(db_, "storing an assessment"));
    }
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    auto decision_insert = prepare(
        "INSERT INTO decisions (product_id, assessment_id, position, purl, vulnerability, ids, outcome, rule, due_by, "
        "rationale, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!decision_insert) return std::unexpected(decision_insert.error());
    std::int64_t position = 0;
    for (const Decision& decision : assessment.decisions) {
      const DecisionRow d = to_row(decision, position++);
      Statement& r = (*decision_insert)->reset().bind(1, product_id).bind(2, id).bind(3, d.position);
      r.bind(4, d.purl).bind(5, d.vulnerability).bind(6, d.ids).bind(7, d.outcome).bind(8, d.rule);
      if (r.bind(9, d.due_by).bind(10, d.rationale).bind(11, d.evidence).step() != SQLITE_DONE) {
        return std::unexpected(store_error(db_, "storing a decision"));
      }
    }
    return id;
  }

  std::expected<std::vector<Assessment>, Error> assessments(std::string_view product, std::string_view version,
                                                            std::size_t limit) override {
    auto found = prepare(
        "SELECT a.id, p.name, a.product_version, a.sbom_id, a.decided_at, d.source, d.sha256, d.kind, d.ingested_at, "
        "d.produced_at FROM assessments a JOIN products p ON p.id = a.product_id "
        "JOIN documents d ON d.id = a.policy_document_id "
        "WHERE p.name = ?1 AND (?2 = '' OR a.product_version = ?2) ORDER BY a.id DESC LIMIT ?3");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, product).bind(2, version).bind(3, static_cast<std::int64_t>(limit));
    std::vector<Assessment> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      Assessment& assessment = out.emplace_back();
      assessment.id = select.integer(0);
      assessment.product = select.text(1);
      assessment.product_version = select.text(2);
      assessment.sbom_id = select.integer(3);
      assessment.decided_at = select.text(4);
      assessment.policy = EvidenceRef{select.text(5), select.text(6), select.text(7), select.text(8), select.text(9)};
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading assessments"));
    auto decisions = prepare(
        "SELECT position, purl, vulnerability, ids, outcome, rule, due_by, rationale, evidence FROM decisions "
        "WHERE assessment_id = ? ORDER BY position");
    if (!decisions) return std::unexpected(decisions.error());
    for (Assessment& assessment : out) {
      Statement& rows = (*decisions)->reset().bind(1, assessment.id);
      while ((status = rows.step()) == SQLITE_ROW) {
        auto decision = to_decision(DecisionRow{rows.integer(0), rows.text(1), rows.text(2), rows.text(3), rows.text(4),
                                                rows.text(5), rows.text(6), rows.text(7), rows.text(8)});
        if (!decision) return std::unexpected(decision.error());
        assessment.decisions.push_back(std::move(*decision));
      }
      if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading decisions"));
    }
    return out;
  }

  std::expected<std::vector<VexStatement>, Error> vex_statements(std::span<const std::string> naming) override {
    auto found = prepare(
        "SELECT s.position, s.vulnerability, s.aliases, s.status, s.justification, s.impact_statement, "
        "s.action_statement, s.stated_at, s.author, s.document_ref, s.products, "
        "d.source, d.sha256, d.kind, d.ingested_at, d.produced_at FROM vex_statements s "
        "JOIN documents d ON d.id = s.document_id "
        "WHERE ?1 = '[]' OR s.document_id IN (SELECT v.document_id FROM vex_vulnerabilities v "
        "WHERE v.vulnerability IN (SELECT value FROM json_each(?1))) ORDER BY s.document_id, s.position");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, json_id_list(naming));
    std::vector<VexStatement> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      const VexStatementRow row{select.integer(0), select.text(1), select.text(2),  select.text(3),
                                select.text(4),    select.text(5), select.text(6),  select.text(7),
                                select.text(8),    select.text(9), select.text(10)};
      auto statement = to_statement(
          row, EvidenceRef{select.text(11), select.text(12), select.text(13), select.text(14), select.text(15)});
      if (!statement) return std::unexpected(statement.error());
      out.push_back(std::move(*statement));
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading VEX statements"));
    return out;
  }

  std::expected<std::vector<StoredDocument>, Error> vex_documents_without_rows(
      std::span<const std::string> naming) override {
    auto found = prepare(
        "SELECT d.source, d.sha256, d.kind, d.ingested_at, d.produced_at, d.content FROM vex_documents v "
        "JOIN documents d ON d.id = v.document_id WHERE v.statements > 0 "
        "AND NOT EXISTS (SELECT 1 FROM vex_statements s WHERE s.document_id = v.document_id) "
        "AND (?1 = '[]' OR v.document_id IN (SELECT n.document_id FROM vex_vulnerabilities n "
        "WHERE n.vulnerability IN (SELECT value FROM json_each(?1)))) ORDER BY v.document_id");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, json_id_list(naming));
    std::vector<StoredDocument> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      out.push_back(StoredDocument{
          EvidenceRef{select.text(0), select.text(1), select.text(2), select.text(3), select.text(4)}, select.blob(5)});
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading VEX documents"));
    return out;
  }

  std::expected<std::vector<FindingRecord>, Error> findings(std::int64_t sbom_id) override {
    auto found = prepare(
        "SELECT node, vulnerability, ids, purl, verdict, vex_status, suppressed, rating, nearest_fix, evaluated_at "
        "FROM findings WHERE product_id = (SELECT product_id FROM sboms WHERE id = ?1) AND sbom_id = ?1 "
        "ORDER BY node, vulnerability");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, sbom_id);
    std::vector<FindingRecord> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      out.push_back(FindingRecord{select.integer(0), select.text(1), split_ids(select.text(2)), select.text(3),
                                  select.text(4), select.text(5), select.integer(6) != 0, select.text(7),
                                  select.text(8), select.text(9)});
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading findings"));
    return out;
  }

  std::expected<void, Error> replace_findings(std::int64_t product_id, std::int64_t sbom_id,
                                              std::span<const FindingRecord> rows) override {
    auto remove = prepare("DELETE FROM findings WHERE product_id = ? AND sbom_id = ?");
    if (!remove) return std::unexpected(remove.error());
    if ((*remove)->reset().bind(1, product_id).bind(2, sbom_id).step() != SQLITE_DONE) {
      return std::unexpected(store_error(db_, "replacing findings"));
    }
    auto insert = prepare(
        "INSERT INTO findings (product_id, sbom_id, node, vulnerability, ids, purl, verdict, vex_status, suppressed, "
        "rating, nearest_fix, evaluated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    for (const FindingRecord& finding : rows) {
      Statement& row = (*insert)->reset().bind(1, product_id).bind(2, sbom_id).bind(3, finding.node);
      row.bind(4, finding.vulnerability).bind(5, join_ids(finding.ids)).bind(6, finding.purl).bind(7, finding.verdict);
      row.bind(8, finding.vex_status).bind(9, std::int64_t{finding.suppressed}).bind(10, finding.rating);
      if (row.bind(11, finding.nearest_fix).bind(12, finding.evaluated_at).step() != SQLITE_DONE) {
        return std::unexpected(store_error(db_, "storing findings"));
      }
    }
    return {};
  }

  std::expected<void, Error> mark_evaluated(std::int64_t sbom_id, std::string_view at) override {
    auto update = prepare("UPDATE sboms SET evaluated_at = ? WHERE id = ?");
    if (!update) return std::unexpected(update.error());
    if ((*update)->reset().bind(1, at).bind(2, sbom_id).step() != SQLITE_DONE) {
      return std::unexpected(store_error(db_, "marking an SBOM evaluated"));
    }
    return {};
  }

  std::expected<std::vector<std::int64_t>, Error> current_sboms_naming(std::span<const std::string> ids) override {
    auto found = prepare(
        "SELECT DISTINCT f.sbom_id FROM findings f JOIN json_each(?) w "
        "ON instr(' ' || f.ids || ' ', ' ' || w.value || ' ') > 0 JOIN sboms s ON s.id = f.sbom_id "
        "WHERE s.id = (SELECT max(latest.id) FROM sboms latest WHERE latest.product_id = s.product_id "
        "AND latest.product_version = s.product_version) ORDER BY 1");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, json_id_list(ids));
    std::vector<std::int64_t> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) out.push_back(select.integer(0));
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading findings"));
    return out;
  }

  std::expected<void, Error> add_events(std::span<const EventRecord> events) override {
    auto insert = prepare(
        "INSERT INTO events (at, kind, product, product_version, sbom_id, purl, vulnerability, ids, status_before, "
        "status_after, cause, ecosystem, components, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    for (const EventRecord& event : events) {
      Statement& row = (*insert)->reset().bind(1, event.at).bind(2, event.kind).bind(3, event.product);
      row.bind(4, event.product_version).bind(5, event.sbom_id).bind(6, event.purl).bind(7, event.vulnerability);
      row.bind(8, join_ids(event.ids)).bind(9, event.status_before).bind(10, event.status_after);
      row.bind(11, event.cause).bind(12, event.ecosystem).bind(13, event.components).bind(14, event.reason);
      if (row.step() != SQLITE_DONE) return std::unexpected(store_error(db_, "storing events"));
    }
    return {};
  }

  std::expected<std::vector<EventRecord>, Error> events(std::string_view since) override {
    auto found = prepare(std::string(kEventSelect) + " WHERE e.at >= ? ORDER BY e.id");
    if (!found) return std::unexpected(found.error());
    return read_events((*found)->reset().bind(1, since));
  }

  std::expected<std::vector<EventRecord>, Error> undelivered_events(std::string_view url,
                                                                    std::string_view since) override {
    auto found = prepare(std::string(kEventSelect) +
                         " WHERE e.at >= ?2 AND NOT EXISTS (SELECT 1 FROM deliveries x WHERE x.url = ?1 "
                         "AND x.event_id = e.id) ORDER BY e.id");
    if (!found) return std::unexpected(found.error());
    return read_events((*found)->reset().bind(1, url).bind(2, since));
  }

  std::expected<void, Error> mark_delivered(std::string_view url, std::int64_t event_id, int attempts) override {
    auto insert = prepare(
        "INSERT OR REPLACE INTO deliveries (url, event_id, delivered_at, attempts) VALUES (?, ?, ?, ?)");
    if (!insert) return std::unexpected(insert.error());
    Statement& row = (*insert)->reset().bind(1, url).bind(2, event_id);
    row.bind(3, format_rfc3339_utc(std::chrono::system_clock::now())).bind(4, std::int64_t{attempts});
    if (row.step() != SQLITE_DONE) return std::unexpected(store_error(db_, "recording a delivery"));
    return release_delivery(url, event_id);
  }

  std::expected<bool, Error> claim_delivery(std::string_view url, std::int64_t event_id, std::string_view deliverer,
                                            std::string_view stale_before) override {
    auto claim = prepare(
        "INSERT INTO delivery_claims (url, event_id, claimed_by, claimed_at) SELECT ?1, ?2, ?3, ?4 "
        "WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.url = ?1 AND d.event_id = ?2) "
        "ON CONFLICT (url, event_id) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at "
        "WHERE delivery_claims.claimed_by = excluded.claimed_by OR delivery_claims.claimed_at < ?5");
    if (!claim) return std::unexpected(claim.error());
    Statement& row = (*claim)->reset().bind(1, url).bind(2, event_id).bind(3, deliverer);
    row.bind(4, format_rfc3339_utc(std::chrono::system_clock::now())).bind(5, stale_before);
    if (row.step() != SQLITE_DONE) return std::unexpected(store_error(db_, "claiming a delivery"));
    return sqlite3_changes(db_) == 1;
  }

  std::expected<void, Error> release_delivery(std::string_view url, std::int64_t event_id) override {
    auto release = prepare("DELETE FROM delivery_claims WHERE url = ? AND event_id = ?");
    if (!release) return std::unexpected(release.error());
    if ((*release)->reset().bind(1, url).bind(2, event_id).step() != SQLITE_DONE) {
      return std::unexpected(store_error(db_, "releasing a delivery claim"));
    }
    return {};
  }

  std::expected<SbomGraphRecord, Error> sbom_graph(std::int64_t sbom_id) override {
    SbomGraphRecord graph;
    auto components = prepare("SELECT " + std::string(kComponentColumns) + " FROM components c WHERE c.product_id = (SELECT product_id FROM sboms WHERE id = ?1) "
                              "AND c.sbom_id = ?1 ORDER BY c.node");
    if (!components) return std::unexpected(components.error());
    Statement& select = (*components)->reset().bind(1, sbom_id);
    int status;
    while ((status = select.step()) == SQLITE_ROW) graph.components.push_back(read_component(select, 0));
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading an SBOM's components"));
    auto edges = prepare("SELECT from_node, to_node FROM dependency_edges WHERE product_id = (SELECT product_id FROM sboms "
                         "WHERE id = ?1) AND sbom_id = ?1 ORDER BY from_node, to_node");
    if (!edges) return std::unexpected(edges.error());
    Statement& edge_select = (*edges)->reset().bind(1, sbom_id);
    while ((status = edge_select.step()) == SQLITE_ROW) {
      graph.edges.push_back(EdgeRecord{edge_select.integer(0), edge_select.integer(1)});
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading an SBOM's dependencies"));
    return graph;
  }

  std::expected<std::vector<PortfolioComponent>, Error> current_components_for(
      std::span<const OsvPackage> packages) override {
    auto found = prepare(
        "SELECT p.name, s.product_version, s.id, d.sha256, " + std::string(kComponentColumns) +
        " FROM json_each(?) w JOIN components c ON c.ecosystem = json_extract(w.value, '$[0]') "
        "AND c.package_key = json_extract(w.value, '$[1]') JOIN sboms s ON s.id = c.sbom_id "
        "AND s.product_id = c.product_id JOIN products p ON p.id = s.product_id JOIN documents d ON d.id = s.document_id "
        "WHERE s.id = (SELECT max(latest.id) FROM sboms latest "
        "WHERE latest.product_id = s.product_id AND latest.product_version = s.product_version) "
        "ORDER BY p.name, s.product_version, c.node");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, json_package_list(packages));
    std::vector<PortfolioComponent> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      out.push_back(PortfolioComponent{select.text(0), select.text(1), select.integer(2), select.text(3),
                                       read_component(select, 4)});
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading the portfolio's components"));
    return out;
  }

  std::expected<std::vector<EcosystemUse>, Error> current_ecosystems() override {
    auto found = prepare(
        "SELECT c.ecosystem, count(*), count(DISTINCT s.id) FROM sboms s JOIN components c "
        "ON c.product_id = s.product_id AND c.sbom_id = s.id WHERE c.ecosystem IS NOT NULL "
        "AND c.ecosystem <> '' AND s.id = (SELECT max(latest.id) FROM sboms latest "
        "WHERE latest.product_id = s.product_id AND latest.product_version = s.product_version) "
        "GROUP BY c.ecosystem ORDER BY c.ecosystem");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset();
    std::vector<EcosystemUse> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      out.push_back(EcosystemUse{select.text(0), static_cast<std::size_t>(select.integer(1)),
                                 static_cast<std::size_t>(select.integer(2))});
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading the portfolio's ecosystems"));
    return out;
  }

  std::expected<std::vector<SbomIdentity>, Error> sbom_identities(std::span<const std::int64_t> sbom_ids) override {
    // The primary component is node 0 (store/portfolio.h): one primary-key lookup per SBOM.
    auto found = prepare("SELECT s.id, s.serial_number, s.bom_version, " + std::string(kComponentColumns) +
                         " FROM sboms s LEFT JOIN components c ON c.product_id = s.product_id AND c.sbom_id = s.id "
                         "AND c.node = 0 AND c.is_primary = 1 WHERE s.id IN (SELECT value FROM json_each(?)) "
                         "ORDER BY s.id");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, json_integer_list(sbom_ids));
    std::vector<SbomIdentity> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      SbomIdentity identity{select.integer(0), select.text(1), select.text(2), std::nullopt};
      if (!select.is_null(3)) identity.primary = read_component(select, 3);
      out.push_back(std::move(identity));
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading SBOM identities"));
    return out;
  }

  std::expected<std::vector<std::vector<ComponentRecord>>, Error> shortest_paths(
      std::span<const std::pair<std::int64_t, std::int64_t>> nodes) override {
    // Each start walks up its parent links; parents lie on shortest paths, so the walk ends.
    auto found = prepare(
        "WITH RECURSIVE walk(start, product_id, sbom_id, node, step) AS ("
        "SELECT w.key, s.product_id, s.id, json_extract(w.value, '$[1]'), 0 FROM json_each(?) w "
        "JOIN sboms s ON s.id = json_extract(w.value, '$[0]') "
        "UNION ALL SELECT walk.start, walk.product_id, walk.sbom_id, c.parent, walk.step + 1 FROM walk "
        "JOIN components c ON c.product_id = walk.product_id AND c.sbom_id = walk.sbom_id AND c.node = walk.node "
        "WHERE c.parent IS NOT NULL) "
        "SELECT walk.start, " + std::string(kComponentColumns) +
        " FROM walk JOIN components c ON c.product_id = walk.product_id AND c.sbom_id = walk.sbom_id "
        "AND c.node = walk.node "
        "ORDER BY walk.start, walk.step DESC");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset().bind(1, json_node_list(nodes));
    std::vector<std::vector<ComponentRecord>> out(nodes.size());
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      const auto start = static_cast<std::size_t>(select.integer(0));
      if (start < out.size()) out[start].push_back(read_component(select, 1));
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading dependency paths"));
    return out;
  }

  std::expected<int, Error> schema_version() override {
    auto found = prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
    if (!found) return std::unexpected(found.error());
    Statement& select = (*found)->reset();
    if (select.step() != SQLITE_ROW) return std::unexpected(store_error(db_, "reading the schema version"));
    return static_cast<int>(select.integer(0));
  }

  std::expected<void, Error> migrate() {
    if (auto made = exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                         "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                         "creating schema_migrations");
        !made) {
      return made;
    }
    auto current = schema_version();
    if (!current) return std::unexpected(current.error());
    const auto known = schema_migrations();
    if (!known.empty() && *current > known.back().version) {
      return std::unexpected(Error{
          ErrorCode::unsupported,
          fmt::format("store: schema version {} is newer than this cradle knows ({}); use a newer cradle",
                      *current, known.back().version),
          {}});
    }
    for (const Migration& migration : known) {
      if (migration.version <= *current) continue;
      auto applied = in_transaction(*this, [&]() -> std::expected<void, Error> {
        if (auto done = exec(migration_sql(migration, SqlEngine::sqlite), fmt::format("migration {}", migration.version));
            !done) {
          return done;
        }
        auto record = prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
        if (!record) return std::unexpected(record.error());
        Statement& statement = (*record)->reset().bind(1, std::int64_t{migration.version});
        statement.bind(2, migration.name).bind(3, format_rfc3339_utc(std::chrono::system_clock::now()));
        if (statement.step() != SQLITE_DONE) return std::unexpected(store_error(db_, "recording a migration"));
        return {};
      });
      if (!applied) return applied;
    }
    return {};
  }

 private:
  // Rows of (id, modified, sha256, kind, source, produced_at, ingested_at, content, snapshot):
  // the stored bytes only for records without a snapshot (the scan parses those).
  std::expected<std::vector<StoredAdvisory>, Error> read_advisories(Statement& select) {
    std::vector<StoredAdvisory> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      StoredAdvisory& stored = out.emplace_back();
      stored.id = select.text(0);
      stored.modified = select.text(1);
      EvidenceRef& evidence = stored.document.evidence;
      evidence.sha256 = select.text(2);
      evidence.kind = select.text(3);
      evidence.source = select.text(4);
      evidence.produced_at = select.text(5);
      evidence.ingested_at = select.text(6);
      stored.document.content = select.blob(7);
      stored.snapshot = select.blob(8);
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading advisories"));
    return out;
  }

  static constexpr std::string_view kSbomSelect =
      "SELECT s.id, s.product_id, p.name, s.product_version, d.source, d.sha256, d.kind, d.produced_at, "
      "d.ingested_at, s.ingested_at, s.serial_number, s.bom_version, s.components, s.dependencies, s.evaluated_at FROM sboms s "
      "JOIN products p ON p.id = s.product_id JOIN documents d ON d.id = s.document_id";

  std::expected<std::vector<SbomRecord>, Error> read_sboms(Statement& select) {
    std::vector<SbomRecord> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      SbomRecord& sbom = out.emplace_back();
      sbom.id = select.integer(0);
      sbom.product_id = select.integer(1);
      sbom.product = select.text(2);
      sbom.product_version = select.text(3);
      sbom.evidence = EvidenceRef{select.text(4), select.text(5), select.text(6), select.text(8), select.text(7)};
      sbom.ingested_at = select.text(9);
      sbom.serial_number = select.text(10);
      sbom.bom_version = select.text(11);
      sbom.components = static_cast<std::size_t>(select.integer(12));
      sbom.dependencies = static_cast<std::size_t>(select.integer(13));
      sbom.evaluated_at = select.text(14);
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading SBOMs"));
    return out;
  }

  static constexpr std::string_view kEventSelect =
      "SELECT e.id, e.at, e.kind, e.product, e.product_version, e.sbom_id, e.purl, e.vulnerability, e.ids, "
      "e.status_before, e.status_after, e.cause, e.ecosystem, e.components, e.reason FROM events e";

  std::expected<std::vector<EventRecord>, Error> read_events(Statement& select) {
    std::vector<EventRecord> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      out.push_back(EventRecord{select.integer(0), select.text(1), select.text(2), select.text(3), select.text(4),
                                select.integer(5), select.text(6), select.text(7), split_ids(select.text(8)),
                                select.text(9), select.text(10), select.text(11), select.text(12),
                                select.integer(13), select.text(14)});
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading events"));
    return out;
  }

  static constexpr std::string_view kComponentColumns =
      "c.node, c.parent, c.depth, c.is_primary, c.ref, c.name, c.version, c.purl, c.source_name, "
      "c.ecosystem, c.package_key";

  // The kComponentColumns of a row, from column `first` on.
  static ComponentRecord read_component(const Statement& select, int first) {
    ComponentRecord component;
    component.node = select.integer(first);
    component.parent = select.is_null(first + 1) ? -1 : select.integer(first + 1);
    component.depth = select.integer(first + 2);
    component.primary = select.integer(first + 3) != 0;
    component.ref = select.text(first + 4);
    component.name = select.text(first + 5);
    component.version = select.text(first + 6);
    component.purl = select.text(first + 7);
    component.source_name = select.text(first + 8);
    component.ecosystem = select.text(first + 9);
    component.package_key = select.text(first + 10);
    return component;
  }

  std::expected<std::vector<StoredProduct>, Error> read_products(Statement& select) {
    std::vector<StoredProduct> out;
    int status;
    while ((status = select.step()) == SQLITE_ROW) {
      out.push_back(StoredProduct{select.integer(0), Product{select.text(1),
                                                             ProductContext{select.text(2), select.text(3), select.text(4)},
                                                             select.text(5)}});
    }
    if (status != SQLITE_DONE) return std::unexpected(store_error(db_, "reading products"));
    return out;
  }

  std::expected<StatementLease, Error> prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
      auto statement = std::make_unique<Statement>(db_, sql);
      if (!statement->valid()) return std::unexpected(store_error(db_, "preparing a statement"));
      it = statements_.emplace(std::string(sql), std::move(statement)).first;
    }
    return StatementLease(it->second.get());
  }

  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>, KeyHash, std::equal_to<>> statements_;
};

}  // namespace

std::expected<std::unique_ptr<Store>, Error> open_sqlite_store(const std::string& path, OpenMode mode) {
  const bool in_memory = path == ":memory:";
  std::error_code error_code;
  if (mode == OpenMode::read_only && !in_memory && !std::filesystem::exists(path, error_code)) {
    return std::unexpected(Error{ErrorCode::io,
                                 fmt::format("store: {} does not exist (run `cradle db update` or `cradle ingest` first)", path),
                                 {}});
  }
  if (mode == OpenMode::read_write && !in_memory) {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, error_code);
    if (error_code) {
      return std::unexpected(Error{ErrorCode::io,
                                   fmt::format("store: cannot create {}: {}", parent.string(),
                                               error_code.message()),
                                   {}});
    }
  }
  sqlite3* db = nullptr;
  const int flags = mode == OpenMode::read_only ? SQLITE_OPEN_READONLY
                                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    Error error = store_error(db, fmt::format("cannot open {}", path));
    sqlite3_close(db);
    return std::unexpected(error);
  }
  auto store = std::make_unique<SqliteStore>(db);
  sqlite3_busy_timeout(db, 10'000);
  // Pages are read through a memory map rather than copied by read(2): a scan reads
  // thousands of records.
  for (std::string_view pragma : {"PRAGMA foreign_keys = ON", "PRAGMA mmap_size = 4294967296"}) {
    if (auto set = store->exec(pragma, pragma); !set) return std::unexpected(set.error());
  }
  if (mode == OpenMode::read_write) {
    for (std::string_view pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"}) {
      if (auto set = store->exec(pragma, pragma); !set) return std::unexpected(set.error());
    }
    if (auto migrated = store->migrate(); !migrated) return std::unexpected(migrated.error());
  } else {
    auto version = store->schema_version();
    if (!version) return std::unexpected(version.error());
    const auto known = schema_migrations();
    if (*version != known.back().version) {
      return std::unexpected(Error{
          ErrorCode::unsupported,
          fmt::format("store: {} is at schema version {}, this cradle reads version {} (run `cradle "
                      "db update` to migrate)",
                      path, *version, known.back().version),
          {}});
    }
  }
  return store;
}

}  // namespace cradle
