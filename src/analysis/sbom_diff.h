// diff_sboms(): what changed between two stored SBOMs of a product (`cradle diff`): components
// added, removed, upgraded, downgraded or otherwise changed, and findings new or resolved (a
// vulnerability its package did not have, or no longer has, at any version) or with another
// status (VEX), both SBOMs matched against the same stored advisories with the stored VEX
// applied. A component is its package (the purl
// without version, qualifiers and subpath; its name when it has no purl), so a package present
// at several versions compares as the set of them.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "model/error.h"
#include "model/finding.h"
#include "model/portfolio.h"
#include "store/store.h"

namespace cradle {

struct ComponentChange {
  enum class Kind { added, removed, upgraded, downgraded, changed };
  Kind kind = Kind::changed;
  std::string package;                // purl identity, or the name
  std::vector<std::string> from, to;  // versions, sorted; empty on the side it is absent from
};

struct FindingChange {
  enum class Kind { added, resolved, status_changed };
  Kind kind = Kind::added;
  std::string package;
  std::string version;  // the component's, in the SBOM that has the finding (`to` when both do)
  std::string purl;
  Finding finding;  // as in that SBOM
  // As events say it (FindingRecord::status()): "affected", "unknown", or the VEX status with
  // " (suppressed)"; empty on the side without the finding.
  std::string status_before, status_after;
};

// A finding's status in the words of events.
std::string finding_status(const Finding& finding);

struct SbomDiff {
  SbomRecord from;
  SbomRecord to;
  std::vector<ComponentChange> components;  // by package
  std::vector<FindingChange> findings;      // by package, then vulnerability
  std::size_t unchanged = 0;                // packages at the same versions on both sides
  std::vector<Diagnostic> diagnostics;  // stored advisories or VEX documents that no longer read
};

std::string_view to_string(ComponentChange::Kind kind);
std::string_view to_string(FindingChange::Kind kind);

std::expected<SbomDiff, Error> diff_sboms(Store& store, const SbomRecord& from,
                                          const SbomRecord& to);

}  // namespace cradle
