// AdvisoryCoverage: how far the advisory data behind an answer reaches, per OSV ecosystem as
// records name it (release included: `PyPI`, `Debian:12`, `Alpine:v3.18`). A component is clean
// only when advisories of its ecosystem were loaded; an ecosystem no source delivered is a gap,
// never an all-clear (analysis/coverage_check.h says which gap).
//
// Each EcosystemLoad is one source's last load of one ecosystem: recorded in the store by
// `cradle db update` (app/advisory_update.h), or worked out from the records a scan's
// --advisories files hold. Plain values; nothing here reads a clock or a store.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/advisory.h"

namespace cradle {

struct EcosystemLoad {
  std::string ecosystem;
  std::string source;           // a path, `archive` or URL, as the load named it
  std::size_t records = 0;      // records of the ecosystem the source held at that load
  std::string newest_modified;  // the newest `modified` among them (RFC 3339)
  std::string loaded_at;        // when the source was last read (RFC 3339 UTC)
  // Records of the source that did not parse at that load: any of them may have been of this
  // ecosystem, so its data may be incomplete.
  std::size_t unreadable = 0;
  bool example = false;  // the source says it is example data, not an advisory feed

  bool operator==(const EcosystemLoad&) const = default;
};

class AdvisoryCoverage {
 public:
  // Adds a load; one of the same (ecosystem, source) replaces the earlier one.
  void add(EcosystemLoad load);

  // Every load, ordered by (ecosystem, source).
  std::span<const EcosystemLoad> loads() const { return loads_; }
  // The loads of one ecosystem (compared as written); empty when no source delivered it.
  std::span<const EcosystemLoad> loads_of(std::string_view ecosystem) const;
  bool empty() const { return loads_.empty(); }

 private:
  std::vector<EcosystemLoad> loads_;
};

// Counts records per ecosystem as a load reads them: each record once per ecosystem it names
// (among those `wanted` keeps), with the newest `modified`.
class EcosystemTally {
 public:
  template <typename Wanted>
  void add(const Advisory& advisory, Wanted wanted) {
    named_.clear();
    for (const AffectedPackage& package : advisory.affected) {
      if (!package.versions.ecosystem.empty() && wanted(package.versions.ecosystem)) {
        named_.push_back(package.versions.ecosystem);
      }
    }
    count(advisory.modified);
  }
  void add(const Advisory& advisory) {
    add(advisory, [](std::string_view) { return true; });
  }
  // One load per ecosystem counted, from `source`.
  std::vector<EcosystemLoad> loads(std::string_view source, std::string_view loaded_at,
                                   std::size_t unreadable, bool example) const;

 private:
  void count(const std::string& modified);

  std::vector<std::string_view> named_;  // scratch: the ecosystems of the record being added
  std::map<std::string, EcosystemLoad, std::less<>> counted_;
};

// The `--ecosystem` name `cradle db update` takes for an ecosystem: its release dropped
// (`Debian:12` -> `Debian`, `Ubuntu:22.04:LTS` -> `Ubuntu`).
std::string_view base_ecosystem(std::string_view ecosystem);

}  // namespace cradle
