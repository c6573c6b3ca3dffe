#include "store/postgres_store.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <optional>
#include <vector>

#include "formats/advisory_snapshot.h"
#include "formats/date_time.h"
#include "store/attestation_rows.h"
#include "store/decision_rows.h"
#include "store/schema.h"
#include "store/vex_statement_row.h"

namespace cradle {
namespace {

// Keys for pg_advisory_xact_lock: migrations take the first; every transaction the second.
constexpr long long kMigrationLock = 0x637261646c65;  // "cradle"
constexpr long long kWriteLock = 0x637261646c66;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// A parameter: text, or bytes sent in binary (bytea).
struct Param {
  std::string_view value;
  bool binary = false;
  bool null = false;
};

Param text(std::string_view value) { return Param{value, false, false}; }
Param optional_text(std::string_view value) { return Param{value, false, value.empty()}; }
Param bytes(std::string_view value) { return Param{value, true, false}; }

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(PGconn* connection) : connection_(connection) {}
  ~PostgresStore() override { PQfinish(connection_); }

  Error failure(std::string_view what, const PGresult* result = nullptr) const {
    const char* message = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(connection_);
    std::string text = message != nullptr ? message : "failed";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return Error{ErrorCode::io, fmt::format("store: {}: {}", what, text), {}};
  }

  // Runs a statement; rows come back as text (bytea hex-encoded).
  std::expected<ResultPtr, Error> run(std::string_view what, const char* sql,
                                      std::initializer_list<Param> params = {}) {
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    for (const Param& param : params) {
      values.push_back(param.null ? nullptr : param.value.data());
      lengths.push_back(static_cast<int>(param.value.size()));
      formats.push_back(param.binary ? 1 : 0);
    }
    // Text parameters must be NUL-terminated for libpq: keep copies.
    std::vector<std::string> copies;
    copies.reserve(values.size());
    std::size_t i = 0;
    for (const Param& param : params) {
      if (!param.null && !param.binary) {
        copies.emplace_back(param.value);
        values[i] = copies.back().c_str();
      }
      ++i;
    }
    ResultPtr result(PQexecParams(connection_, sql, static_cast<int>(values.size()), nullptr,
                                  values.data(), lengths.data(), formats.data(), 0),
                     &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return std::unexpected(failure(what, result.get()));
    }
    return result;
  }

  static std::string cell(const PGresult* result, int row, int column) {
    if (PQgetisnull(result, row, column)) return {};
    return std::string(PQgetvalue(result, row, column), static_cast<std::size_t>(PQgetlength(result, row, column)));
  }

