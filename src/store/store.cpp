#include "store/store.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <utility>

#include "formats/osv/advisory_snapshot.h"
#include "model/date_time.h"
#include "store/attestation_rows.h"
#include "store/decision_rows.h"
#include "store/postgres_connection.h"
#include "store/schema.h"
#include "store/sqlite_connection.h"
#include "store/vex_statement_row.h"

namespace cradle {
namespace {

// A document's evidence, read from the documents table joined as `d`: the one place that maps
// an EvidenceRef to columns.
constexpr std::string_view kEvidenceColumns =
    "d.source, d.sha256, d.kind, d.ingested_at, d.produced_at";
EvidenceRef read_evidence(const SqlRow& row, int first) {
  return EvidenceRef{row.text(first), row.text(first + 1), row.text(first + 2), row.text(first + 3),
                     row.text(first + 4)};
}

constexpr std::string_view kComponentColumns =
    "c.node, c.parent, c.depth, c.is_primary, c.ref, c.name, c.version, c.purl, c.source_name, "
    "c.ecosystem, c.package_key";

// The kComponentColumns of a row, from column `first` on.
ComponentRecord read_component(const SqlRow& row, int first) {
  ComponentRecord component;
  component.node = row.integer(first);
  component.parent = row.is_null(first + 1) ? -1 : row.integer(first + 1);
  component.depth = row.integer(first + 2);
  component.primary = row.integer(first + 3) != 0;
  component.ref = row.text(first + 4);
  component.name = row.text(first + 5);
  component.version = row.text(first + 6);
  component.purl = row.text(first + 7);
  component.source_name = row.text(first + 8);
  component.ecosystem = row.text(first + 9);
  component.package_key = row.text(first + 10);
  return component;
}

// Rows of (id, modified, evidence..., content, snapshot): the stored bytes only for records
// without a snapshot (the scan parses those).
const std::string kAdvisorySelect = fmt::format(
    "SELECT a.id, a.modified, {}, CASE WHEN a.snapshot IS NULL THEN d.content END, a.snapshot "
    "FROM advisories a JOIN documents d ON d.id = a.document_id ",
    kEvidenceColumns);
StoredAdvisory read_advisory(const SqlRow& row) {
  return StoredAdvisory{row.text(0), row.text(1),
                        StoredDocument{read_evidence(row, 2), row.bytes(7)}, row.bytes(8)};
}

const std::string kSbomSelect = fmt::format(
    "SELECT s.id, s.product_id, p.name, s.product_version, {}, s.ingested_at, s.serial_number, "
    "s.bom_version, s.components, s.dependencies, s.evaluated_at FROM sboms s JOIN products p ON "
    "p.id = s.product_id JOIN documents d ON d.id = s.document_id ",
    kEvidenceColumns);
SbomRecord read_sbom(const SqlRow& row) {
  SbomRecord sbom;
  sbom.id = row.integer(0);
  sbom.product_id = row.integer(1);
  sbom.product = row.text(2);
  sbom.product_version = row.text(3);
  sbom.evidence = read_evidence(row, 4);
  sbom.ingested_at = row.text(9);
  sbom.serial_number = row.text(10);
  sbom.bom_version = row.text(11);
  sbom.components = row.size(12);
  sbom.dependencies = row.size(13);
  sbom.evaluated_at = row.text(14);
  return sbom;
}

constexpr std::string_view kEventSelect =
    "SELECT e.id, e.at, e.kind, e.product, e.product_version, e.sbom_id, e.purl, e.vulnerability, "
    "e.ids, e.status_before, e.status_after, e.cause, e.ecosystem, e.components, e.reason FROM "
    "events e ";
EventRecord read_event(const SqlRow& row) {
  // The schema admits only the kinds parse_event_kind() reads.
  return EventRecord{row.integer(0),
                     row.text(1),
                     parse_event_kind(row.text(2)).value_or(EventKind::new_finding),
                     row.text(3),
                     row.text(4),
                     row.integer(5),
                     row.text(6),
                     row.text(7),
                     split_ids(row.text(8)),
                     row.text(9),
                     row.text(10),
                     row.text(11),
                     row.text(12),
                     row.integer(13),
                     row.text(14)};
}

constexpr std::string_view kProductSelect =
    "SELECT id, name, intended_use, exposure, criticality, created_at FROM products ";
StoredProduct read_product(const SqlRow& row) {
  return StoredProduct{
      row.integer(0),
      Product{row.text(1), ProductContext{row.text(2), row.text(3), row.text(4)}, row.text(5)}};
}

// The current SBOM of a product version is the last one attached to it.
constexpr std::string_view kIsCurrentSbom =
    "s.id = (SELECT max(latest.id) FROM sboms latest WHERE latest.product_id = s.product_id AND "
    "latest.product_version = s.product_version)";

// The rows of one statement, each mapped by `map`.
template <typename Map>
auto collect(SqlConnection& db, std::string_view what, std::string_view sql,
             std::initializer_list<SqlValue> parameters, Map map)
    -> std::expected<std::vector<decltype(map(std::declval<const SqlRow&>()))>, Error> {
  std::vector<decltype(map(std::declval<const SqlRow&>()))> out;
  auto ran = db.run(what, sql, parameters, [&](const SqlRow& row) { out.push_back(map(row)); });
  if (!ran) return std::unexpected(ran.error());
  return out;
}

// The conformance rows of the SBOMs in `sboms` (ordered by id), each given to its SBOM.
std::expected<std::vector<SbomRecord>, Error> with_conformance(SqlConnection& db,
                                                              std::vector<SbomRecord> sboms,
                                                              std::string_view where,
                                                              const SqlValue& parameter) {
  const std::string sql = fmt::format(
      "SELECT c.sbom_id, c.profile, c.verdict, c.met, c.not_met, c.cannot_tell, "
      "c.not_applicable FROM sbom_conformance c JOIN sboms s ON s.id = c.sbom_id JOIN products p "
      "ON p.id = s.product_id {} ORDER BY c.sbom_id, c.profile",
      where);
  auto rows = collect(db, "reading SBOMs' conformance", sql, {parameter},
                      [](const SqlRow& row) {
                        return std::pair{row.integer(0),
                                         SbomConformance{row.text(1), row.text(2), row.size(3),
                                                         row.size(4), row.size(5), row.size(6)}};
                      });
  if (!rows) return std::unexpected(rows.error());
  for (auto& [sbom_id, conformance] : *rows) {
    auto sbom = std::ranges::lower_bound(sboms, sbom_id, {}, &SbomRecord::id);
    if (sbom != sboms.end() && sbom->id == sbom_id) sbom->conformance.push_back(std::move(conformance));
  }
  return sboms;
}

// The first row of one statement, mapped by `map`, if there is one.
template <typename Map>
auto first(SqlConnection& db, std::string_view what, std::string_view sql,
           std::initializer_list<SqlValue> parameters, Map map)
    -> std::expected<std::optional<decltype(map(std::declval<const SqlRow&>()))>, Error> {
  std::optional<decltype(map(std::declval<const SqlRow&>()))> out;
  auto ran = db.run(what, sql, parameters, [&](const SqlRow& row) {
    if (!out) out = map(row);
  });
  if (!ran) return std::unexpected(ran.error());
  return out;
}

std::int64_t id_of(const SqlRow& row) { return row.integer(0); }

std::expected<void, Error> done(const std::expected<std::size_t, Error>& ran) {
  if (!ran) return std::unexpected(ran.error());
  return {};
}

}  // namespace

Store::Store(std::unique_ptr<SqlConnection> db)
    : StoreState{std::move(db), Clock{}},
      DocumentStore(*connection, StoreState::clock),
      AdvisoryStore(*connection, StoreState::clock),
      PortfolioStore(*connection, StoreState::clock),
      VexStore(*connection, StoreState::clock),
      AttestationStore(*connection, StoreState::clock),
      SignalStore(*connection, StoreState::clock),
      DecisionStore(*connection, StoreState::clock),
      JobStore(*connection, StoreState::clock),
      EventStore(*connection, StoreState::clock) {}

std::expected<std::int64_t, Error> DocumentStore::put_document(const EvidenceRef& evidence,
                                                       std::string_view content) {
  const std::string sha256 = evidence.sha256.empty() ? sha256_hex(content) : evidence.sha256;
  constexpr std::string_view kFind = "SELECT id FROM documents WHERE sha256 = ?";
  auto found = first(*db_, "reading a document", kFind, {sha256}, id_of);
  if (!found) return std::unexpected(found.error());
  if (*found) return **found;
  const std::string ingested_at =
      evidence.ingested_at.empty() ? clock_.now_text() : evidence.ingested_at;
  // Without RETURNING, then the id read back: in one large transaction SQLite wrote more than
  // twice as much to its WAL with RETURNING here (200,000 OSV records: 2.4 million writes
  // instead of 1.0 million, the import 25% slower). The read also finds the row when another
  // process stored the same bytes meanwhile (PostgreSQL; SQLite's writers take turns).
  if (auto inserted = db_->run(
          "storing a document",
          "INSERT INTO documents (sha256, kind, source, produced_at, "
          "ingested_at, content) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
          "(sha256) DO NOTHING",
          {sha256, evidence.kind, evidence.source, SqlValue::optional_text(evidence.produced_at),
           ingested_at, SqlValue::bytes(content)});
      !inserted) {
    return std::unexpected(inserted.error());
  }
  auto existing = first(*db_, "reading a document", kFind, {sha256}, id_of);
  if (!existing) return std::unexpected(existing.error());
  return existing->value_or(0);
}

std::expected<std::optional<StoredDocument>, Error> DocumentStore::document(std::string_view sha256) {
  static const std::string sql =
      fmt::format("SELECT {}, d.content FROM documents d WHERE d.sha256 = ?", kEvidenceColumns);
  return first(*db_, "reading a document", sql, {sha256}, [](const SqlRow& row) {
    return StoredDocument{read_evidence(row, 0), row.bytes(5)};
  });
}

std::expected<std::optional<std::string>, Error> AdvisoryStore::advisory_modified(std::string_view id) {
  return first(*db_, "reading an advisory", "SELECT modified FROM advisories WHERE id = ?", {id},
               [](const SqlRow& row) { return row.text(0); });
}

std::expected<void, Error> AdvisoryStore::put_advisory(const Advisory& advisory, std::int64_t document_id) {
  // Replacing the row cascades to its packages and ids.
  if (auto removed =
          db_->run("replacing an advisory", "DELETE FROM advisories WHERE id = ?", {advisory.id});
      !removed) {
    return std::unexpected(removed.error());
  }
  const std::string snapshot = write_advisory_snapshot(advisory);
  if (auto inserted =
          db_->run("storing an advisory",
                   "INSERT INTO advisories (id, modified, withdrawn, document_id, snapshot) "
                   "VALUES (?, ?, ?, ?, ?)",
                   {advisory.id, advisory.modified, SqlValue::optional_text(advisory.withdrawn),
                    document_id, SqlValue::bytes(snapshot)});
      !inserted) {
    return std::unexpected(inserted.error());
  }
  std::vector<std::pair<const std::string*, std::string>> packages;
  for (const AffectedPackage& package : advisory.affected) {
    if (package.name.empty()) continue;
    std::string key;
    osv_package_key(package.versions.ecosystem, package.name, key);
    packages.emplace_back(&package.versions.ecosystem, std::move(key));
  }
  static const SqlBulkInsert kPackages{"advisory_packages", "advisory_id, ecosystem, package_key",
                                       "DO NOTHING"};
  if (auto stored = db_->insert_rows("storing an advisory's packages", kPackages, packages.size(),
                                     [&](std::size_t i, std::vector<SqlValue>& row) {
                                       row = {advisory.id, *packages[i].first, packages[i].second};
                                     });
      !stored) {
    return stored;
  }
  std::vector<std::pair<const std::string*, const char*>> ids;
  for (const std::string& alias : advisory.aliases) ids.emplace_back(&alias, "alias");
  for (const std::string& upstream : advisory.upstream) ids.emplace_back(&upstream, "upstream");
  static const SqlBulkInsert kIds{"advisory_ids", "advisory_id, other_id, relation", "DO NOTHING"};
  return db_->insert_rows("storing an advisory's aliases", kIds, ids.size(),
                          [&](std::size_t i, std::vector<SqlValue>& row) {
                            row = {advisory.id, *ids[i].first, ids[i].second};
                          });
}

std::expected<std::vector<StoredAdvisory>, Error> AdvisoryStore::advisories_for(
    std::span<const OsvPackage> packages) {
  static const std::string sql =
      kAdvisorySelect +
      "WHERE a.withdrawn IS NULL AND a.id IN (SELECT p.advisory_id FROM {json_rows:1} w JOIN "
      "advisory_packages p ON p.ecosystem = w.value ->> 0 AND p.package_key = w.value ->> 1) "
      "ORDER BY a.id {by_bytes}";
  return collect(*db_, "reading advisories", sql, {json_package_list(packages)}, read_advisory);
}

std::expected<std::vector<StoredAdvisory>, Error> AdvisoryStore::advisories(
    std::span<const std::string> ids) {
  static const std::string sql =
      kAdvisorySelect + "WHERE a.id IN (SELECT value FROM {json_texts:1}) ORDER BY a.id {by_bytes}";
  return collect(*db_, "reading advisories", sql, {json_id_list(ids)}, read_advisory);
}

std::expected<std::vector<std::string>, Error> AdvisoryStore::advisories_naming(
    std::span<const std::string> ids) {
  return collect(*db_, "reading aliases",
                 "SELECT id FROM (SELECT advisory_id AS id FROM advisory_ids WHERE other_id IN "
                 "(SELECT value FROM {json_texts:1}) UNION SELECT id FROM advisories WHERE id IN "
                 "(SELECT value FROM {json_texts:1})) named ORDER BY id {by_bytes}",
                 {json_id_list(ids)}, [](const SqlRow& row) { return row.text(0); });
}

std::expected<AdvisoryCounts, Error> AdvisoryStore::advisory_counts() {
  auto counts = first(*db_, "counting advisories",
                      "SELECT (SELECT count(*) FROM advisories), (SELECT count(*) FROM advisories "
                      "WHERE withdrawn IS NOT NULL)",
                      {}, [](const SqlRow& row) {
                        return AdvisoryCounts{row.size(0), row.size(1)};
                      });
  if (!counts) return std::unexpected(counts.error());
  return counts->value_or(AdvisoryCounts{});
}

std::expected<void, Error> AdvisoryStore::put_ecosystem_loads(std::span<const EcosystemLoad> loads) {
  for (const EcosystemLoad& load : loads) {
    auto stored = db_->run(
        "recording what a source loaded",
        "INSERT INTO advisory_coverage (ecosystem, source, records, newest_modified, loaded_at, "
        "unreadable, example) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ecosystem, source) DO "
        "UPDATE SET records = excluded.records, newest_modified = excluded.newest_modified, "
        "loaded_at = excluded.loaded_at, unreadable = excluded.unreadable, example = "
        "excluded.example",
        {load.ecosystem, load.source, static_cast<std::int64_t>(load.records), load.newest_modified,
         load.loaded_at, static_cast<std::int64_t>(load.unreadable), std::int64_t{load.example}});
    if (!stored) return std::unexpected(stored.error());
  }
  return {};
}

std::expected<void, Error> AdvisoryStore::touch_ecosystem_loads(std::string_view source,
                                                        std::string_view loaded_at) {
  return done(db_->run("recording a source loaded again",
                       "UPDATE advisory_coverage SET loaded_at = ? WHERE source = ?",
                       {loaded_at, source}));
}

std::expected<AdvisoryCoverage, Error> AdvisoryStore::advisory_coverage() {
  AdvisoryCoverage coverage;
  auto ran =
      db_->run("reading the advisory coverage",
               "SELECT ecosystem, source, records, newest_modified, loaded_at, unreadable, "
               "example FROM advisory_coverage",
               {}, [&](const SqlRow& row) {
                 coverage.add(EcosystemLoad{row.text(0), row.text(1), row.size(2), row.text(3),
                                            row.text(4), row.size(5), row.integer(6) != 0});
               });
  if (!ran) return std::unexpected(ran.error());
  return coverage;
}

std::expected<std::optional<FetchState>, Error> AdvisoryStore::fetch_state(std::string_view url) {
  return first(*db_, "reading a fetch state",
               "SELECT etag, last_modified, fetched_at FROM fetch_state WHERE url = ?", {url},
               [](const SqlRow& row) {
                 return FetchState{row.text(0), row.text(1), row.text(2)};
               });
}

std::expected<void, Error> AdvisoryStore::set_fetch_state(std::string_view url, const FetchState& state) {
  return done(
      db_->run("storing a fetch state",
               "INSERT INTO fetch_state (url, etag, last_modified, fetched_at) VALUES (?, ?, ?, "
               "?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = "
               "excluded.last_modified, fetched_at = excluded.fetched_at",
               {url, SqlValue::optional_text(state.etag),
                SqlValue::optional_text(state.last_modified), state.fetched_at}));
}

std::expected<std::int64_t, Error> JobStore::enqueue_job(std::string_view kind,
                                                      std::string_view payload) {
  auto id = first(*db_, "queueing a job",
                  "INSERT INTO jobs (kind, payload, created_at) VALUES (?, ?, ?) RETURNING id",
                  {kind, payload, clock_.now_text()}, id_of);
  if (!id) return std::unexpected(id.error());
  return id->value_or(0);
}

std::expected<std::optional<Job>, Error> JobStore::claim_job(std::string_view worker,
                                                          std::string_view stale_before) {
  auto claim = [&]() -> std::expected<std::optional<Job>, Error> {
    return first(
        *db_, "claiming a job",
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, claimed_by = ?, claimed_at = "
        "? WHERE id = (SELECT id FROM jobs WHERE state = 'queued' OR (state = 'running' AND "
        "claimed_at < ?) ORDER BY id {skip_locked} LIMIT 1) RETURNING id, kind, payload, attempts",
        {worker, clock_.now_text(), SqlValue::optional_text(stale_before)}, [](const SqlRow& row) {
          return Job{row.integer(0), row.text(1), row.text(2), static_cast<int>(row.integer(3))};
        });
  };
  if (db_->claims_need_transaction()) return in_transaction(*db_, claim);
  return claim();
}

std::expected<void, Error> JobStore::finish_job(std::int64_t id, bool succeeded,
                                             std::string_view result, std::string_view outcome) {
  return done(db_->run(
      "finishing a job",
      "UPDATE jobs SET state = ?, finished_at = ?, result = ?, outcome = ? WHERE id = ?",
      {succeeded ? "done" : "failed", clock_.now_text(), result,
       SqlValue::optional_text(outcome), id}));
}

std::expected<JobCounts, Error> JobStore::job_counts() {
  auto counts =
      first(*db_, "counting jobs",
            "SELECT count(*) FILTER (WHERE state = 'queued'), count(*) FILTER (WHERE state = "
            "'running'), count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = "
            "'failed') FROM jobs",
            {}, [](const SqlRow& row) {
              return JobCounts{row.size(0), row.size(1), row.size(2), row.size(3)};
            });
  if (!counts) return std::unexpected(counts.error());
  return counts->value_or(JobCounts{});
}

std::expected<std::int64_t, Error> PortfolioStore::put_product(const Product& product) {
  const std::string created_at =
      product.created_at.empty() ? clock_.now_text() : product.created_at;
  auto id =
      first(*db_, "storing a product",
            "INSERT INTO products (name, intended_use, exposure, criticality, created_at) VALUES "
            "(?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO UPDATE SET intended_use = CASE WHEN ?2 = "
            "'' THEN products.intended_use ELSE ?2 END, exposure = CASE WHEN ?3 = '' THEN "
            "products.exposure ELSE ?3 END, criticality = CASE WHEN ?4 = '' THEN "
            "products.criticality ELSE ?4 END RETURNING id",
            {product.name, product.context.intended_use, product.context.exposure,
             product.context.criticality, created_at},
            id_of);
  if (!id) return std::unexpected(id.error());
  return id->value_or(0);
}

std::expected<std::optional<StoredProduct>, Error> PortfolioStore::product(std::string_view name) {
  static const std::string sql = std::string(kProductSelect) + "WHERE name = ?";
  return first(*db_, "reading products", sql, {name}, read_product);
}

std::expected<std::vector<StoredProduct>, Error> PortfolioStore::products() {
  static const std::string sql = std::string(kProductSelect) + "ORDER BY name {by_bytes}";
  return collect(*db_, "reading products", sql, {}, read_product);
}

std::expected<SbomPut, Error> PortfolioStore::put_sbom(std::int64_t product_id, const SbomRecord& sbom,
                                              std::int64_t document_id,
                                              const SbomGraphRecord& graph) {
  auto existing =
      first(*db_, "reading an SBOM",
            "SELECT id FROM sboms WHERE product_id = ? AND product_version = ? AND document_id = ?",
            {product_id, sbom.product_version, document_id}, id_of);
  if (!existing) return std::unexpected(existing.error());
  if (*existing) return SbomPut{**existing, false};

  auto inserted = first(
      *db_, "storing an SBOM",
      "INSERT INTO sboms (product_id, product_version, document_id, serial_number, bom_version, "
      "components, dependencies, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {product_id, sbom.product_version, document_id, sbom.serial_number, sbom.bom_version,
       static_cast<std::int64_t>(sbom.components), static_cast<std::int64_t>(sbom.dependencies),
       sbom.ingested_at},
      id_of);
  if (!inserted) return std::unexpected(inserted.error());
  const std::int64_t sbom_id = inserted->value_or(0);

