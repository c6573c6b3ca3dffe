#include "store/schema.h"

#include <array>
#include <utility>

namespace cradle {
namespace {

// Version 1 (the same tables for both engines): documents kept as evidence, and the OSV
// advisories read from them.
//  - documents: one row per distinct content (sha256), with its first EvidenceRef.
//  - advisories: the newest record per id; `withdrawn` hides it from scans, never deletes it.
//  - advisory_packages: the (ecosystem, package key) pairs an advisory's affected[] names; the
//    key is osv_package_key() of the name (PEP 503 for PyPI), so lookups need no normalising.
//  - advisory_ids: aliases and upstream ids, for grouping.
//  - fetch_state: the validators a source URL last answered with (conditional GET).
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE documents (
  id {identity},
  sha256 TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  produced_at TEXT,
  ingested_at TEXT NOT NULL,
  content {bytes} NOT NULL
);
CREATE TABLE advisories (
  id TEXT PRIMARY KEY,
  modified TEXT NOT NULL,
  withdrawn TEXT,
  document_id {bigint} NOT NULL REFERENCES documents(id)
);
CREATE TABLE advisory_packages (
  advisory_id TEXT NOT NULL REFERENCES advisories(id) ON DELETE CASCADE,
  ecosystem TEXT NOT NULL,
  package_key TEXT NOT NULL,
  PRIMARY KEY (ecosystem, package_key, advisory_id)
);
CREATE INDEX advisory_packages_by_advisory ON advisory_packages(advisory_id);
CREATE TABLE advisory_ids (
  advisory_id TEXT NOT NULL REFERENCES advisories(id) ON DELETE CASCADE,
  other_id TEXT NOT NULL,
  relation TEXT NOT NULL CHECK (relation IN ('alias', 'upstream')),
  PRIMARY KEY (other_id, advisory_id, relation)
);
CREATE INDEX advisory_ids_by_advisory ON advisory_ids(advisory_id);
CREATE TABLE fetch_state (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  fetched_at TEXT NOT NULL
);
)sql";

// Version 2: the job queue of `cradle worker`. A job is queued, then running (claimed by one
// worker, attempts counting the claims), then done or failed with its result.
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE jobs (
  id {identity},
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT,
  created_at TEXT NOT NULL,
  claimed_at TEXT,
  finished_at TEXT,
  result TEXT
);
CREATE INDEX jobs_queued ON jobs(state, id);
)sql";

// Version 3: a compact binary snapshot of each advisory as parsed (formats/osv/advisory_snapshot.h),
// so that a scan reads it instead of parsing the record's JSON again; NULL for records stored
// before (the scan then parses the stored bytes). The withdrawn ones get an index of their own,
// so that counting them does not read every row.
constexpr std::string_view kVersion3 = R"sql(
ALTER TABLE advisories ADD COLUMN snapshot {bytes};
CREATE INDEX advisories_withdrawn ON advisories(withdrawn) WHERE withdrawn IS NOT NULL;
)sql";

// Version 4: the portfolio (store/portfolio.h). Products with their context; the SBOMs ingested
// for their versions, each pointing at its document (stored once by content hash); each SBOM's
// graph as component rows (with a parent link along a shortest path from a root) and edges.
// Product-scoped rows carry product_id in their keys, so that a distributed PostgreSQL (Citus)
// can shard them by product; documents and advisories stay shared reference data. Component and
// edge rows have no foreign keys: they are written only with their SBOM row, in its transaction
// (app/sbom_ingest.h), and per-row foreign-key checks doubled the cost of an ingest on
// PostgreSQL (1,000 components: 56 ms with them, 24 ms without).
constexpr std::string_view kVersion4 = R"sql(
CREATE TABLE products (
  id {identity},
  name TEXT NOT NULL UNIQUE,
  intended_use TEXT NOT NULL,
  exposure TEXT NOT NULL,
  criticality TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE sboms (
  id {identity},
  product_id {bigint} NOT NULL REFERENCES products(id),
  product_version TEXT NOT NULL,
  document_id {bigint} NOT NULL REFERENCES documents(id),
  serial_number TEXT NOT NULL,
  bom_version TEXT NOT NULL,
  components INTEGER NOT NULL,
  dependencies INTEGER NOT NULL,
  ingested_at TEXT NOT NULL,
  evaluated_at TEXT,
  UNIQUE (product_id, product_version, document_id)
);
CREATE INDEX sboms_by_version ON sboms(product_id, product_version, id);
CREATE TABLE components (
  product_id {bigint} NOT NULL,
  sbom_id {bigint} NOT NULL,
  node INTEGER NOT NULL,
  parent INTEGER,
  depth INTEGER NOT NULL,
  is_primary INTEGER NOT NULL,
  ref TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  purl TEXT NOT NULL,
  source_name TEXT NOT NULL,
  ecosystem TEXT,
  package_key TEXT,
  PRIMARY KEY (product_id, sbom_id, node)
);
CREATE INDEX components_by_package ON components(ecosystem, package_key);
CREATE TABLE dependency_edges (
  product_id {bigint} NOT NULL,
  sbom_id {bigint} NOT NULL,
  from_node INTEGER NOT NULL,
  to_node INTEGER NOT NULL,
  PRIMARY KEY (product_id, sbom_id, from_node, to_node)
);
)sql";

