// AdvisoryStore: one role of the evidence store (store/store.h). OSV advisories, what each source
// delivered of each ecosystem (coverage), and what a source URL last answered (conditional GET).
//
// Threads: as the Store it belongs to (one thread at a time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/advisory.h"
#include "model/advisory_coverage.h"
#include "model/error.h"
#include "model/osv_package.h"
#include "store/document_store.h"
#include "store/store_role.h"

namespace cradle {

// An advisory's place in the store: its id, `modified`, the document it was read from, and the
// snapshot of it as parsed. Lookups return the document's bytes only when there is no snapshot.
struct StoredAdvisory {
  std::string id;
  std::string modified;
  StoredDocument document;
  std::string snapshot;  // formats/osv/advisory_snapshot.h; empty for records stored before version 3
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

class AdvisoryStore : protected StoreRole {
 public:
  // The `modified` of the stored advisory with this id, if any.
  std::expected<std::optional<std::string>, Error> advisory_modified(std::string_view id);
  // Inserts or replaces the advisory (its packages, ids, aliases and snapshot) read from a stored
  // document.
  std::expected<void, Error> put_advisory(const Advisory& advisory, std::int64_t document_id);
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
  std::expected<std::vector<std::string>, Error> advisories_naming(
      std::span<const std::string> ids);
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
  std::expected<void, Error> set_fetch_state(std::string_view url, const FetchState& state);

 protected:
  using StoreRole::StoreRole;
};

}  // namespace cradle