  static const SqlBulkInsert kComponents{
      "components",
      "product_id integer, sbom_id integer, node integer, parent integer, depth integer, "
      "is_primary integer, ref, name, version, purl, source_name, ecosystem, package_key"};
  auto components =
      db_->insert_rows("storing an SBOM's components", kComponents, graph.components.size(),
                       [&](std::size_t i, std::vector<SqlValue>& row) {
                         const ComponentRecord& c = graph.components[i];
                         row = {product_id,
                                sbom_id,
                                c.node,
                                c.parent >= 0 ? SqlValue(c.parent) : SqlValue::null(),
                                c.depth,
                                std::int64_t{c.primary},
                                c.ref,
                                c.name,
                                c.version,
                                c.purl,
                                c.source_name,
                                SqlValue::optional_text(c.ecosystem),
                                SqlValue::optional_text(c.package_key)};
                       });
  if (!components) return std::unexpected(components.error());
  static const SqlBulkInsert kEdges{
      "dependency_edges", "product_id integer, sbom_id integer, from_node integer, to_node integer",
      "DO NOTHING"};
  auto edges =
      db_->insert_rows("storing an SBOM's dependencies", kEdges, graph.edges.size(),
                       [&](std::size_t i, std::vector<SqlValue>& row) {
                         row = {product_id, sbom_id, graph.edges[i].from, graph.edges[i].to};
                       });
  if (!edges) return std::unexpected(edges.error());
  static const SqlBulkInsert kConformance{
      "sbom_conformance",
      "sbom_id integer, profile, verdict, met integer, not_met integer, cannot_tell integer, "
      "not_applicable integer"};
  auto conformance = db_->insert_rows(
      "storing an SBOM's conformance", kConformance, sbom.conformance.size(),
      [&](std::size_t i, std::vector<SqlValue>& row) {
        const SbomConformance& c = sbom.conformance[i];
        row = {sbom_id,
               c.profile,
               c.verdict,
               static_cast<std::int64_t>(c.met),
               static_cast<std::int64_t>(c.not_met),
               static_cast<std::int64_t>(c.cannot_tell),
               static_cast<std::int64_t>(c.not_applicable)};
      });
  if (!conformance) return std::unexpected(conformance.error());
  return SbomPut{sbom_id, true};
}