// Version 5: what the store knows, kept so that it can be re-evaluated and its changes told.
//  - vex_documents: the VEX documents ingested (their bytes are documents), and the
//    vulnerability ids their statements name, for finding the product versions they touch.
//  - findings: the findings of each product version's current SBOM as last evaluated, one per
//    (component node, vulnerability), the vulnerability named by the lowest id of its group.
//  - events: what changed at each evaluation (a finding new, resolved, or its status changed).
//  - deliveries: which events each webhook URL has been sent.
constexpr std::string_view kVersion5 = R"sql(
CREATE TABLE vex_documents (
  document_id {bigint} PRIMARY KEY REFERENCES documents(id),
  statements INTEGER NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE TABLE vex_vulnerabilities (
  document_id {bigint} NOT NULL REFERENCES vex_documents(document_id),
  vulnerability TEXT NOT NULL,
  PRIMARY KEY (vulnerability, document_id)
);
CREATE TABLE findings (
  product_id {bigint} NOT NULL,
  sbom_id {bigint} NOT NULL,
  node INTEGER NOT NULL,
  vulnerability TEXT NOT NULL,
  ids TEXT NOT NULL,
  purl TEXT NOT NULL,
  verdict TEXT NOT NULL,
  vex_status TEXT NOT NULL,
  suppressed INTEGER NOT NULL,
  rating TEXT NOT NULL,
  nearest_fix TEXT NOT NULL,
  evaluated_at TEXT NOT NULL,
  PRIMARY KEY (product_id, sbom_id, node, vulnerability)
);
CREATE TABLE events (
  id {identity},
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('new_finding', 'resolved', 'status_changed')),
  product TEXT NOT NULL,
  product_version TEXT NOT NULL,
  sbom_id {bigint} NOT NULL,
  purl TEXT NOT NULL,
  vulnerability TEXT NOT NULL,
  ids TEXT NOT NULL,
  status_before TEXT NOT NULL,
  status_after TEXT NOT NULL,
  cause TEXT NOT NULL
);
CREATE INDEX events_by_time ON events(at, id);
CREATE TABLE deliveries (
  url TEXT NOT NULL,
  event_id {bigint} NOT NULL REFERENCES events(id),
  delivered_at TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  PRIMARY KEY (url, event_id)
);
)sql";

// Version 6: VEX statements as rows of their own, each pointing at its document (the
// document's bytes stay the evidence). The lists a statement holds (aliases, products with their
// versions and subcomponents) are JSON text (store/vex_statement_row.h). Documents kept before
// this version have no rows; their statements are read from their bytes.
constexpr std::string_view kVersion6 = R"sql(
CREATE TABLE vex_statements (
  document_id {bigint} NOT NULL REFERENCES vex_documents(document_id),
  position INTEGER NOT NULL,
  vulnerability TEXT NOT NULL,
  aliases TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('not_affected', 'affected', 'fixed', 'under_investigation')),
  justification TEXT NOT NULL,
  impact_statement TEXT NOT NULL,
  action_statement TEXT NOT NULL,
  stated_at TEXT NOT NULL,
  author TEXT NOT NULL,
  document_ref TEXT NOT NULL,
  products TEXT NOT NULL,
  PRIMARY KEY (document_id, position)
);
)sql";

