#include "store/schema.h"

#include <array>

namespace cradle {
namespace {

// Version 1: documents kept as evidence, and the OSV advisories read from them.
//  - documents: one row per distinct content (sha256), with its first EvidenceRef.
//  - advisories: the newest record per id; `withdrawn` hides it from scans, never deletes it.
//  - advisory_packages: the (ecosystem, package key) pairs an advisory's affected[] names; the
//    key is osv_package_key() of the name (PEP 503 for PyPI), so lookups need no normalising.
//  - advisory_ids: aliases and upstream ids, for grouping.
//  - fetch_state: the validators a source URL last answered with (conditional GET).
constexpr std::string_view kVersion1Sqlite = R"sql(
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  produced_at TEXT,
  ingested_at TEXT NOT NULL,
  content BLOB NOT NULL
);
CREATE TABLE advisories (
  id TEXT PRIMARY KEY,
  modified TEXT NOT NULL,
  withdrawn TEXT,
  document_id INTEGER NOT NULL REFERENCES documents(id)
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

constexpr std::array kMigrations{
    Migration{1, "documents and OSV advisories", kVersion1Sqlite},
};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

}  // namespace cradle