std::expected<std::vector<SbomRecord>, Error> PortfolioStore::product_sboms(std::string_view product) {
  static const std::string sql = kSbomSelect + "WHERE p.name = ? ORDER BY s.id";
  auto sboms = collect(*db_, "reading SBOMs", sql, {product}, read_sbom);
  if (!sboms) return sboms;
  return with_conformance(*db_, std::move(*sboms), "WHERE p.name = ?", product);
}

std::expected<std::optional<SbomRecord>, Error> PortfolioStore::sbom(std::int64_t sbom_id) {
  static const std::string sql = kSbomSelect + "WHERE s.id = ?";
  auto found = first(*db_, "reading SBOMs", sql, {sbom_id}, read_sbom);
  if (!found || !*found) return found;
  std::vector<SbomRecord> one;
  one.push_back(std::move(**found));
  auto read = with_conformance(*db_, std::move(one), "WHERE s.id = ?", sbom_id);
  if (!read) return std::unexpected(read.error());
  return std::optional<SbomRecord>(std::move(read->front()));
}

std::expected<SbomGraphRecord, Error> PortfolioStore::sbom_graph(std::int64_t sbom_id) {
  static const std::string components_sql = fmt::format(
      "SELECT {} FROM components c WHERE c.product_id = (SELECT product_id FROM sboms WHERE id = "
      "?1) AND c.sbom_id = ?1 ORDER BY c.node",
      kComponentColumns);
  auto components = collect(*db_, "reading an SBOM's components", components_sql, {sbom_id},
                            [](const SqlRow& row) { return read_component(row, 0); });
  if (!components) return std::unexpected(components.error());
  auto edges = collect(
      *db_, "reading an SBOM's dependencies",
      "SELECT from_node, to_node FROM dependency_edges WHERE product_id = (SELECT product_id FROM "
      "sboms WHERE id = ?1) AND sbom_id = ?1 ORDER BY from_node, to_node",
      {sbom_id}, [](const SqlRow& row) {
        return EdgeRecord{row.integer(0), row.integer(1)};
      });
  if (!edges) return std::unexpected(edges.error());
  return SbomGraphRecord{std::move(*components), std::move(*edges)};
}