// Version 7: webhook delivery claims. Whoever delivers an event to a URL (a worker, `cradle
// webhook deliver`) claims it first, so that several deliverers over one store send it once; a
// claim older than the deliverer's lease was left by a dead one and may be taken over.
constexpr std::string_view kVersion7 = R"sql(
CREATE TABLE delivery_claims (
  url TEXT NOT NULL,
  event_id {bigint} NOT NULL REFERENCES events(id),
  claimed_by TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (url, event_id)
);
)sql";

// Version 8: in-toto attestations, shared reference data like advisories and VEX: each
// statement a row pointing at its document (position: its place there), and each subject's
// digests, looked up by (algorithm, digest) to find what is attested about an artifact. The
// signature count is what the envelope carries, not a verification.
constexpr std::string_view kVersion8 = R"sql(
CREATE TABLE attestations (
  document_id {bigint} NOT NULL REFERENCES documents(id),
  position INTEGER NOT NULL,
  envelope TEXT NOT NULL,
  statement_type TEXT NOT NULL,
  predicate_type TEXT NOT NULL,
  builder_id TEXT NOT NULL,
  build_type TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  signatures INTEGER NOT NULL,
  PRIMARY KEY (document_id, position)
);
CREATE TABLE attestation_subjects (
  document_id {bigint} NOT NULL,
  position INTEGER NOT NULL,
  subject INTEGER NOT NULL,
  name TEXT NOT NULL,
  algorithm TEXT NOT NULL,
  digest TEXT NOT NULL,
  PRIMARY KEY (document_id, position, subject, algorithm),
  FOREIGN KEY (document_id, position) REFERENCES attestations(document_id, position)
);
CREATE INDEX attestation_subjects_by_digest ON attestation_subjects(algorithm, digest);
)sql";

// Version 9: project-health signals (OpenSSF Scorecard checks), shared reference data: each a
// row pointing at its document, looked up by the repository it is about. A NULL score is a check
// its source could not conclude.
constexpr std::string_view kVersion9 = R"sql(
CREATE TABLE signals (
  document_id {bigint} NOT NULL REFERENCES documents(id),
  position INTEGER NOT NULL,
  subject TEXT NOT NULL,
  revision TEXT NOT NULL,
  source TEXT NOT NULL,
  source_version TEXT NOT NULL,
  name TEXT NOT NULL,
  score DOUBLE PRECISION,
  reason TEXT NOT NULL,
  observed_at TEXT NOT NULL,
  PRIMARY KEY (document_id, position)
);
CREATE INDEX signals_by_subject ON signals(subject, observed_at);
)sql";

// Version 10: the decision log. An assessment is one run of a policy (its bytes a document) over
// a product version's current SBOM; its decisions, one per finding, are product-scoped like
// the findings, with their rationale lines and evidence references as JSON text
// (store/decision_rows.h).
constexpr std::string_view kVersion10 = R"sql(
CREATE TABLE assessments (
  id {identity},
  product_id {bigint} NOT NULL REFERENCES products(id),
  product_version TEXT NOT NULL,
  sbom_id {bigint} NOT NULL REFERENCES sboms(id),
  policy_document_id {bigint} NOT NULL REFERENCES documents(id),
  decided_at TEXT NOT NULL
);
CREATE INDEX assessments_by_version ON assessments(product_id, product_version, id);
CREATE TABLE decisions (
  product_id {bigint} NOT NULL,
  assessment_id {bigint} NOT NULL REFERENCES assessments(id),
  position INTEGER NOT NULL,
  purl TEXT NOT NULL,
  vulnerability TEXT NOT NULL,
  ids TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('block', 'remediate', 'monitor', 'accept', 'review')),
  rule TEXT NOT NULL,
  due_by TEXT NOT NULL,
  rationale TEXT NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (product_id, assessment_id, position)
);
)sql";

