// The advisories an SBOM needs, from the store: only the records of the (ecosystem, package)
// pairs its components name are read and parsed, so a scan's start-up cost follows the SBOM,
// not the size of the database.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <vector>

#include "analysis/advisory_index.h"
#include "model/diagnostic.h"
#include "model/error.h"
#include "model/osv_package.h"
#include "model/sbom.h"
#include "store/advisory_store.h"

namespace cradle {

struct StoredAdvisoryLoad {
  std::size_t packages = 0;    // distinct (ecosystem, package) pairs looked up
  std::size_t advisories = 0;  // records read (each once): those of the packages, and those
                               // sharing an id with them (alias groups)
  std::size_t from_snapshots = 0;  // of those, read from their stored snapshot (no JSON parse)
  std::vector<Diagnostic> diagnostics;  // records that no longer parse
  // load_stored_vulnerability() only: the ids of the records read, and every id they name
  // (theirs, aliases, upstream ids), sorted.
  std::vector<std::string> records;
  std::vector<std::string> ids;
};

// Adds the advisories to `index`, gives it the store's coverage (model/advisory_coverage.h) and
// calls index.finish().
std::expected<StoredAdvisoryLoad, Error> load_stored_advisories(AdvisoryStore& store, const Sbom& sbom,
                                                                AdvisoryIndex& index);

// The advisories of one vulnerability: the records with this id or naming it among their
// aliases or upstream ids, and those sharing an id with them. `packages` receives the
// (ecosystem, name) pairs their affected[] entries name, each once, names as osv_package_key()
// writes them. Adds them to `index` and
// calls index.finish(); a vulnerability the store does not know loads nothing.
std::expected<StoredAdvisoryLoad, Error> load_stored_vulnerability(AdvisoryStore& store, const std::string& id,
                                                                   AdvisoryIndex& index,
                                                                   std::vector<OsvPackage>& packages);

}  // namespace cradle