std::expected<std::vector<PortfolioComponent>, Error> PortfolioStore::current_components_for(
    std::span<const OsvPackage> packages) {
  // The package lookup first, materialized: left to itself PostgreSQL's planner starts from
  // the SBOMs (it takes the current-SBOM filter for very selective) and reads every current
  // component.
  static const std::string sql = fmt::format(
      "WITH hits AS MATERIALIZED (SELECT c.* FROM {{json_rows:1}} w JOIN components c ON "
      "c.ecosystem = w.value ->> 0 AND c.package_key = w.value ->> 1) SELECT p.name, "
      "s.product_version, s.id, d.sha256, {} FROM hits c JOIN sboms s ON s.id = c.sbom_id AND "
      "s.product_id = c.product_id JOIN products p ON p.id = s.product_id JOIN documents d ON "
      "d.id = s.document_id WHERE {} ORDER BY p.name {{by_bytes}}, s.product_version "
      "{{by_bytes}}, c.node",
      kComponentColumns, kIsCurrentSbom);
  return collect(*db_, "reading the portfolio's components", sql, {json_package_list(packages)},
                 [](const SqlRow& row) {
                   return PortfolioComponent{row.text(0), row.text(1), row.integer(2), row.text(3),
                                             read_component(row, 4)};
                 });
}

std::expected<std::vector<EcosystemUse>, Error> PortfolioStore::current_ecosystems() {
  static const std::string sql = fmt::format(
      "SELECT c.ecosystem, count(*), count(DISTINCT s.id) FROM sboms s JOIN components c ON "
      "c.product_id = s.product_id AND c.sbom_id = s.id WHERE c.ecosystem IS NOT NULL AND "
      "c.ecosystem <> '' AND {} GROUP BY c.ecosystem ORDER BY c.ecosystem {{by_bytes}}",
      kIsCurrentSbom);
  return collect(*db_, "reading the portfolio's ecosystems", sql, {}, [](const SqlRow& row) {
    return EcosystemUse{row.text(0), row.size(1), row.size(2)};
  });
}

std::expected<std::vector<SbomIdentity>, Error> PortfolioStore::sbom_identities(
    std::span<const std::int64_t> sbom_ids) {
  // The primary component is node 0 (store/portfolio.h): one primary-key lookup per SBOM.
  static const std::string sql = fmt::format(
      "SELECT s.id, s.serial_number, s.bom_version, {} FROM sboms s LEFT JOIN components c ON "
      "c.product_id = s.product_id AND c.sbom_id = s.id AND c.node = 0 AND c.is_primary = 1 WHERE "
      "s.id IN (SELECT CAST(value AS BIGINT) FROM {{json_texts:1}}) ORDER BY s.id",
      kComponentColumns);
  return collect(*db_, "reading SBOM identities", sql, {json_integer_list(sbom_ids)},
                 [](const SqlRow& row) {
                   SbomIdentity identity{row.integer(0), row.text(1), row.text(2), std::nullopt};
                   if (!row.is_null(3)) identity.primary = read_component(row, 3);
                   return identity;
                 });
}

std::expected<std::vector<std::vector<ComponentRecord>>, Error> PortfolioStore::shortest_paths(
    std::span<const std::pair<std::int64_t, std::int64_t>> nodes) {
  // Each start walks up its parent links; parents lie on shortest paths, so the walk ends.
  static const std::string sql = fmt::format(
      "WITH RECURSIVE walk(start, product_id, sbom_id, node, step) AS (SELECT CAST(w.value ->> 0 "
      "AS BIGINT), s.product_id, s.id, CAST(w.value ->> 2 AS BIGINT), 0 FROM {{json_rows:1}} w "
      "JOIN sboms s ON s.id = CAST(w.value ->> 1 AS BIGINT) UNION ALL SELECT walk.start, "
      "walk.product_id, walk.sbom_id, c.parent, walk.step + 1 FROM walk JOIN components c ON "
      "c.product_id = walk.product_id AND c.sbom_id = walk.sbom_id AND c.node = walk.node WHERE "
      "c.parent IS NOT NULL) SELECT walk.start, {} FROM walk JOIN components c ON c.product_id = "
      "walk.product_id AND c.sbom_id = walk.sbom_id AND c.node = walk.node ORDER BY walk.start, "
      "walk.step DESC",
      kComponentColumns);
  // Each start as [its index, sbom, node], as the other set-based lookups pass their sets.
  nlohmann::json starts = nlohmann::json::array();
  for (const auto& [sbom, node] : nodes) starts.push_back({starts.size(), sbom, node});
  std::vector<std::vector<ComponentRecord>> out(nodes.size());
  auto ran = db_->run("reading dependency paths", sql, {starts.dump()}, [&](const SqlRow& row) {
    const auto start = static_cast<std::size_t>(row.integer(0));
    if (start < out.size()) out[start].push_back(read_component(row, 1));
  });
  if (!ran) return std::unexpected(ran.error());
  return out;
}