// Version 11: what each source last delivered of each OSV ecosystem (model/advisory_coverage.h),
// so that a scan calls a component clean only where advisories of its ecosystem were loaded, and
// says how old they are. Records stored before are counted per ecosystem under one source named
// for that, as of their newest ingest.
constexpr std::string_view kVersion11 = R"sql(
CREATE TABLE advisory_coverage (
  ecosystem TEXT NOT NULL,
  source TEXT NOT NULL,
  records INTEGER NOT NULL,
  newest_modified TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  unreadable INTEGER NOT NULL,
  example INTEGER NOT NULL,
  PRIMARY KEY (ecosystem, source)
);
INSERT INTO advisory_coverage
  (ecosystem, source, records, newest_modified, loaded_at, unreadable, example)
SELECT p.ecosystem, 'records stored before coverage was recorded', count(DISTINCT a.id),
       max(a.modified), max(d.ingested_at), 0, 0
FROM advisory_packages p JOIN advisories a ON a.id = p.advisory_id
  JOIN documents d ON d.id = a.document_id
GROUP BY p.ecosystem;
)sql";

// Version 12: events that say where an evaluation could not look. A `not_covered` event names
// the OSV ecosystem of a product version's components that no loaded advisories cover, how many
// components, and why, so that an event feed never reads as "nothing new, all clean" where
// nothing was checked. SQLite rebuilds the events table (and the two tables that refer to it)
// to change the kind's CHECK constraint.
constexpr std::string_view kVersion12Sqlite = R"sql(
CREATE TABLE events_v12 (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('new_finding', 'resolved', 'status_changed', 'not_covered')),
  product TEXT NOT NULL,
  product_version TEXT NOT NULL,
  sbom_id INTEGER NOT NULL,
  purl TEXT NOT NULL,
  vulnerability TEXT NOT NULL,
  ids TEXT NOT NULL,
  status_before TEXT NOT NULL,
  status_after TEXT NOT NULL,
  cause TEXT NOT NULL,
  ecosystem TEXT NOT NULL DEFAULT '',
  components INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT ''
);
INSERT INTO events_v12 (id, at, kind, product, product_version, sbom_id, purl, vulnerability, ids,
                        status_before, status_after, cause)
  SELECT id, at, kind, product, product_version, sbom_id, purl, vulnerability, ids, status_before,
         status_after, cause FROM events;
CREATE TABLE deliveries_v12 (
  url TEXT NOT NULL,
  event_id INTEGER NOT NULL REFERENCES events_v12(id),
  delivered_at TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  PRIMARY KEY (url, event_id)
);
INSERT INTO deliveries_v12 SELECT url, event_id, delivered_at, attempts FROM deliveries;
CREATE TABLE delivery_claims_v12 (
  url TEXT NOT NULL,
  event_id INTEGER NOT NULL REFERENCES events_v12(id),
  claimed_by TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (url, event_id)
);
INSERT INTO delivery_claims_v12 SELECT url, event_id, claimed_by, claimed_at FROM delivery_claims;
DROP TABLE delivery_claims;
DROP TABLE deliveries;
DROP TABLE events;
ALTER TABLE events_v12 RENAME TO events;
ALTER TABLE deliveries_v12 RENAME TO deliveries;
ALTER TABLE delivery_claims_v12 RENAME TO delivery_claims;
CREATE INDEX events_by_time ON events(at, id);
)sql";

constexpr std::string_view kVersion12Postgresql = R"sql(
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_kind_check;
ALTER TABLE events ADD CONSTRAINT events_kind_check
  CHECK (kind IN ('new_finding', 'resolved', 'status_changed', 'not_covered'));
ALTER TABLE events ADD COLUMN IF NOT EXISTS ecosystem TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN IF NOT EXISTS components INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN IF NOT EXISTS reason TEXT NOT NULL DEFAULT '';
)sql";

// Version 13: a failed job keeps its whole outcome (JSON: what was stored, every problem with
// its location; report/ingest_report.h), not only its one-line result.
constexpr std::string_view kVersion13 = R"sql(
ALTER TABLE jobs ADD COLUMN outcome TEXT;
)sql";

// Version 14: re-evaluations owed. Advisories or a VEX document stored record the re-evaluation
// they call for in their own transaction; the re-evaluation takes it in its own. A crash in
// between leaves it here for the next command to finish (app/reevaluation.h).
constexpr std::string_view kVersion14 = R"sql(
CREATE TABLE pending_reevaluations (
  id {identity},
  cause TEXT NOT NULL,
  ids TEXT NOT NULL,
  packages TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
)sql";

