// `cradle db update`: OSV records from a directory tree, a zip (osv.dev's per-ecosystem
// `<ECOSYSTEM>/all.zip` or the all-ecosystems `all.zip`) or a URL serving such a zip, into the
// store. Incremental: a record replaces the stored one only when its `modified` is newer.
// Withdrawn records are stored and marked. A record that does not parse gets its diagnostics
// and the rest goes on. Each source is one transaction: a failure or a crash leaves the store
// as it was before that source.
//
// Threads: one update at a time per store (store/store.h); a source is read on the calling
// thread.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "model/diagnostic.h"
#include "model/osv_package.h"
#include "model/ingest_outcome.h"
#include "sources/document_source.h"
#include "store/store.h"

namespace cradle {

struct AdvisoryUpdateOptions {
  // OSV ecosystem names ("PyPI", "Debian"); a record is kept when one of its affected[]
  // ecosystems is one of them, release suffix aside ("Debian:12" counts as "Debian"). Empty:
  // every record.
  std::vector<std::string> ecosystems;
  // An OSV record is a few kilobytes; one beyond 64 MiB is refused.
  SourceLimits limits{.max_document_bytes = std::size_t{64} << 20};
  // Called now and then with the number of documents read so far and, when it is known (a
  // directory tree), their total; 0 otherwise (progress display).
  std::function<void(std::size_t documents, std::size_t total)> progress;
  // The documents the source holds, when the caller knows; 0 otherwise.
  std::size_t total = 0;
};

// Reads a source's documents by handing each to the sink it is given.
using DocumentReader = std::function<SourceReport(const DocumentSink&)>;

// Any source: the documents `read` produces, under the name `source`.
AdvisoryUpdate update_advisories(Store& store, const std::string& source,
                                 const DocumentReader& read, const AdvisoryUpdateOptions& options);
// A directory, a .json/.yaml file, or a zip file (detected by its bytes).
AdvisoryUpdate update_advisories_from_path(Store& store, const std::string& path,
                                           const AdvisoryUpdateOptions& options);
// A URL serving a zip; conditional GET with the validators stored for the URL.
AdvisoryUpdate update_advisories_from_url(Store& store, const std::string& url,
                                          const AdvisoryUpdateOptions& options);

// A source as `db update --from` and an advisory-update job name it: an http(s) URL, else a path.
AdvisoryUpdate update_advisories_from_source(Store& store, const std::string& source,
                                             const AdvisoryUpdateOptions& options);

// OSV's public exports: one per-ecosystem zip per ecosystem, or the all-ecosystems zip.
std::vector<std::string> osv_export_urls(const std::vector<std::string>& ecosystems);

}  // namespace cradle