std::expected<bool, Error> VexStore::put_vex_document(std::int64_t document_id,
                                                   std::span<const VexStatement> statements) {
  auto inserted =
      db_->run("storing a VEX document",
               "INSERT INTO vex_documents (document_id, statements, ingested_at) VALUES (?, ?, ?) "
               "ON CONFLICT DO NOTHING RETURNING document_id",
               {document_id, static_cast<std::int64_t>(statements.size()), clock_.now_text()});
  if (!inserted) return std::unexpected(inserted.error());
  if (*inserted == 0) return false;
  const std::vector<std::string> named = vex_named_ids(statements);
  static const SqlBulkInsert kNamed{"vex_vulnerabilities", "document_id integer, vulnerability",
                                    "DO NOTHING"};
  if (auto stored =
          db_->insert_rows("storing a VEX document's vulnerabilities", kNamed, named.size(),
                           [&](std::size_t i, std::vector<SqlValue>& row) {
                             row = {document_id, named[i]};
                           });
      !stored) {
    return std::unexpected(stored.error());
  }
  std::vector<VexStatementRow> rows;
  for (std::size_t i = 0; i < statements.size(); ++i)
    rows.push_back(to_row(statements[i], static_cast<std::int64_t>(i)));
  static const SqlBulkInsert kStatements{
      "vex_statements",
      "document_id integer, position integer, vulnerability, aliases, status, justification, "
      "impact_statement, action_statement, stated_at, author, document_ref, products"};
  auto stored = db_->insert_rows("storing a VEX statement", kStatements, rows.size(),
                                 [&](std::size_t i, std::vector<SqlValue>& row) {
                                   const VexStatementRow& r = rows[i];
                                   row = {document_id,        r.position,         r.vulnerability,
                                          r.aliases,          r.status,           r.justification,
                                          r.impact_statement, r.action_statement, r.stated_at,
                                          r.author,           r.document_ref,     r.products};
                                 });
  if (!stored) return std::unexpected(stored.error());
  return true;
}

std::expected<std::vector<VexStatement>, Error> VexStore::vex_statements(
    std::span<const std::string> naming) {
  static const std::string sql = fmt::format(
      "SELECT s.position, s.vulnerability, s.aliases, s.status, s.justification, "
      "s.impact_statement, s.action_statement, s.stated_at, s.author, s.document_ref, s.products, "
      "{} FROM vex_statements s JOIN documents d ON d.id = s.document_id WHERE ?1 = '[]' OR "
      "s.document_id IN (SELECT v.document_id FROM vex_vulnerabilities v WHERE v.vulnerability IN "
      "(SELECT value FROM {{json_texts:1}})) ORDER BY s.document_id, s.position",
      kEvidenceColumns);
  std::vector<VexStatement> out;
  std::optional<Error> unreadable;
  auto ran =
      db_->run("reading VEX statements", sql, {json_id_list(naming)}, [&](const SqlRow& row) {
        if (unreadable) return;
        const VexStatementRow statement_row{row.integer(0), row.text(1), row.text(2), row.text(3),
                                            row.text(4),    row.text(5), row.text(6), row.text(7),
                                            row.text(8),    row.text(9), row.text(10)};
        auto statement = to_statement(statement_row, read_evidence(row, 11));
        if (!statement) {
          unreadable = statement.error();
          return;
        }
        out.push_back(std::move(*statement));
      });
  if (!ran) return std::unexpected(ran.error());
  if (unreadable) return std::unexpected(*unreadable);
  return out;
}

std::expected<std::vector<StoredDocument>, Error> VexStore::vex_documents_without_rows(
    std::span<const std::string> naming) {
  static const std::string sql = fmt::format(
      "SELECT {}, d.content FROM vex_documents v JOIN documents d ON d.id = v.document_id WHERE "
      "v.statements > 0 AND NOT EXISTS (SELECT 1 FROM vex_statements s WHERE s.document_id = "
      "v.document_id) AND (?1 = '[]' OR v.document_id IN (SELECT n.document_id FROM "
      "vex_vulnerabilities n WHERE n.vulnerability IN (SELECT value FROM {{json_texts:1}}))) "
      "ORDER BY v.document_id",
      kEvidenceColumns);
  return collect(*db_, "reading VEX documents", sql, {json_id_list(naming)}, [](const SqlRow& row) {
    return StoredDocument{read_evidence(row, 0), row.bytes(5)};
  });
}

std::expected<bool, Error> AttestationStore::put_attestations(std::int64_t document_id,
                                                   std::span<const Attestation> attestations) {
  auto kept = db_->run("reading attestations", "SELECT 1 FROM attestations WHERE document_id = ?",
                       {document_id});
  if (!kept) return std::unexpected(kept.error());
  if (*kept > 0) return false;
  static const SqlBulkInsert kAttestations{
      "attestations",
      "document_id integer, position integer, envelope, statement_type, predicate_type, "
      "builder_id, build_type, finished_at, signatures integer"};
  auto stored = db_->insert_rows("storing an attestation", kAttestations, attestations.size(),
                                 [&](std::size_t i, std::vector<SqlValue>& row) {
                                   const Attestation& a = attestations[i];
                                   row = {document_id,
                                          static_cast<std::int64_t>(a.position),
                                          a.envelope,
                                          a.statement_type,
                                          a.predicate_type,
                                          a.builder_id,
                                          a.build_type,
                                          a.finished_at,
                                          static_cast<std::int64_t>(a.signatures)};
                                 });
  if (!stored) return std::unexpected(stored.error());
  struct Digest {
    const Attestation* attestation;
    std::size_t subject;
    const std::string* algorithm;
    const std::string* digest;
  };
  std::vector<Digest> digests;
  for (const Attestation& a : attestations) {
    for (std::size_t i = 0; i < a.subjects.size(); ++i) {
      for (const auto& [algorithm, digest] : a.subjects[i].digests)
        digests.push_back({&a, i, &algorithm, &digest});
    }
  }
  static const SqlBulkInsert kSubjects{
      "attestation_subjects",
      "document_id integer, position integer, subject integer, name, algorithm, digest",
      "DO NOTHING"};
  auto subjects = db_->insert_rows("storing an attestation's subjects", kSubjects, digests.size(),
                                   [&](std::size_t i, std::vector<SqlValue>& row) {
                                     const Digest& d = digests[i];
                                     row = {document_id,
                                            static_cast<std::int64_t>(d.attestation->position),
                                            static_cast<std::int64_t>(d.subject),
                                            d.attestation->subjects[d.subject].name,
                                            *d.algorithm,
                                            *d.digest};
                                   });
  if (!subjects) return std::unexpected(subjects.error());
  return true;
}

