// AdvisoryCoverage: how far the advisory data behind an answer reaches, per OSV ecosystem as
// records name it (release included: `PyPI`, `Debian:12`, `Alpine:v3.18`). A component is clean
// only when advisories of its ecosystem were loaded; an ecosystem no source delivered is a gap,
// never an all-clear (analysis/coverage_check.h says which gap).
//
// Each EcosystemLoad is one source's last load of one ecosystem: recorded in the store by
// `cradle db update` (store/advisory_update.h), or worked out from the records a scan's
// --advisories files hold. Plain values; nothing here reads a clock or a store.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

// The `--ecosystem` name `cradle db update` takes for an ecosystem: its release dropped
// (`Debian:12` -> `Debian`, `Ubuntu:22.04:LTS` -> `Ubuntu`).
std::string_view base_ecosystem(std::string_view ecosystem);

}  // namespace cradle