  static std::string bytea(const PGresult* result, int row, int column) {
    std::size_t length = 0;
    unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result, row, column)), &length);
    if (raw == nullptr) return {};
    std::string out(reinterpret_cast<const char*>(raw), length);
    PQfreemem(raw);
    return out;
  }

  // A command without parameters; it may hold several statements (migrations do).
  std::expected<void, Error> exec(std::string_view what, const char* sql) {
    ResultPtr result(PQexec(connection_, sql), &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return std::unexpected(failure(what, result.get()));
    }
    return {};
  }

  // Transactions take turns, as SQLite's BEGIN IMMEDIATE makes them: evidence written and the
  // findings worked out from the store must not interleave. Interleaved, two workers each miss
  // the other's rows: one evaluates an SBOM before advisories another is storing commit, and
  // that one then finds no SBOM to re-evaluate; the findings are lost until the next change.
  // Job and delivery claims are single statements outside transactions, and do not wait.
  std::expected<void, Error> begin() override {
    if (auto begun = exec("begin", "BEGIN"); !begun) return begun;
    static const std::string lock = fmt::format("SELECT pg_advisory_xact_lock({})", kWriteLock);
    return exec("waiting for the other writers", lock.c_str());
  }
  std::expected<void, Error> commit() override { return exec("commit", "COMMIT"); }
  void rollback() override {
    if (PQtransactionStatus(connection_) != PQTRANS_IDLE) (void)exec("rollback", "ROLLBACK");
  }

  std::expected<std::int64_t, Error> put_document(const EvidenceRef& evidence,
                                                  std::string_view content) override {
    const std::string sha256 = evidence.sha256.empty() ? sha256_hex(content) : evidence.sha256;
    const std::string ingested_at = evidence.ingested_at.empty()
                                        ? format_rfc3339_utc(std::chrono::system_clock::now())
                                        : evidence.ingested_at;
    auto inserted = run("storing a document",
                        "INSERT INTO documents (sha256, kind, source, produced_at, ingested_at, content) "
                        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING RETURNING id",
                        {text(sha256), text(evidence.kind), text(evidence.source),
                         optional_text(evidence.produced_at), text(ingested_at), bytes(content)});
    if (!inserted) return std::unexpected(inserted.error());
    if (PQntuples(inserted->get()) == 1) return std::stoll(cell(inserted->get(), 0, 0));
    auto existing = run("reading a document", "SELECT id FROM documents WHERE sha256 = $1", {text(sha256)});
    if (!existing) return std::unexpected(existing.error());
    return std::stoll(cell(existing->get(), 0, 0));
  }

  std::expected<std::optional<StoredDocument>, Error> document(std::string_view sha256) override {
    auto result = run("reading a document",
                      "SELECT source, sha256, kind, ingested_at, produced_at, content FROM documents WHERE sha256 = $1",
                      {text(sha256)});
    if (!result) return std::unexpected(result.error());
    const PGresult* rows = result->get();
    if (PQntuples(rows) == 0) return std::nullopt;
    return StoredDocument{EvidenceRef{cell(rows, 0, 0), cell(rows, 0, 1), cell(rows, 0, 2), cell(rows, 0, 3), cell(rows, 0, 4)},
                          bytea(rows, 0, 5)};
  }

  std::expected<std::optional<std::string>, Error> advisory_modified(std::string_view id) override {
    auto result = run("reading an advisory", "SELECT modified FROM advisories WHERE id = $1", {text(id)});
    if (!result) return std::unexpected(result.error());
    if (PQntuples(result->get()) == 0) return std::nullopt;
    return cell(result->get(), 0, 0);
  }

  std::expected<void, Error> put_advisory(const Advisory& advisory, std::int64_t document_id) override {
    if (auto removed = run("replacing an advisory", "DELETE FROM advisories WHERE id = $1", {text(advisory.id)});
        !removed) {
      return std::unexpected(removed.error());
    }
    const std::string document = std::to_string(document_id);
    const std::string snapshot = write_advisory_snapshot(advisory);
    if (auto inserted = run("storing an advisory",
                            "INSERT INTO advisories (id, modified, withdrawn, document_id, snapshot) "
                            "VALUES ($1, $2, $3, $4, $5)",
                            {text(advisory.id), text(advisory.modified), optional_text(advisory.withdrawn),
                             text(document), bytes(snapshot)});
        !inserted) {
      return std::unexpected(inserted.error());
    }
    std::string key;
    for (const AffectedPackage& package : advisory.affected) {
      if (package.name.empty()) continue;
      osv_package_key(package.versions.ecosystem, package.name, key);
      if (auto inserted = run("storing an advisory's packages",
                              "INSERT INTO advisory_packages (advisory_id, ecosystem, package_key) "
                              "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                              {text(advisory.id), text(package.versions.ecosystem), text(key)});
          !inserted) {
        return std::unexpected(inserted.error());
      }
    }
    for (const auto& [ids, relation] : {std::pair{&advisory.aliases, "alias"}, std::pair{&advisory.upstream, "upstream"}}) {
      for (const std::string& other : *ids) {
        if (auto inserted = run("storing an advisory's aliases",
                                "INSERT INTO advisory_ids (advisory_id, other_id, relation) VALUES ($1, $2, $3) "
                                "ON CONFLICT DO NOTHING",
                                {text(advisory.id), text(other), text(relation)});
            !inserted) {
          return std::unexpected(inserted.error());
        }
      }
    }
    return {};
  }

  std::expected<std::vector<StoredAdvisory>, Error> read_advisories(std::string_view what, const char* sql,
                                                                    std::initializer_list<Param> params) {
    auto result = run(what, sql, params);
    if (!result) return std::unexpected(result.error());
    std::vector<StoredAdvisory> out;
    for (int row = 0; row < PQntuples(result->get()); ++row) {
      StoredAdvisory& stored = out.emplace_back();
      stored.id = cell(result->get(), row, 0);
      stored.modified = cell(result->get(), row, 1);
      EvidenceRef& evidence = stored.document.evidence;
      evidence.sha256 = cell(result->get(), row, 2);
      evidence.kind = cell(result->get(), row, 3);
      evidence.source = cell(result->get(), row, 4);
      evidence.produced_at = cell(result->get(), row, 5);
      evidence.ingested_at = cell(result->get(), row, 6);
      if (!PQgetisnull(result->get(), row, 7)) stored.document.content = bytea(result->get(), row, 7);
      if (!PQgetisnull(result->get(), row, 8)) stored.snapshot = bytea(result->get(), row, 8);
    }
    return out;
  }

  std::expected<std::vector<StoredAdvisory>, Error> advisories_for(std::span<const OsvPackage> packages) override {
    const std::string list = json_package_list(packages);
    return read_advisories(
        "reading advisories",
        "SELECT a.id, a.modified, d.sha256, d.kind, d.source, d.produced_at, d.ingested_at, "
        "CASE WHEN a.snapshot IS NULL THEN d.content END, a.snapshot "
        "FROM advisories a JOIN documents d ON d.id = a.document_id "
        "WHERE a.withdrawn IS NULL AND a.id IN (SELECT p.advisory_id FROM json_array_elements($1::json) w "
        "JOIN advisory_packages p ON p.ecosystem = w->>0 AND p.package_key = w->>1) ORDER BY a.id COLLATE \"C\"",
        {text(list)});
  }

  std::expected<std::vector<StoredAdvisory>, Error> advisories(std::span<const std::string> ids) override {
    const std::string list = json_id_list(ids);
    return read_advisories(
        "reading advisories",
        "SELECT a.id, a.modified, d.sha256, d.kind, d.source, d.produced_at, d.ingested_at, "
        "CASE WHEN a.snapshot IS NULL THEN d.content END, a.snapshot "
        "FROM advisories a JOIN documents d ON d.id = a.document_id "
        "WHERE a.id IN (SELECT json_array_elements_text($1::json)) ORDER BY a.id COLLATE \"C\"",
        {text(list)});
  }

  std::expected<std::vector<std::string>, Error> advisories_naming(std::span<const std::string> ids) override {
    const std::string list = json_id_list(ids);
    auto result = run("reading aliases",
                      "SELECT id FROM (SELECT advisory_id AS id FROM advisory_ids WHERE other_id IN "
                      "(SELECT json_array_elements_text($1::json)) UNION SELECT id FROM advisories WHERE id IN "
                      "(SELECT json_array_elements_text($1::json))) named ORDER BY id COLLATE \"C\"",
                      {text(list)});
    if (!result) return std::unexpected(result.error());
    std::vector<std::string> out;
    for (int row = 0; row < PQntuples(result->get()); ++row) out.push_back(cell(result->get(), row, 0));
    return out;
  }

  std::expected<AdvisoryCounts, Error> advisory_counts() override {
    auto result = run("counting advisories", "SELECT (SELECT count(*) FROM advisories), (SELECT count(*) FROM advisories WHERE withdrawn IS NOT NULL)");
    if (!result) return std::unexpected(result.error());
    return AdvisoryCounts{std::stoull(cell(result->get(), 0, 0)), std::stoull(cell(result->get(), 0, 1))};
  }

  std::expected<void, Error> put_ecosystem_loads(std::span<const EcosystemLoad> loads) override {
    for (const EcosystemLoad& load : loads) {
      const std::string records = std::to_string(load.records);
      const std::string unreadable = std::to_string(load.unreadable);
      auto result = run("recording what a source loaded",
                        "INSERT INTO advisory_coverage "
                        "(ecosystem, source, records, newest_modified, loaded_at, unreadable, example) "
                        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (ecosystem, source) DO UPDATE SET "
                        "records = EXCLUDED.records, newest_modified = EXCLUDED.newest_modified, "
                        "loaded_at = EXCLUDED.loaded_at, unreadable = EXCLUDED.unreadable, "
                        "example = EXCLUDED.example",
                        {text(load.ecosystem), text(load.source), text(records), text(load.newest_modified),
                         text(load.loaded_at), text(unreadable), text(load.example ? "1" : "0")});
      if (!result) return std::unexpected(result.error());
    }
    return {};
  }

  std::expected<void, Error> touch_ecosystem_loads(std::string_view source,
                                                   std::string_view loaded_at) override {
    auto result = run("recording a source loaded again",
                      "UPDATE advisory_coverage SET loaded_at = $1 WHERE source = $2",
                      {text(loaded_at), text(source)});
    if (!result) return std::unexpected(result.error());
    return {};
  }

  std::expected<AdvisoryCoverage, Error> advisory_coverage() override {
    auto result = run("reading the advisory coverage",
                      "SELECT ecosystem, source, records, newest_modified, loaded_at, unreadable, example "
                      "FROM advisory_coverage");
    if (!result) return std::unexpected(result.error());
    AdvisoryCoverage coverage;
    PGresult* rows = result->get();
    for (int row = 0; row < PQntuples(rows); ++row) {
      coverage.add(EcosystemLoad{cell(rows, row, 0), cell(rows, row, 1),
                                 std::stoull(cell(rows, row, 2)), cell(rows, row, 3),
                                 cell(rows, row, 4), std::stoull(cell(rows, row, 5)),
                                 cell(rows, row, 6) != "0"});
    }
    return coverage;
  }

  std::expected<std::optional<FetchState>, Error> fetch_state(std::string_view url) override {
    auto result = run("reading a fetch state", "SELECT etag, last_modified, fetched_at FROM fetch_state WHERE url = $1",
                      {text(url)});
    if (!result) return std::unexpected(result.error());
    if (PQntuples(result->get()) == 0) return std::nullopt;
    return FetchState{cell(result->get(), 0, 0), cell(result->get(), 0, 1), cell(result->get(), 0, 2)};
  }

  std::expected<void, Error> set_fetch_state(std::string_view url, const FetchState& state) override {
    auto result = run("storing a fetch state",
                      "INSERT INTO fetch_state (url, etag, last_modified, fetched_at) VALUES ($1, $2, $3, $4) "
                      "ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, "
                      "last_modified = EXCLUDED.last_modified, fetched_at = EXCLUDED.fetched_at",
                      {text(url), optional_text(state.etag), optional_text(state.last_modified), text(state.fetched_at)});
    if (!result) return std::unexpected(result.error());
    return {};
  }

  std::expected<std::int64_t, Error> enqueue_job(std::string_view kind, std::string_view payload) override {
    auto result = run("queueing a job", "INSERT INTO jobs (kind, payload, created_at) VALUES ($1, $2, $3) RETURNING id",
                      {text(kind), text(payload), text(format_rfc3339_utc(std::chrono::system_clock::now()))});
    if (!result) return std::unexpected(result.error());
    return std::stoll(cell(result->get(), 0, 0));
  }

  std::expected<std::optional<Job>, Error> claim_job(std::string_view worker, std::string_view stale_before) override {
    // The row lock is held only by the claiming statement's transaction; SKIP LOCKED lets the
    // other workers pass over the row being claimed instead of waiting for it.
    auto result = run("claiming a job",
                      "UPDATE jobs SET state = 'running', attempts = attempts + 1, claimed_by = $1, claimed_at = $2 "
                      "WHERE id = (SELECT id FROM jobs WHERE state = 'queued' OR (state = 'running' AND claimed_at < $3) "
                      "ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id, kind, payload, attempts",
                      {text(worker), text(format_rfc3339_utc(std::chrono::system_clock::now())),
                       optional_text(stale_before)});
    if (!result) return std::unexpected(result.error());
    if (PQntuples(result->get()) == 0) return std::nullopt;
    return Job{std::stoll(cell(result->get(), 0, 0)), cell(result->get(), 0, 1), cell(result->get(), 0, 2),
               std::stoi(cell(result->get(), 0, 3))};
  }

  std::expected<void, Error> finish_job(std::int64_t id, bool succeeded, std::string_view result_text) override {
    const std::string job = std::to_string(id);
    auto result = run("finishing a job", "UPDATE jobs SET state = $1, finished_at = $2, result = $3 WHERE id = $4",
                      {text(succeeded ? "done" : "failed"), text(format_rfc3339_utc(std::chrono::system_clock::now())),
                       text(result_text), text(job)});
    if (!result) return std::unexpected(result.error());
    return {};
  }

  std::expected<JobCounts, Error> job_counts() override {
    auto result = run("counting jobs",
                      "SELECT count(*) FILTER (WHERE state = 'queued'), count(*) FILTER (WHERE state = 'running'), "
                      "count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = 'failed') FROM jobs");
    if (!result) return std::unexpected(result.error());
    auto at = [&](int column) { return static_cast<std::size_t>(std::stoull(cell(result->get(), 0, column))); };
    return JobCounts{at(0), at(1), at(2), at(3)};
  }

  std::expected<std::int64_t, Error> put_product(const Product& product) override {
    const std::string now = product.created_at.empty() ? format_rfc3339_utc(std::chrono::system_clock::now())
                                                       : product.created_at;
    auto result = run("storing a product",
                      "INSERT INTO products (name, intended_use, exposure, criticality, created_at) "
                      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO UPDATE SET "
                      "intended_use = CASE WHEN $2 = '' THEN products.intended_use ELSE $2 END, "
                      "exposure = CASE WHEN $3 = '' THEN products.exposure ELSE $3 END, "
                      "criticality = CASE WHEN $4 = '' THEN products.criticality ELSE $4 END RETURNING id",
                      {text(product.name), text(product.context.intended_use), text(product.context.exposure),
                       text(product.context.criticality), text(now)});
    if (!result) return std::unexpected(result.error());
    return std::stoll(cell(result->get(), 0, 0));
  }

  std::expected<std::vector<StoredProduct>, Error> read_products(const char* sql, std::initializer_list<Param> params) {
    auto result = run("reading products", sql, params);
    if (!result) return std::unexpected(result.error());
    std::vector<StoredProduct> out;
    const PGresult* rows = result->get();
    for (int row = 0; row < PQntuples(rows); ++row) {
      out.push_back(StoredProduct{std::stoll(cell(rows, row, 0)),
                                  Product{cell(rows, row, 1),
                                          ProductContext{cell(rows, row, 2), cell(rows, row, 3), cell(rows, row, 4)},
                                          cell(rows, row, 5)}});
    }
    return out;
  }

  std::expected<std::optional<StoredProduct>, Error> product(std::string_view name) override {
    auto rows = read_products(
        "SELECT id, name, intended_use, exposure, criticality, created_at FROM products WHERE name = $1", {text(name)});
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::nullopt;
    return std::move(rows->front());
  }

  std::expected<std::vector<StoredProduct>, Error> products() override {
    return read_products(
        "SELECT id, name, intended_use, exposure, criticality, created_at FROM products ORDER BY name COLLATE \"C\"",
        {});
  }

  std::expected<SbomPut, Error> put_sbom(std::int64_t product_id, const SbomRecord& sbom, std::int64_t document_id,
                                         const SbomGraphRecord& graph) override {
    const std::string product = std::to_string(product_id);
    const std::string document = std::to_string(document_id);
    auto existing = run("reading an SBOM",
                        "SELECT id FROM sboms WHERE product_id = $1 AND product_version = $2 AND document_id = $3",
                        {text(product), text(sbom.product_version), text(document)});
    if (!existing) return std::unexpected(existing.error());
    if (PQntuples(existing->get()) == 1) return SbomPut{std::stoll(cell(existing->get(), 0, 0)), false};

    const std::string components = std::to_string(sbom.components);
    const std::string dependencies = std::to_string(sbom.dependencies);
    auto inserted = run("storing an SBOM",
                        "INSERT INTO sboms (product_id, product_version, document_id, serial_number, bom_version, "
                        "components, dependencies, ingested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                        {text(product), text(sbom.product_version), text(document), text(sbom.serial_number),
                         text(sbom.bom_version), text(components), text(dependencies), text(sbom.ingested_at)});
    if (!inserted) return std::unexpected(inserted.error());
    const std::string sbom_id = cell(inserted->get(), 0, 0);

    // The rows go in one statement each for components and edges, as JSON arrays: one round trip
    // per SBOM, not one per row.
    auto optional = [](const std::string& value) {
      return value.empty() ? nlohmann::json() : nlohmann::json(value);
    };
    nlohmann::json rows = nlohmann::json::array();
    for (const ComponentRecord& c : graph.components) {
      rows.push_back({c.node, c.parent >= 0 ? nlohmann::json(c.parent) : nlohmann::json(), c.depth, c.primary ? 1 : 0,
                      c.ref, c.name, c.version, c.purl, c.source_name, optional(c.ecosystem), optional(c.package_key)});
    }
    const std::string component_rows = rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (auto stored = run("storing an SBOM's components",
                          "INSERT INTO components (product_id, sbom_id, node, parent, depth, is_primary, ref, name, "
                          "version, purl, source_name, ecosystem, package_key) SELECT $1::bigint, $2::bigint, "
                          "(e->>0)::int, (e->>1)::int, (e->>2)::int, (e->>3)::int, e->>4, e->>5, e->>6, e->>7, e->>8, "
                          "e->>9, e->>10 FROM jsonb_array_elements($3::jsonb) e",
                          {text(product), text(sbom_id), text(component_rows)});
        !stored) {
      return std::unexpected(stored.error());
    }
    nlohmann::json edges = nlohmann::json::array();
    for (const EdgeRecord& edge : graph.edges) edges.push_back({edge.from, edge.to});
    const std::string edge_rows = edges.dump();
    if (auto stored = run("storing an SBOM's dependencies",
                          "INSERT INTO dependency_edges (product_id, sbom_id, from_node, to_node) SELECT $1::bigint, "
                          "$2::bigint, (e->>0)::int, (e->>1)::int FROM jsonb_array_elements($3::jsonb) e "
                          "ON CONFLICT DO NOTHING",
                          {text(product), text(sbom_id), text(edge_rows)});
        !stored) {
      return std::unexpected(stored.error());
    }
    return SbomPut{std::stoll(sbom_id), true};
  }

  std::expected<std::vector<SbomRecord>, Error> read_sboms(const std::string& where, std::initializer_list<Param> params) {
    const std::string sql =
        "SELECT s.id, s.product_id, p.name, s.product_version, d.source, d.sha256, d.kind, d.produced_at, "
        "d.ingested_at, s.ingested_at, s.serial_number, s.bom_version, s.components, s.dependencies, s.evaluated_at FROM sboms s "
        "JOIN products p ON p.id = s.product_id JOIN documents d ON d.id = s.document_id " + where;
    auto result = run("reading SBOMs", sql.c_str(), params);
    if (!result) return std::unexpected(result.error());
    std::vector<SbomRecord> out;
    const PGresult* rows = result->get();
    for (int row = 0; row < PQntuples(rows); ++row) {
      SbomRecord& sbom = out.emplace_back();
      sbom.id = std::stoll(cell(rows, row, 0));
      sbom.product_id = std::stoll(cell(rows, row, 1));
      sbom.product = cell(rows, row, 2);
      sbom.product_version = cell(rows, row, 3);
      sbom.evidence = EvidenceRef{cell(rows, row, 4), cell(rows, row, 5), cell(rows, row, 6), cell(rows, row, 8),
                                  cell(rows, row, 7)};
      sbom.ingested_at = cell(rows, row, 9);
      sbom.serial_number = cell(rows, row, 10);
      sbom.bom_version = cell(rows, row, 11);
      sbom.components = std::stoull(cell(rows, row, 12));
      sbom.dependencies = std::stoull(cell(rows, row, 13));
      sbom.evaluated_at = cell(rows, row, 14);
    }
    return out;
  }

  std::expected<std::vector<SbomRecord>, Error> product_sboms(std::string_view product) override {
    return read_sboms("WHERE p.name = $1 ORDER BY s.id", {text(product)});
  }

  std::expected<std::optional<SbomRecord>, Error> sbom(std::int64_t sbom_id) override {
    const std::string id = std::to_string(sbom_id);
    auto rows = read_sboms("WHERE s.id = $1", {text(id)});
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::nullopt;
    return std::move(rows->front());
  }

  std::expected<bool, Error> put_vex_document(std::int64_t document_id,
                                              std::span<const VexStatement> statements) override {
    const std::string document = std::to_string(document_id);
    const std::string count = std::to_string(statements.size());
    auto inserted = run("storing a VEX document",
                        "INSERT INTO vex_documents (document_id, statements, ingested_at) VALUES ($1, $2, $3) "
                        "ON CONFLICT DO NOTHING RETURNING document_id",
                        {text(document), text(count), text(format_rfc3339_utc(std::chrono::system_clock::now()))});
    if (!inserted) return std::unexpected(inserted.error());
    if (PQntuples(inserted->get()) == 0) return false;
    const std::string list = json_id_list(vex_named_ids(statements));
    auto named = run("storing a VEX document's vulnerabilities",
                     "INSERT INTO vex_vulnerabilities (document_id, vulnerability) SELECT $1::bigint, v "
                     "FROM jsonb_array_elements_text($2::jsonb) v ON CONFLICT DO NOTHING",
                     {text(document), text(list)});
    if (!named) return std::unexpected(named.error());
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < statements.size(); ++i) {
      const VexStatementRow r = to_row(statements[i], static_cast<std::int64_t>(i));
      rows.push_back({r.position, r.vulnerability, r.aliases, r.status, r.justification, r.impact_statement,
                      r.action_statement, r.stated_at, r.author, r.document_ref, r.products});
    }
    auto stated = run("storing VEX statements",
                      "INSERT INTO vex_statements (document_id, position, vulnerability, aliases, status, "
                      "justification, impact_statement, action_statement, stated_at, author, document_ref, products) "
                      "SELECT $1::bigint, (e->>0)::int, e->>1, e->>2, e->>3, e->>4, e->>5, e->>6, e->>7, e->>8, "
                      "e->>9, e->>10 FROM jsonb_array_elements($2::jsonb) e",
                      {text(document), text(rows.dump())});
    if (!stated) return std::unexpected(stated.error());
    return true;
  }

  std::expected<bool, Error> put_attestations(std::int64_t document_id,
                                              std::span<const Attestation> attestations) override {
    const std::string document = std::to_string(document_id);
    auto kept = run("reading attestations", "SELECT 1 FROM attestations WHERE document_id = $1",
                    {text(document)});
    if (!kept) return std::unexpected(kept.error());
    if (PQntuples(kept->get()) > 0) return false;
    nlohmann::json rows = nlohmann::json::array();
    nlohmann::json subjects = nlohmann::json::array();
    for (const Attestation& a : attestations) {
      rows.push_back({a.position, a.envelope, a.statement_type, a.predicate_type, a.builder_id,
                      a.build_type, a.finished_at, a.signatures});
      for (std::size_t i = 0; i < a.subjects.size(); ++i) {
        for (const auto& [algorithm, digest] : a.subjects[i].digests) {
          subjects.push_back({a.position, i, a.subjects[i].name, algorithm, digest});
        }
      }
    }
    auto stored = run("storing attestations",
                      "INSERT INTO attestations (document_id, position, envelope, statement_type, "
                      "predicate_type, builder_id, build_type, finished_at, signatures) "
                      "SELECT $1::bigint, (e->>0)::int, e->>1, e->>2, e->>3, e->>4, e->>5, e->>6, "
                      "(e->>7)::int FROM jsonb_array_elements($2::jsonb) e",
                      {text(document), text(rows.dump())});
    if (!stored) return std::unexpected(stored.error());
    auto stored_subjects = run("storing attestation subjects",
                               "INSERT INTO attestation_subjects (document_id, position, subject, name, "
                               "algorithm, digest) SELECT $1::bigint, (e->>0)::int, (e->>1)::int, e->>2, "
                               "e->>3, e->>4 FROM jsonb_array_elements($2::jsonb) e ON CONFLICT DO NOTHING",
                               {text(document), text(subjects.dump())});
    if (!stored_subjects) return std::unexpected(stored_subjects.error());
    return true;
  }

  std::expected<std::vector<Attestation>, Error> attestations_for_digest(std::string_view algorithm,
                                                                        std::string_view digest) override {
    auto found = run("reading attestations",
                     "SELECT a.document_id, a.position, a.envelope, a.statement_type, a.predicate_type, "
                     "a.builder_id, a.build_type, a.finished_at, a.signatures, d.source, d.sha256, d.kind, "
                     "d.ingested_at, d.produced_at FROM attestations a JOIN documents d ON d.id = a.document_id "
                     "WHERE (a.document_id, a.position) IN (SELECT document_id, position FROM "
                     "attestation_subjects WHERE algorithm = $1 AND digest = $2) ORDER BY a.document_id, a.position",
                     {text(algorithm), text(digest)});
    if (!found) return std::unexpected(found.error());
    auto listed = run("reading attestation subjects",
                      "SELECT s.document_id, s.position, s.subject, s.name, s.algorithm, s.digest "
                      "FROM attestation_subjects s WHERE (s.document_id, s.position) IN (SELECT document_id, "
                      "position FROM attestation_subjects WHERE algorithm = $1 AND digest = $2) "
                      "ORDER BY s.document_id, s.position, s.subject, s.algorithm",
                      {text(algorithm), text(digest)});
    if (!listed) return std::unexpected(listed.error());
    std::vector<AttestationRow> rows;
    const PGresult* a = found->get();
    for (int i = 0; i < PQntuples(a); ++i) {
      AttestationRow& row = rows.emplace_back();
      row.document_id = std::stoll(cell(a, i, 0));
      row.attestation.position = std::stoull(cell(a, i, 1));
      row.attestation.envelope = cell(a, i, 2);
      row.attestation.statement_type = cell(a, i, 3);
      row.attestation.predicate_type = cell(a, i, 4);
      row.attestation.builder_id = cell(a, i, 5);
      row.attestation.build_type = cell(a, i, 6);
      row.attestation.finished_at = cell(a, i, 7);
      row.attestation.signatures = std::stoull(cell(a, i, 8));
      row.attestation.evidence =
          EvidenceRef{cell(a, i, 9), cell(a, i, 10), cell(a, i, 11), cell(a, i, 12), cell(a, i, 13)};
    }
    std::vector<AttestationSubjectRow> subjects;
    const PGresult* s = listed->get();
    for (int i = 0; i < PQntuples(s); ++i) {
      subjects.push_back(AttestationSubjectRow{std::stoll(cell(s, i, 0)), std::stoll(cell(s, i, 1)),
                                               std::stoll(cell(s, i, 2)), cell(s, i, 3), cell(s, i, 4),
                                               cell(s, i, 5)});
    }
    return assemble_attestations(std::move(rows), subjects);
  }

  std::expected<bool, Error> put_signals(std::int64_t document_id, std::span<const Signal> signals) override {
    const std::string document = std::to_string(document_id);
    auto kept = run("reading signals", "SELECT 1 FROM signals WHERE document_id = $1", {text(document)});
    if (!kept) return std::unexpected(kept.error());
    if (PQntuples(kept->get()) > 0) return false;
    nlohmann::json rows = nlohmann::json::array();
    for (const Signal& signal : signals) {
      rows.push_back({signal.position, signal.subject, signal.revision, signal.source, signal.source_version,
                      signal.name, signal.score ? nlohmann::json(*signal.score) : nlohmann::json(nullptr),
                      signal.reason, signal.observed_at});
    }
    auto stored = run("storing signals",
                      "INSERT INTO signals (document_id, position, subject, revision, source, source_version, "
                      "name, score, reason, observed_at) SELECT $1::bigint, (e->>0)::int, e->>1, e->>2, e->>3, "
                      "e->>4, e->>5, (e->>6)::double precision, e->>7, e->>8 FROM jsonb_array_elements($2::jsonb) e",
                      {text(document), text(rows.dump())});
    if (!stored) return std::unexpected(stored.error());
    return true;
  }

  std::expected<std::int64_t, Error> put_assessment(std::int64_t product_id, std::int64_t policy_document_id,
                                                    const Assessment& assessment) override {
    const std::string product = std::to_string(product_id);
    const std::string sbom = std::to_string(assessment.sbom_id);
    const std::string policy = std::to_string(policy_document_id);
    auto inserted = run("storing an assessment",
                        "INSERT INTO assessments (product_id, product_version, sbom_id, policy_document_id, decided_at) "
                        "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        {text(product), text(assessment.product_version), text(sbom), text(policy),
                         text(assessment.decided_at)});
    if (!inserted) return std::unexpected(inserted.error());
    const std::string id = cell(inserted->get(), 0, 0);
    nlohmann::json rows = nlohmann::json::array();
    std::int64_t position = 0;
    for (const Decision& decision : assessment.decisions) {
      const DecisionRow d = to_row(decision, position++);
      rows.push_back({d.position, d.purl, d.vulnerability, d.ids, d.outcome, d.rule, d.due_by, d.rationale, d.evidence});
    }
    auto stored = run("storing decisions",
                      "INSERT INTO decisions (product_id, assessment_id, position, purl, vulnerability, ids, outcome, "
                      "rule, due_by, rationale, evidence) SELECT $1::bigint, $2::bigint, (e->>0)::int, e->>1, e->>2, "
                      "e->>3, e->>4, e->>5, e->>6, e->>7, e->>8 FROM jsonb_array_elements($3::jsonb) e",
                      {text(product), text(id), text(rows.dump())});
    if (!stored) return std::unexpected(stored.error());
    return std::stoll(id);
  }

  std::expected<std::vector<Assessment>, Error> assessments(std::string_view product, std::string_view version,
                                                            std::size_t limit) override {
    const std::string limit_text = std::to_string(limit);
    auto found = run("reading assessments",
                     "SELECT a.id, p.name, a.product_version, a.sbom_id, a.decided_at, d.source, d.sha256, d.kind, "
                     "d.ingested_at, d.produced_at FROM assessments a JOIN products p ON p.id = a.product_id "
                     "JOIN documents d ON d.id = a.policy_document_id "
                     "WHERE p.name = $1 AND ($2 = '' OR a.product_version = $2) ORDER BY a.id DESC LIMIT $3::bigint",
                     {text(product), text(version), text(limit_text)});
    if (!found) return std::unexpected(found.error());
    std::vector<Assessment> out;
    const PGresult* rows = found->get();
    for (int i = 0; i < PQntuples(rows); ++i) {
      Assessment& assessment = out.emplace_back();
      assessment.id = std::stoll(cell(rows, i, 0));
      assessment.product = cell(rows, i, 1);
      assessment.product_version = cell(rows, i, 2);
      assessment.sbom_id = std::stoll(cell(rows, i, 3));
      assessment.decided_at = cell(rows, i, 4);
      assessment.policy =
          EvidenceRef{cell(rows, i, 5), cell(rows, i, 6), cell(rows, i, 7), cell(rows, i, 8), cell(rows, i, 9)};
    }
    for (Assessment& assessment : out) {
      const std::string id = std::to_string(assessment.id);
      auto decisions = run("reading decisions",
                           "SELECT position, purl, vulnerability, ids, outcome, rule, due_by, rationale, evidence "
                           "FROM decisions WHERE assessment_id = $1 ORDER BY position",
                           {text(id)});
      if (!decisions) return std::unexpected(decisions.error());
      const PGresult* d = decisions->get();
      for (int i = 0; i < PQntuples(d); ++i) {
        auto decision = to_decision(DecisionRow{std::stoll(cell(d, i, 0)), cell(d, i, 1), cell(d, i, 2), cell(d, i, 3),
                                                cell(d, i, 4), cell(d, i, 5), cell(d, i, 6), cell(d, i, 7),
                                                cell(d, i, 8)});
        if (!decision) return std::unexpected(decision.error());
        assessment.decisions.push_back(std::move(*decision));
      }
    }
    return out;
  }

  std::expected<std::vector<Signal>, Error> signals_about(std::string_view subject) override {
    // The score as text that reads back to the same double (PostgreSQL 12 and later print the
    // shortest exact form).
    auto found = run("reading signals",
                     "SELECT s.position, s.subject, s.revision, s.source, s.source_version, s.name, s.score, "
                     "s.reason, s.observed_at, d.source, d.sha256, d.kind, d.ingested_at, d.produced_at "
                     "FROM signals s JOIN documents d ON d.id = s.document_id WHERE s.subject = $1 "
                     "ORDER BY s.observed_at DESC, s.document_id, s.position",
                     {text(subject)});
    if (!found) return std::unexpected(found.error());
    std::vector<Signal> out;
    const PGresult* rows = found->get();
    for (int i = 0; i < PQntuples(rows); ++i) {
      Signal& signal = out.emplace_back();
      signal.position = std::stoull(cell(rows, i, 0));
      signal.subject = cell(rows, i, 1);
      signal.revision = cell(rows, i, 2);
      signal.source = cell(rows, i, 3);
      signal.source_version = cell(rows, i, 4);
      signal.name = cell(rows, i, 5);
      if (!PQgetisnull(rows, i, 6)) signal.score = std::stod(cell(rows, i, 6));
      signal.reason = cell(rows, i, 7);
      signal.observed_at = cell(rows, i, 8);
      signal.evidence = EvidenceRef{cell(rows, i, 9), cell(rows, i, 10), cell(rows, i, 11), cell(rows, i, 12),
                                    cell(rows, i, 13)};
    }
    return out;
  }

  std::expected<std::vector<VexStatement>, Error> vex_statements(std::span<const std::string> naming) override {
    const std::string list = json_id_list(naming);
    auto result = run("reading VEX statements",
                      "SELECT s.position, s.vulnerability, s.aliases, s.status, s.justification, s.impact_statement, "
                      "s.action_statement, s.stated_at, s.author, s.document_ref, s.products, "
                      "d.source, d.sha256, d.kind, d.ingested_at, d.produced_at FROM vex_statements s "
                      "JOIN documents d ON d.id = s.document_id "
                      "WHERE $1::jsonb = '[]'::jsonb OR s.document_id IN (SELECT v.document_id "
                      "FROM vex_vulnerabilities v JOIN jsonb_array_elements_text($1::jsonb) w(id) "
                      "ON v.vulnerability = w.id) ORDER BY s.document_id, s.position",
                      {text(list)});
    if (!result) return std::unexpected(result.error());
    std::vector<VexStatement> out;
    const PGresult* rows = result->get();
    for (int i = 0; i < PQntuples(rows); ++i) {
      const VexStatementRow row{std::stoll(cell(rows, i, 0)), cell(rows, i, 1), cell(rows, i, 2),
                                cell(rows, i, 3),             cell(rows, i, 4), cell(rows, i, 5),
                                cell(rows, i, 6),             cell(rows, i, 7), cell(rows, i, 8),
                                cell(rows, i, 9),             cell(rows, i, 10)};
      auto statement = to_statement(row, EvidenceRef{cell(rows, i, 11), cell(rows, i, 12), cell(rows, i, 13),
                                                     cell(rows, i, 14), cell(rows, i, 15)});
      if (!statement) return std::unexpected(statement.error());
      out.push_back(std::move(*statement));
    }
    return out;
  }

  std::expected<std::vector<StoredDocument>, Error> vex_documents_without_rows(
      std::span<const std::string> naming) override {
    const std::string list = json_id_list(naming);
    auto result = run("reading VEX documents",
                      "SELECT d.source, d.sha256, d.kind, d.ingested_at, d.produced_at, d.content FROM vex_documents v "
                      "JOIN documents d ON d.id = v.document_id WHERE v.statements > 0 "
                      "AND NOT EXISTS (SELECT 1 FROM vex_statements s WHERE s.document_id = v.document_id) "
                      "AND ($1::jsonb = '[]'::jsonb OR v.document_id IN (SELECT n.document_id "
                      "FROM vex_vulnerabilities n JOIN jsonb_array_elements_text($1::jsonb) w(id) "
                      "ON n.vulnerability = w.id)) ORDER BY v.document_id",
                      {text(list)});
    if (!result) return std::unexpected(result.error());
    std::vector<StoredDocument> out;
    const PGresult* rows = result->get();
    for (int row = 0; row < PQntuples(rows); ++row) {
      out.push_back(StoredDocument{EvidenceRef{cell(rows, row, 0), cell(rows, row, 1), cell(rows, row, 2),
                                               cell(rows, row, 3), cell(rows, row, 4)},
                                   bytea(rows, row, 5)});
    }
    return out;
  }

  std::expected<std::vector<FindingRecord>, Error> findings(std::int64_t sbom_id) override {
    const std::string sbom = std::to_string(sbom_id);
    auto result = run("reading findings",
                      "SELECT node, vulnerability, ids, purl, verdict, vex_status, suppressed, rating, nearest_fix, "
                      "evaluated_at FROM findings WHERE product_id = (SELECT product_id FROM sboms WHERE id = $1) "
                      "AND sbom_id = $1 ORDER BY node, vulnerability COLLATE \"C\"",
                      {text(sbom)});
    if (!result) return std::unexpected(result.error());
    std::vector<FindingRecord> out;
    const PGresult* rows = result->get();
    for (int row = 0; row < PQntuples(rows); ++row) {
      out.push_back(FindingRecord{std::stoll(cell(rows, row, 0)), cell(rows, row, 1), split_ids(cell(rows, row, 2)),
                                  cell(rows, row, 3), cell(rows, row, 4), cell(rows, row, 5),
                                  cell(rows, row, 6) != "0", cell(rows, row, 7), cell(rows, row, 8),
                                  cell(rows, row, 9)});
    }
    return out;
  }

  std::expected<void, Error> replace_findings(std::int64_t product_id, std::int64_t sbom_id,
                                              std::span<const FindingRecord> rows) override {
    const std::string product = std::to_string(product_id);
    const std::string sbom = std::to_string(sbom_id);
    if (auto removed = run("replacing findings", "DELETE FROM findings WHERE product_id = $1 AND sbom_id = $2",
                           {text(product), text(sbom)});
        !removed) {
      return std::unexpected(removed.error());
    }
    if (rows.empty()) return {};
    nlohmann::json list = nlohmann::json::array();
    for (const FindingRecord& f : rows) {
      list.push_back({f.node, f.vulnerability, join_ids(f.ids), f.purl, f.verdict, f.vex_status, f.suppressed ? 1 : 0,
                      f.rating, f.nearest_fix, f.evaluated_at});
    }
    const std::string json = list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    auto stored = run("storing findings",
                      "INSERT INTO findings (product_id, sbom_id, node, vulnerability, ids, purl, verdict, vex_status, "
                      "suppressed, rating, nearest_fix, evaluated_at) SELECT $1::bigint, $2::bigint, (e->>0)::int, "
                      "e->>1, e->>2, e->>3, e->>4, e->>5, (e->>6)::int, e->>7, e->>8, e->>9 "
                      "FROM jsonb_array_elements($3::jsonb) e",
                      {text(product), text(sbom), text(json)});
    if (!stored) return std::unexpected(stored.error());
    return {};
  }

  std::expected<void, Error> mark_evaluated(std::int64_t sbom_id, std::string_view at) override {
    const std::string sbom = std::to_string(sbom_id);
    auto result = run("marking an SBOM evaluated", "UPDATE sboms SET evaluated_at = $1 WHERE id = $2",
                      {text(at), text(sbom)});
    if (!result) return std::unexpected(result.error());
    return {};
  }

  std::expected<std::vector<std::int64_t>, Error> current_sboms_naming(std::span<const std::string> ids) override {
    const std::string list = json_id_list(ids);
    auto result = run("reading findings",
                      "SELECT DISTINCT f.sbom_id FROM findings f JOIN jsonb_array_elements_text($1::jsonb) w(id) "
                      "ON strpos(' ' || f.ids || ' ', ' ' || w.id || ' ') > 0 JOIN sboms s ON s.id = f.sbom_id "
                      "WHERE s.id = (SELECT max(latest.id) FROM sboms latest WHERE latest.product_id = s.product_id "
                      "AND latest.product_version = s.product_version) ORDER BY 1",
                      {text(list)});
    if (!result) return std::unexpected(result.error());
    std::vector<std::int64_t> out;
    for (int row = 0; row < PQntuples(result->get()); ++row) out.push_back(std::stoll(cell(result->get(), row, 0)));
    return out;
  }

  std::expected<void, Error> add_events(std::span<const EventRecord> events) override {
    if (events.empty()) return {};
    nlohmann::json list = nlohmann::json::array();
    for (const EventRecord& e : events) {
      list.push_back({e.at, e.kind, e.product, e.product_version, e.sbom_id, e.purl, e.vulnerability, join_ids(e.ids),
                      e.status_before, e.status_after, e.cause, e.ecosystem, e.components, e.reason});
    }
    const std::string json = list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    auto stored = run("storing events",
                      "INSERT INTO events (at, kind, product, product_version, sbom_id, purl, vulnerability, ids, "
                      "status_before, status_after, cause, ecosystem, components, reason) SELECT e->>0, e->>1, e->>2, "
                      "e->>3, (e->>4)::bigint, e->>5, e->>6, e->>7, e->>8, e->>9, e->>10, e->>11, (e->>12)::integer, "
                      "e->>13 FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY "
                      "AS x(e, n) ORDER BY n",
                      {text(json)});
    if (!stored) return std::unexpected(stored.error());
    return {};
  }

  std::expected<std::vector<EventRecord>, Error> read_events(const std::string& where, std::initializer_list<Param> params) {
    const std::string sql =
        "SELECT e.id, e.at, e.kind, e.product, e.product_version, e.sbom_id, e.purl, e.vulnerability, e.ids, "
        "e.status_before, e.status_after, e.cause, e.ecosystem, e.components, e.reason FROM events e " + where;
    auto result = run("reading events", sql.c_str(), params);
    if (!result) return std::unexpected(result.error());
    std::vector<EventRecord> out;
    const PGresult* rows = result->get();
    for (int row = 0; row < PQntuples(rows); ++row) {
      out.push_back(EventRecord{std::stoll(cell(rows, row, 0)), cell(rows, row, 1), cell(rows, row, 2),
                                cell(rows, row, 3), cell(rows, row, 4), std::stoll(cell(rows, row, 5)),
                                cell(rows, row, 6), cell(rows, row, 7), split_ids(cell(rows, row, 8)),
                                cell(rows, row, 9), cell(rows, row, 10), cell(rows, row, 11), cell(rows, row, 12),
                                std::stoll(cell(rows, row, 13)), cell(rows, row, 14)});
    }
    return out;
  }

  std::expected<std::vector<EventRecord>, Error> events(std::string_view since) override {
    return read_events("WHERE e.at >= $1 ORDER BY e.id", {text(since)});
  }

  std::expected<std::vector<EventRecord>, Error> undelivered_events(std::string_view url,
                                                                    std::string_view since) override {
    return read_events("WHERE e.at >= $2 AND NOT EXISTS (SELECT 1 FROM deliveries x WHERE x.url = $1 AND "
                       "x.event_id = e.id) ORDER BY e.id",
                       {text(url), text(since)});
  }

  std::expected<void, Error> mark_delivered(std::string_view url, std::int64_t event_id, int attempts) override {
    const std::string event = std::to_string(event_id);
    const std::string count = std::to_string(attempts);
    auto result = run("recording a delivery",
                      "INSERT INTO deliveries (url, event_id, delivered_at, attempts) VALUES ($1, $2, $3, $4) "
                      "ON CONFLICT (url, event_id) DO UPDATE SET delivered_at = EXCLUDED.delivered_at, "
                      "attempts = EXCLUDED.attempts",
                      {text(url), text(event), text(format_rfc3339_utc(std::chrono::system_clock::now())),
                       text(count)});
    if (!result) return std::unexpected(result.error());
    return release_delivery(url, event_id);
  }

  std::expected<bool, Error> claim_delivery(std::string_view url, std::int64_t event_id, std::string_view deliverer,
                                            std::string_view stale_before) override {
    const std::string event = std::to_string(event_id);
    auto result = run("claiming a delivery",
                      "INSERT INTO delivery_claims (url, event_id, claimed_by, claimed_at) "
                      "SELECT $1, $2::bigint, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM deliveries d "
                      "WHERE d.url = $1 AND d.event_id = $2::bigint) "
                      "ON CONFLICT (url, event_id) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, "
                      "claimed_at = EXCLUDED.claimed_at WHERE delivery_claims.claimed_by = EXCLUDED.claimed_by "
                      "OR delivery_claims.claimed_at < $5 RETURNING event_id",
                      {text(url), text(event), text(deliverer),
                       text(format_rfc3339_utc(std::chrono::system_clock::now())), text(stale_before)});
    if (!result) return std::unexpected(result.error());
    return PQntuples(result->get()) == 1;
  }

  std::expected<void, Error> release_delivery(std::string_view url, std::int64_t event_id) override {
    const std::string event = std::to_string(event_id);
    auto result = run("releasing a delivery claim", "DELETE FROM delivery_claims WHERE url = $1 AND event_id = $2",
                      {text(url), text(event)});
    if (!result) return std::unexpected(result.error());
    return {};
  }

  std::expected<SbomGraphRecord, Error> sbom_graph(std::int64_t sbom_id) override {
    const std::string sbom = std::to_string(sbom_id);
    const std::string components_sql =
        "SELECT " + std::string(kComponentColumns) +
        " FROM components c WHERE c.product_id = (SELECT product_id FROM sboms WHERE id = $1) AND c.sbom_id = $1 "
        "ORDER BY c.node";
    auto components = run("reading an SBOM's components", components_sql.c_str(), {text(sbom)});
    if (!components) return std::unexpected(components.error());
    SbomGraphRecord graph;
    for (int row = 0; row < PQntuples(components->get()); ++row) {
      graph.components.push_back(read_component(components->get(), row, 0));
    }
    auto edges = run("reading an SBOM's dependencies",
                     "SELECT from_node, to_node FROM dependency_edges WHERE product_id = (SELECT product_id FROM "
                     "sboms WHERE id = $1) AND sbom_id = $1 ORDER BY from_node, to_node",
                     {text(sbom)});
    if (!edges) return std::unexpected(edges.error());
    for (int row = 0; row < PQntuples(edges->get()); ++row) {
      graph.edges.push_back(EdgeRecord{std::stoll(cell(edges->get(), row, 0)), std::stoll(cell(edges->get(), row, 1))});
    }
    return graph;
  }

  std::expected<std::vector<PortfolioComponent>, Error> current_components_for(
      std::span<const OsvPackage> packages) override {
    const std::string list = json_package_list(packages);
    // The package lookup first, materialized: left to itself the planner starts from the SBOMs
    // (it takes the current-SBOM filter for very selective) and reads every current component.
    const std::string sql =
        "WITH hits AS MATERIALIZED (SELECT c.* FROM jsonb_array_elements($1::jsonb) w JOIN components c "
        "ON c.ecosystem = w->>0 AND c.package_key = w->>1) "
        "SELECT p.name, s.product_version, s.id, d.sha256, " + std::string(kComponentColumns) +
        " FROM hits c JOIN sboms s ON s.id = c.sbom_id AND s.product_id = c.product_id JOIN products p ON p.id = s.product_id "
        "JOIN documents d ON d.id = s.document_id WHERE s.id = (SELECT max(latest.id) FROM sboms latest WHERE latest.product_id = s.product_id "
        "AND latest.product_version = s.product_version) "
        "ORDER BY p.name COLLATE \"C\", s.product_version COLLATE \"C\", c.node";
    auto result = run("reading the portfolio's components", sql.c_str(), {text(list)});
    if (!result) return std::unexpected(result.error());
    std::vector<PortfolioComponent> out;
    const PGresult* rows = result->get();
    for (int row = 0; row < PQntuples(rows); ++row) {
      out.push_back(PortfolioComponent{cell(rows, row, 0), cell(rows, row, 1), std::stoll(cell(rows, row, 2)),
                                       cell(rows, row, 3), read_component(rows, row, 4)});
    }
    return out;
  }

  std::expected<std::vector<EcosystemUse>, Error> current_ecosystems() override {
    auto result = run("reading the portfolio's ecosystems",
        "SELECT c.ecosystem, count(*), count(DISTINCT s.id) FROM sboms s JOIN components c "
        "ON c.product_id = s.product_id AND c.sbom_id = s.id WHERE c.ecosystem IS NOT NULL "
        "AND c.ecosystem <> '' AND s.id = (SELECT max(latest.id) FROM sboms latest "
        "WHERE latest.product_id = s.product_id AND latest.product_version = s.product_version) "
        "GROUP BY c.ecosystem ORDER BY c.ecosystem");
    if (!result) return std::unexpected(result.error());
    std::vector<EcosystemUse> out;
    PGresult* rows = result->get();
    for (int row = 0; row < PQntuples(rows); ++row) {
      out.push_back(EcosystemUse{cell(rows, row, 0), std::stoull(cell(rows, row, 1)),
                                 std::stoull(cell(rows, row, 2))});
    }
    return out;
  }

  std::expected<std::vector<SbomIdentity>, Error> sbom_identities(std::span<const std::int64_t> sbom_ids) override {
    // The primary component is node 0 (store/portfolio.h): one primary-key lookup per SBOM.
    const std::string list = json_integer_list(sbom_ids);
    const std::string sql = "SELECT s.id, s.serial_number, s.bom_version, " + std::string(kComponentColumns) +
                            " FROM sboms s LEFT JOIN components c ON c.product_id = s.product_id AND c.sbom_id = s.id "
                            "AND c.node = 0 AND c.is_primary = 1 "
                            "WHERE s.id IN (SELECT value::bigint FROM jsonb_array_elements_text($1::jsonb)) "
                            "ORDER BY s.id";
    auto result = run("reading SBOM identities", sql.c_str(), {text(list)});
    if (!result) return std::unexpected(result.error());
    std::vector<SbomIdentity> out;
    const PGresult* rows = result->get();
    for (int row = 0; row < PQntuples(rows); ++row) {
      SbomIdentity identity{std::stoll(cell(rows, row, 0)), cell(rows, row, 1), cell(rows, row, 2), std::nullopt};
      if (!PQgetisnull(rows, row, 3)) identity.primary = read_component(rows, row, 3);
      out.push_back(std::move(identity));
    }
    return out;
  }

  std::expected<std::vector<std::vector<ComponentRecord>>, Error> shortest_paths(
      std::span<const std::pair<std::int64_t, std::int64_t>> nodes) override {
    // Each start walks up its parent links; parents lie on shortest paths, so the walk ends.
    const std::string list = json_node_list(nodes);
    const std::string sql =
        "WITH RECURSIVE walk(start, product_id, sbom_id, node, step) AS ("
        "SELECT (w.ordinality - 1)::int, s.product_id, s.id, (w.value->>1)::int, 0 "
        "FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY w(value, ordinality) "
        "JOIN sboms s ON s.id = (w.value->>0)::bigint "
        "UNION ALL SELECT walk.start, walk.product_id, walk.sbom_id, c.parent, walk.step + 1 FROM walk "
        "JOIN components c ON c.product_id = walk.product_id AND c.sbom_id = walk.sbom_id AND c.node = walk.node "
        "WHERE c.parent IS NOT NULL) "
        "SELECT walk.start, " + std::string(kComponentColumns) +
        " FROM walk JOIN components c ON c.product_id = walk.product_id AND c.sbom_id = walk.sbom_id "
        "AND c.node = walk.node ORDER BY walk.start, walk.step DESC";
    auto result = run("reading dependency paths", sql.c_str(), {text(list)});
    if (!result) return std::unexpected(result.error());
    std::vector<std::vector<ComponentRecord>> out(nodes.size());
    const PGresult* rows = result->get();
    for (int row = 0; row < PQntuples(rows); ++row) {
      const auto start = std::stoull(cell(rows, row, 0));
      if (start < out.size()) out[start].push_back(read_component(rows, row, 1));
    }
    return out;
  }

  std::expected<int, Error> schema_version() override {
    auto result = run("reading the schema version", "SELECT coalesce(max(version), 0) FROM schema_migrations");
    if (!result) return std::unexpected(result.error());
    return std::stoi(cell(result->get(), 0, 0));
  }

  // Every missing migration, in one transaction under an advisory lock: processes that open the
  // store at once wait for each other, and the second finds nothing left to do.
  std::expected<void, Error> migrate() {
    // A store at the newest version is opened without a transaction, so that opening it does
    // not wait for the writer whose turn it is (begin()): a worker's long import, say.
    const int newest = schema_migrations().back().version;
    if (auto current = schema_version(); current && *current == newest) return {};
    return in_transaction(*this, [&]() -> std::expected<void, Error> {
      const std::string lock = fmt::format("SELECT pg_advisory_xact_lock({})", kMigrationLock);
      if (auto locked = exec("locking for migration", lock.c_str()); !locked) return locked;
      if (auto made = exec("creating schema_migrations",
                           "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                           "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
          !made) {
        return made;
      }
      auto current = schema_version();
      if (!current) return std::unexpected(current.error());
      const auto known = schema_migrations();
      if (*current > known.back().version) {
        return std::unexpected(Error{
            ErrorCode::unsupported,
            fmt::format("store: schema version {} is newer than this cradle knows ({}); use a newer cradle",
                        *current, known.back().version),
            {}});
      }
      for (const Migration& migration : known) {
        if (migration.version <= *current) continue;
        const std::string sql = migration_sql(migration, SqlEngine::postgresql);
        if (auto applied = exec("migrating", sql.c_str()); !applied) return applied;
        const std::string version = std::to_string(migration.version);
        auto recorded = run("recording a migration",
                            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                            {text(version), text(migration.name),
                             text(format_rfc3339_utc(std::chrono::system_clock::now()))});
        if (!recorded) return std::unexpected(recorded.error());
      }
      return {};
    });
  }

 private:
  static constexpr std::string_view kComponentColumns =
      "c.node, c.parent, c.depth, c.is_primary, c.ref, c.name, c.version, c.purl, c.source_name, "
      "c.ecosystem, c.package_key";

  // The kComponentColumns of a row, from column `first` on.
  static ComponentRecord read_component(const PGresult* rows, int row, int first) {
    ComponentRecord component;
    component.node = std::stoll(cell(rows, row, first));
    component.parent = PQgetisnull(rows, row, first + 1) ? -1 : std::stoll(cell(rows, row, first + 1));
    component.depth = std::stoll(cell(rows, row, first + 2));
    component.primary = cell(rows, row, first + 3) != "0";
    component.ref = cell(rows, row, first + 4);
    component.name = cell(rows, row, first + 5);
    component.version = cell(rows, row, first + 6);
    component.purl = cell(rows, row, first + 7);
    component.source_name = cell(rows, row, first + 8);
    component.ecosystem = cell(rows, row, first + 9);
    component.package_key = cell(rows, row, first + 10);
    return component;
  }

  PGconn* connection_;
};

}  // namespace

std::expected<std::unique_ptr<Store>, Error> open_postgres_store(const std::string& url, OpenMode mode) {
  PGconn* connection = PQconnectdb(url.c_str());
  auto store = std::make_unique<PostgresStore>(connection);
  if (PQstatus(connection) != CONNECTION_OK) {
    return std::unexpected(store->failure(fmt::format("cannot connect to {}", redacted_location(url))));
  }
  if (auto quiet = store->exec("setting up the session", "SET client_min_messages = warning"); !quiet) {
    return std::unexpected(quiet.error());
  }
  if (mode == OpenMode::read_write) {
    if (auto migrated = store->migrate(); !migrated) return std::unexpected(migrated.error());
    return store;
  }
  auto version = store->schema_version();
  const int newest = schema_migrations().back().version;
  if (!version || *version != newest) {
    return std::unexpected(Error{
        ErrorCode::unsupported,
        fmt::format("store: {} is not at schema version {} (run `cradle db update` to create or migrate it)",
                    redacted_location(url), newest),
        {}});
  }
  return store;
}

}  // namespace cradle
