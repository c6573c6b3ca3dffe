// Ingest of every document kind, as `cradle ingest` and a worker's ingest job do it: the kind is
// told from the content; an SBOM is attached to its product version and evaluated in one
// transaction; OSV records load as `cradle db update` loads them; VEX documents, attestations and
// Scorecard results are kept, each with a row per statement or signal. Advisories and VEX then
// re-evaluate the product versions they touch. Nothing here prints: each document's outcome
// (model/ingest_outcome.h) says what was stored, what changed and every problem met.
//
// Threads: one call at a time per store (store/store.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <vector>

#include "model/error.h"
#include "model/ingest_outcome.h"
#include "model/product.h"
#include "store/store.h"

namespace cradle {

// One document's bytes, named `source`. A zip is refused: it is read from its path.
IngestOutcome ingest_document(Store& store, const std::string& source, const std::string& bytes,
                              const ProductVersion& target);

// An advisory update (app/advisory_update.h) followed by the re-evaluations owed: the one it
// recorded for the records it changed, and any an interrupted run left (app/reevaluation.h).
IngestOutcome finish_advisory_update(Store& store, AdvisoryUpdate update);

// Told as ingest_path() goes: each outcome when it is reached, and how many of a directory's
// documents (OSV records aside) are done.
struct IngestObserver {
  std::function<void(const IngestOutcome&)> outcome;
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct PathIngest {
  // A directory's files that are no document cradle ingests (a tree is often a repository):
  // counted and named, not failed.
  std::vector<std::string> not_documents;
  bool failed = false;  // an outcome failed, or the path holds no document cradle ingests
};

// A file, a zip of OSV records, or every document in a directory tree: the OSV records first,
// as one source (one transaction, as `db update --from DIR` loads them), then zips of records,
// then every other document on its own. A file that fails does not stop the others. Problems
// with the path itself (unreadable, nothing to ingest) come as outcomes that stored nothing.
PathIngest ingest_path(Store& store, const std::string& path, const ProductVersion& target,
                       const IngestObserver& observer);

// `cradle ingest --queue`: the file's bytes kept in the store and a job queued for a worker to
// ingest them as ingest_document() would; the job's id. What would fail for sure is refused
// now, not left for a worker to find: a zip or no document cradle ingests, an SBOM that does
// not read or names no product when `product` does not either.
std::expected<std::int64_t, Error> queue_ingest(Store& store, const std::string& file,
                                                const std::string& product);

}  // namespace cradle