std::expected<std::vector<Attestation>, Error> AttestationStore::attestations_for_digest(
    std::string_view algorithm, std::string_view digest) {
  static const std::string sql = fmt::format(
      "SELECT a.document_id, a.position, a.envelope, a.statement_type, a.predicate_type, "
      "a.builder_id, a.build_type, a.finished_at, a.signatures, {} FROM attestations a JOIN "
      "documents d ON d.id = a.document_id WHERE (a.document_id, a.position) IN (SELECT "
      "document_id, position FROM attestation_subjects WHERE algorithm = ?1 AND digest = ?2) "
      "ORDER BY a.document_id, a.position",
      kEvidenceColumns);
  auto rows =
      collect(*db_, "reading attestations", sql, {algorithm, digest}, [](const SqlRow& row) {
        AttestationRow out;
        out.document_id = row.integer(0);
        out.attestation.position = row.size(1);
        out.attestation.envelope = row.text(2);
        out.attestation.statement_type = row.text(3);
        out.attestation.predicate_type = row.text(4);
        out.attestation.builder_id = row.text(5);
        out.attestation.build_type = row.text(6);
        out.attestation.finished_at = row.text(7);
        out.attestation.signatures = row.size(8);
        out.attestation.evidence = read_evidence(row, 9);
        return out;
      });
  if (!rows) return std::unexpected(rows.error());
  auto subjects = collect(
      *db_, "reading attestation subjects",
      "SELECT s.document_id, s.position, s.subject, s.name, s.algorithm, s.digest FROM "
      "attestation_subjects s WHERE (s.document_id, s.position) IN (SELECT document_id, position "
      "FROM attestation_subjects WHERE algorithm = ?1 AND digest = ?2) ORDER BY s.document_id, "
      "s.position, s.subject, s.algorithm {by_bytes}",
      {algorithm, digest}, [](const SqlRow& row) {
        return AttestationSubjectRow{row.integer(0), row.integer(1), row.integer(2),
                                     row.text(3),    row.text(4),    row.text(5)};
      });
  if (!subjects) return std::unexpected(subjects.error());
  return assemble_attestations(std::move(*rows), *subjects);
}

std::expected<bool, Error> SignalStore::put_signals(std::int64_t document_id,
                                              std::span<const Signal> signals) {
  auto kept =
      db_->run("reading signals", "SELECT 1 FROM signals WHERE document_id = ?", {document_id});
  if (!kept) return std::unexpected(kept.error());
  if (*kept > 0) return false;
  static const SqlBulkInsert kSignals{
      "signals",
      "document_id integer, position integer, subject, revision, source, source_version, name, "
      "score real, reason, observed_at"};
  auto stored = db_->insert_rows("storing a signal", kSignals, signals.size(),
                                 [&](std::size_t i, std::vector<SqlValue>& row) {
                                   const Signal& s = signals[i];
                                   row = {document_id, static_cast<std::int64_t>(s.position),
                                          s.subject,   s.revision,
                                          s.source,    s.source_version,
                                          s.name,      SqlValue::real(s.score),
                                          s.reason,    s.observed_at};
                                 });
  if (!stored) return std::unexpected(stored.error());
  return true;
}

std::expected<std::vector<Signal>, Error> SignalStore::signals_about(std::string_view subject) {
  static const std::string sql = fmt::format(
      "SELECT s.position, s.subject, s.revision, s.source, s.source_version, s.name, s.score, "
      "s.reason, s.observed_at, {} FROM signals s JOIN documents d ON d.id = s.document_id WHERE "
      "s.subject = ? ORDER BY s.observed_at DESC, s.document_id, s.position",
      kEvidenceColumns);
  return collect(*db_, "reading signals", sql, {subject}, [](const SqlRow& row) {
    Signal signal;
    signal.position = row.size(0);
    signal.subject = row.text(1);
    signal.revision = row.text(2);
    signal.source = row.text(3);
    signal.source_version = row.text(4);
    signal.name = row.text(5);
    signal.score = row.real(6);
    signal.reason = row.text(7);
    signal.observed_at = row.text(8);
    signal.evidence = read_evidence(row, 9);
    return signal;
  });
}

std::expected<std::int64_t, Error> DecisionStore::put_assessment(std::int64_t product_id,
                                                         std::int64_t policy_document_id,
                                                         const Assessment& assessment) {
  auto inserted =
      first(*db_, "storing an assessment",
            "INSERT INTO assessments (product_id, product_version, sbom_id, policy_document_id, "
            "decided_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
            {product_id, assessment.product_version, assessment.sbom_id, policy_document_id,
             assessment.decided_at},
            id_of);
  if (!inserted) return std::unexpected(inserted.error());
  const std::int64_t id = inserted->value_or(0);
  std::vector<DecisionRow> rows;
  for (const auto* decisions : {&assessment.decisions, &assessment.licence_decisions}) {
    for (const Decision& decision : *decisions) {
      rows.push_back(to_row(decision, static_cast<std::int64_t>(rows.size())));
    }
  }
  if (assessment.sbom_decision) {
    rows.push_back(to_row(*assessment.sbom_decision, static_cast<std::int64_t>(rows.size())));
  }
  static const SqlBulkInsert kDecisions{
      "decisions",
      "product_id integer, assessment_id integer, position integer, purl, vulnerability, licence, "
      "ids, outcome, rule, due_by, rationale, evidence"};
  auto stored = db_->insert_rows(
      "storing a decision", kDecisions, rows.size(), [&](std::size_t i, std::vector<SqlValue>& row) {
        const DecisionRow& d = rows[i];
        row = {product_id, id,
               d.position, d.purl,
               d.vulnerability, d.licence ? SqlValue(*d.licence) : SqlValue::null(),
               d.ids,      d.outcome,
               d.rule,     d.due_by,
               d.rationale, d.evidence};
      });
  if (!stored) return std::unexpected(stored.error());
  return id;
}

namespace {

// The assessments `where` selects (a condition on `a`, the assessments, and `p`, their products),
// each with its decisions and its policy's evidence.
std::expected<std::vector<Assessment>, Error> assessments_where(SqlConnection& db, std::string_view where,
                                                                std::initializer_list<SqlValue> params) {
  const std::string sql = fmt::format(
      "SELECT a.id, p.name, a.product_version, a.sbom_id, a.decided_at, {} FROM assessments a "
      "JOIN products p ON p.id = a.product_id JOIN documents d ON d.id = a.policy_document_id {}",
      kEvidenceColumns, where);
  auto out = collect(db, "reading assessments", sql, params, [](const SqlRow& row) {
    Assessment assessment;
    assessment.id = row.integer(0);
    assessment.product = row.text(1);
    assessment.product_version = row.text(2);
    assessment.sbom_id = row.integer(3);
    assessment.decided_at = row.text(4);
    assessment.policy = read_evidence(row, 5);
    return assessment;
  });
  if (!out) return std::unexpected(out.error());
  for (Assessment& assessment : *out) {
    auto rows = collect(
        db, "reading decisions",
        "SELECT position, purl, vulnerability, licence, ids, outcome, rule, due_by, rationale, "
        "evidence FROM decisions WHERE assessment_id = ? ORDER BY position",
        {assessment.id}, [](const SqlRow& row) {
          return DecisionRow{row.integer(0),
                             row.text(1),
                             row.text(2),
                             row.is_null(3) ? std::nullopt : std::optional(row.text(3)),
                             row.text(4),
                             row.text(5),
                             row.text(6),
                             row.text(7),
                             row.text(8),
                             row.text(9)};
        });
    if (!rows) return std::unexpected(rows.error());
    for (const DecisionRow& row : *rows) {
      auto decision = to_decision(row);
      if (!decision) return std::unexpected(decision.error());
      if (decision->licence) {
        assessment.licence_decisions.push_back(std::move(*decision));
      } else if (decision->vulnerability.empty()) {
        assessment.sbom_decision = std::move(*decision);
      } else {
        assessment.decisions.push_back(std::move(*decision));
      }
    }
  }
  return out;
}

constexpr std::string_view kLogColumns = "position, previous, hash, assessment_id, snapshot, content";

LogEntry read_log_entry(const SqlRow& row) {
  return LogEntry{row.integer(0), row.text(1), row.text(2), row.integer(3), row.text(4), row.text(5)};
}

}  // namespace