// Version 15: a decision on a component's licence (analysis/licence_policy.h) is a row of
// `decisions` with the licence decided; NULL for a vulnerability decision.
constexpr std::string_view kVersion15 = R"sql(
ALTER TABLE decisions ADD COLUMN licence TEXT;
)sql";

// Version 16: an SBOM's conformance per profile (analysis/sbom_conformance.h), checked at
// ingest: the verdict and how many results had each status.
constexpr std::string_view kVersion16 = R"sql(
CREATE TABLE sbom_conformance (
  sbom_id {bigint} NOT NULL REFERENCES sboms(id),
  profile TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('conformant', 'nonconformant', 'undetermined')),
  met {bigint} NOT NULL,
  not_met {bigint} NOT NULL,
  cannot_tell {bigint} NOT NULL,
  not_applicable {bigint} NOT NULL,
  PRIMARY KEY (sbom_id, profile)
);
)sql";

// Version 17: the decision log's hash chain (assess/decision_log.h): one entry per assessment,
// appended in its transaction, holding its canonical encoding and the advisory data it rested
// on, chained by SHA-256 to the entry before it. No foreign key: a row deleted by hand must show
// as missing, not be refused. `decision_log_origin` says which assessments predate the log (ids
// up to the newest at this migration): those cannot be verified; any later one must be logged.
constexpr std::string_view kVersion17 = R"sql(
CREATE TABLE decision_log (
  position {bigint} PRIMARY KEY,
  previous TEXT NOT NULL,
  hash TEXT NOT NULL,
  assessment_id {bigint} NOT NULL,
  snapshot TEXT NOT NULL,
  content TEXT NOT NULL
);
CREATE TABLE decision_log_origin (assessments_before {bigint} NOT NULL);
INSERT INTO decision_log_origin SELECT COALESCE(MAX(id), 0) FROM assessments;
)sql";

constexpr std::array kMigrations{
    Migration{1, "documents and OSV advisories", kVersion1},
    Migration{2, "job queue", kVersion2},
    Migration{3, "advisory snapshots", kVersion3},
    Migration{4, "products, SBOMs and their graphs", kVersion4},
    Migration{5, "VEX documents, findings, events and webhook deliveries", kVersion5},
    Migration{6, "VEX statements", kVersion6},
    Migration{7, "webhook delivery claims", kVersion7},
    Migration{8, "in-toto attestations", kVersion8},
    Migration{9, "project-health signals", kVersion9},
    Migration{10, "assessments and their decisions", kVersion10},
    Migration{11, "advisory coverage per ecosystem and source", kVersion11},
    Migration{12, "events for ecosystems not covered", kVersion12Sqlite, kVersion12Postgresql},
    Migration{13, "the outcome of a failed job", kVersion13},
    Migration{14, "re-evaluations owed", kVersion14},
    Migration{15, "licence decisions", kVersion15},
    Migration{16, "SBOM conformance", kVersion16},
    Migration{17, "the decision log's hash chain", kVersion17},
};

struct Dialect {
  std::string_view identity;  // an auto-numbered primary key
  std::string_view bigint;
  std::string_view bytes;
};
constexpr Dialect kSqlite{"INTEGER PRIMARY KEY", "INTEGER", "BLOB"};
constexpr Dialect kPostgresql{"BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BIGINT", "BYTEA"};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

std::string migration_sql(const Migration& migration, SqlEngine engine) {
  const Dialect& dialect = engine == SqlEngine::sqlite ? kSqlite : kPostgresql;
  std::string sql(engine == SqlEngine::postgresql && !migration.postgresql_sql.empty()
                      ? migration.postgresql_sql
                      : migration.sql);
  for (const auto& [token, value] : {std::pair{std::string_view("{identity}"), dialect.identity},
                                     std::pair{std::string_view("{bigint}"), dialect.bigint},
                                     std::pair{std::string_view("{bytes}"), dialect.bytes}}) {
    for (std::size_t at = sql.find(token); at != std::string::npos; at = sql.find(token, at)) {
      sql.replace(at, token.size(), value);
      at += value.size();
    }
  }
  return sql;
}

}  // namespace cradle