std::expected<std::vector<Assessment>, Error> DecisionStore::assessments(std::string_view product,
                                                                 std::string_view version,
                                                                 std::size_t limit) {
  return assessments_where(*db_,
                           "WHERE p.name = ?1 AND (?2 = '' OR a.product_version = ?2) ORDER BY a.id DESC LIMIT ?3",
                           {product, version, static_cast<std::int64_t>(limit)});
}

std::expected<std::optional<Assessment>, Error> DecisionStore::assessment(std::int64_t id) {
  auto found = assessments_where(*db_, "WHERE a.id = ?", {id});
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::nullopt;
  return std::move(found->front());
}

std::expected<std::vector<std::int64_t>, Error> DecisionStore::assessment_ids() {
  return collect(*db_, "reading assessments", "SELECT id FROM assessments ORDER BY id", {},
                 [](const SqlRow& row) { return row.integer(0); });
}

std::expected<void, Error> DecisionStore::append_log_entry(const LogEntry& entry) {
  static const std::string sql =
      fmt::format("INSERT INTO decision_log ({}) VALUES (?, ?, ?, ?, ?, ?)", kLogColumns);
  return done(db_->run("appending to the decision log", sql,
                       {entry.position, entry.previous, entry.hash, entry.assessment, entry.snapshot,
                        entry.content}));
}

std::expected<std::optional<LogEntry>, Error> DecisionStore::log_head() {
  static const std::string sql =
      fmt::format("SELECT {} FROM decision_log ORDER BY position DESC LIMIT 1", kLogColumns);
  return first(*db_, "reading the decision log", sql, {}, read_log_entry);
}

std::expected<std::optional<LogEntry>, Error> DecisionStore::log_entry_of(std::int64_t assessment) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM decision_log WHERE assessment_id = ? ORDER BY position LIMIT 1", kLogColumns);
  return first(*db_, "reading the decision log", sql, {assessment}, read_log_entry);
}

std::expected<std::optional<std::int64_t>, Error> DecisionStore::log_origin() {
  return first(*db_, "reading the decision log's origin", "SELECT assessments_before FROM decision_log_origin", {},
               id_of);
}

std::expected<std::vector<LogEntry>, Error> DecisionStore::log_entries() {
  static const std::string sql = fmt::format("SELECT {} FROM decision_log ORDER BY position", kLogColumns);
  return collect(*db_, "reading the decision log", sql, {}, read_log_entry);
}

std::expected<std::vector<FindingRecord>, Error> PortfolioStore::findings(std::int64_t sbom_id) {
  return collect(
      *db_, "reading findings",
      "SELECT node, vulnerability, ids, purl, verdict, vex_status, suppressed, rating, "
      "nearest_fix, evaluated_at FROM findings WHERE product_id = (SELECT product_id FROM sboms "
      "WHERE id = ?1) AND sbom_id = ?1 ORDER BY node, vulnerability {by_bytes}",
      {sbom_id}, [](const SqlRow& row) {
        return FindingRecord{row.integer(0),
                             row.text(1),
                             split_ids(row.text(2)),
                             row.text(3),
                             parse_verdict(row.text(4)),
                             parse_vex_status(row.text(5)),  // "" when none applies
                             row.integer(6) != 0,
                             row.text(7),
                             row.text(8),
                             row.text(9)};
      });
}

std::expected<void, Error> PortfolioStore::replace_findings(std::int64_t product_id, std::int64_t sbom_id,
                                                   std::span<const FindingRecord> findings) {
  if (auto removed = db_->run("replacing findings",
                              "DELETE FROM findings WHERE product_id = ? AND sbom_id = ?",
                              {product_id, sbom_id});
      !removed) {
    return std::unexpected(removed.error());
  }
  static const SqlBulkInsert kFindings{
      "findings",
      "product_id integer, sbom_id integer, node integer, vulnerability, ids, purl, verdict, "
      "vex_status, suppressed integer, rating, nearest_fix, evaluated_at"};
  std::string ids;
  return db_->insert_rows("storing findings", kFindings, findings.size(),
                          [&](std::size_t i, std::vector<SqlValue>& row) {
                            const FindingRecord& f = findings[i];
                            ids = join_ids(f.ids);
                            row = {product_id,
                                   sbom_id,
                                   f.node,
                                   f.vulnerability,
                                   ids,
                                   f.purl,
                                   to_string(f.verdict),
                                   f.vex_status ? to_string(*f.vex_status) : "",
                                   std::int64_t{f.suppressed},
                                   f.rating,
                                   f.nearest_fix,
                                   f.evaluated_at};
                          });
}

std::expected<void, Error> PortfolioStore::mark_evaluated(std::int64_t sbom_id, std::string_view at) {
  return done(db_->run("marking an SBOM evaluated",
                       "UPDATE sboms SET evaluated_at = ? WHERE id = ?", {at, sbom_id}));
}

std::expected<std::vector<std::int64_t>, Error> PortfolioStore::current_sboms_naming(
    std::span<const std::string> ids) {
  static const std::string sql = fmt::format(
      "SELECT DISTINCT f.sbom_id FROM findings f JOIN {{json_texts:1}} w ON {{strpos}}(' ' || "
      "f.ids || ' ', ' ' || w.value || ' ') > 0 JOIN sboms s ON s.id = f.sbom_id WHERE {} ORDER "
      "BY 1",
      kIsCurrentSbom);
  return collect(*db_, "reading findings", sql, {json_id_list(ids)}, id_of);
}

std::expected<std::int64_t, Error> PortfolioStore::put_pending_reevaluation(
    const PendingReevaluation& pending) {
  nlohmann::json packages = nlohmann::json::array();
  for (const OsvPackage& package : pending.packages) packages.push_back({package.ecosystem, package.name});
  auto id = first(*db_, "recording a pending re-evaluation",
                  "INSERT INTO pending_reevaluations (cause, ids, packages, recorded_at) VALUES "
                  "(?, ?, ?, ?) RETURNING id",
                  {pending.cause, json_id_list(pending.ids), packages.dump(), clock_.now_text()},
                  id_of);
  if (!id) return std::unexpected(id.error());
  return id->value_or(0);
}

std::expected<std::vector<PendingReevaluation>, Error> PortfolioStore::pending_reevaluations() {
  return collect(
      *db_, "reading pending re-evaluations",
      "SELECT id, cause, ids, packages, recorded_at FROM pending_reevaluations ORDER BY id", {},
      [](const SqlRow& row) {
        PendingReevaluation pending{row.integer(0), row.text(1), {}, {}, row.text(4)};
        const auto ids = nlohmann::json::parse(row.text(2), nullptr, false);
        for (const auto& id : ids.is_array() ? ids : nlohmann::json::array()) {
          if (id.is_string()) pending.ids.push_back(id.get<std::string>());
        }
        const auto packages = nlohmann::json::parse(row.text(3), nullptr, false);
        for (const auto& package : packages.is_array() ? packages : nlohmann::json::array()) {
          if (package.is_array() && package.size() == 2 && package[0].is_string() && package[1].is_string())
            pending.packages.push_back(OsvPackage{package[0].get<std::string>(), package[1].get<std::string>()});
        }
        return pending;
      });
}

std::expected<bool, Error> PortfolioStore::take_pending_reevaluation(std::int64_t id) {
  auto taken = db_->run("taking a pending re-evaluation",
                        "DELETE FROM pending_reevaluations WHERE id = ? RETURNING id", {id});
  if (!taken) return std::unexpected(taken.error());
  return *taken == 1;
}

std::expected<void, Error> EventStore::add_events(std::span<const EventRecord> events) {
  static const SqlBulkInsert kEvents{
      "events",
      "at, kind, product, product_version, sbom_id integer, purl, vulnerability, ids, "
      "status_before, status_after, cause, ecosystem, components integer, reason"};
  std::string ids;
  return db_->insert_rows(
      "storing events", kEvents, events.size(), [&](std::size_t i, std::vector<SqlValue>& row) {
        const EventRecord& e = events[i];
        ids = join_ids(e.ids);
        row = {e.at,    to_string(e.kind), e.product,    e.product_version, e.sbom_id,
               e.purl,  e.vulnerability,   ids,          e.status_before,   e.status_after,
               e.cause, e.ecosystem,       e.components, e.reason};
      });
}

std::expected<std::vector<EventRecord>, Error> EventStore::events(std::string_view since) {
  static const std::string sql = std::string(kEventSelect) + "WHERE e.at >= ? ORDER BY e.id";
  return collect(*db_, "reading events", sql, {since}, read_event);
}

std::expected<std::vector<EventRecord>, Error> EventStore::undelivered_events(std::string_view url,
                                                                         std::string_view since) {
  static const std::string sql =
      std::string(kEventSelect) +
      "WHERE e.at >= ?2 AND NOT EXISTS (SELECT 1 FROM deliveries x WHERE x.url = ?1 AND "
      "x.event_id = e.id) ORDER BY e.id";
  return collect(*db_, "reading events", sql, {url, since}, read_event);
}

std::expected<void, Error> EventStore::mark_delivered(std::string_view url, std::int64_t event_id,
                                                 int attempts) {
  auto recorded =
      db_->run("recording a delivery",
               "INSERT INTO deliveries (url, event_id, delivered_at, attempts) VALUES (?, ?, ?, "
               "?) ON CONFLICT (url, event_id) DO UPDATE SET delivered_at = "
               "excluded.delivered_at, attempts = excluded.attempts",
               {url, event_id, clock_.now_text(), std::int64_t{attempts}});
  if (!recorded) return std::unexpected(recorded.error());
  return release_delivery(url, event_id);
}

std::expected<bool, Error> EventStore::claim_delivery(std::string_view url, std::int64_t event_id,
                                                 std::string_view deliverer,
                                                 std::string_view stale_before) {
  auto claimed = db_->run("claiming a delivery",
                          "INSERT INTO delivery_claims (url, event_id, claimed_by, claimed_at) "
                          "SELECT ?1, CAST(?2 AS BIGINT), ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM "
                          "deliveries d WHERE d.url = ?1 AND d.event_id = CAST(?2 AS BIGINT)) ON "
                          "CONFLICT (url, event_id) DO UPDATE SET claimed_by = "
                          "excluded.claimed_by, claimed_at = excluded.claimed_at WHERE "
                          "delivery_claims.claimed_by = excluded.claimed_by OR "
                          "delivery_claims.claimed_at < ?5 RETURNING event_id",
                          {url, event_id, deliverer, clock_.now_text(), stale_before});
  if (!claimed) return std::unexpected(claimed.error());
  return *claimed == 1;
}

std::expected<void, Error> EventStore::release_delivery(std::string_view url, std::int64_t event_id) {
  return done(db_->run("releasing a delivery claim",
                       "DELETE FROM delivery_claims WHERE url = ? AND event_id = ?",
                       {url, event_id}));
}

std::expected<int, Error> Store::schema_version() {
  auto version = first(*connection, "reading the schema version",
                       "SELECT coalesce(max(version), 0) FROM schema_migrations", {},
                       [](const SqlRow& row) { return static_cast<int>(row.integer(0)); });
  if (!version) return std::unexpected(version.error());
  return version->value_or(0);
}

// Every missing migration, in one transaction: transactions take turns (begin()), so processes
// that open the store at once wait for each other, and the second finds nothing left to do.
std::expected<void, Error> Store::migrate() {
  // A store at the newest version is opened without a transaction, so that opening it does not
  // wait for the writer whose turn it is (a worker's long import, say).
  const auto known = schema_migrations();
  if (auto current = schema_version(); current && *current == known.back().version) return {};
  return in_transaction(*this, [&]() -> std::expected<void, Error> {
    if (auto made =
            connection->exec("creating schema_migrations",
                      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                      "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        !made) {
      return made;
    }
    auto current = schema_version();
    if (!current) return std::unexpected(current.error());
    if (*current > known.back().version) {
      return std::unexpected(Error{
          ErrorCode::unsupported,
          fmt::format(
              "store: schema version {} is newer than this cradle knows ({}); use a newer cradle",
              *current, known.back().version),
          {}});
    }
    for (const Migration& migration : known) {
      if (migration.version <= *current) continue;
      if (auto applied = connection->exec(fmt::format("migration {}", migration.version),
                                   migration_sql(migration, connection->engine()));
          !applied) {
        return applied;
      }
      auto recorded =
          connection->run("recording a migration",
                   "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                   {std::int64_t{migration.version}, migration.name, StoreState::clock.now_text()});
      if (!recorded) return std::unexpected(recorded.error());
    }
    return {};
  });
}

std::expected<std::unique_ptr<Store>, Error> open_store(const std::string& location,
                                                        OpenMode mode,
                                                        const StoreOptions& options) {
  auto connection = location.starts_with("postgresql://") || location.starts_with("postgres://")
                        ? open_postgres_connection(location, options)
                        : open_sqlite_connection(location, mode, options);
  if (!connection) return std::unexpected(connection.error());
  auto store = std::make_unique<Store>(std::move(*connection));
  if (mode == OpenMode::read_write) {
    if (auto migrated = store->migrate(); !migrated) return std::unexpected(migrated.error());
    return store;
  }
  auto version = store->schema_version();
  const int newest = schema_migrations().back().version;
  if (!version || *version == 0) {
    // A file with no schema: a store whose creation was cut short (the first writer to open it
    // creates the schema in one transaction), or another program's database.
    return std::unexpected(Error{
        ErrorCode::unsupported,
        fmt::format("store: {} holds no cradle schema yet (a creation that did not finish, or not "
                    "a cradle store); any command that writes, such as `cradle db update`, "
                    "creates it",
                    store->location()),
        {}});
  }
  if (*version != newest) {
    return std::unexpected(Error{
        ErrorCode::unsupported,
        fmt::format("store: {} is at schema version {}, this cradle reads version {} (run `cradle "
                    "db update` to create or migrate it)",
                    store->location(), version ? fmt::format("{}", *version) : "none", newest),
        {}});
  }
  return store;
}

std::string json_id_list(std::span<const std::string> ids) {
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& id : ids) list.push_back(id);
  return list.dump();
}

std::string json_integer_list(std::span<const std::int64_t> values) {
  nlohmann::json list = nlohmann::json::array();
  for (std::int64_t value : values) list.push_back(value);
  return list.dump();
}

std::string json_package_list(std::span<const OsvPackage> packages) {
  nlohmann::json list = nlohmann::json::array();
  std::string key;
  for (const OsvPackage& package : packages) {
    osv_package_key(package.ecosystem, package.name, key);
    list.push_back({package.ecosystem, key});
  }
  return list.dump();
}

std::string join_ids(std::span<const std::string> ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

std::vector<std::string> split_ids(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    if (end > at) out.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

std::string store_location(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* environment = std::getenv("CRADLE_DB"); environment != nullptr && *environment) {
    return environment;
  }
  return ".cradle/cradle.db";
}

}  // namespace cradle
