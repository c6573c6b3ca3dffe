// AdvisoryIndex: OSV advisories keyed by (ecosystem, package name), so that a scan touches only
// the advisories of the packages present. Each affected[] entry's ranges are compiled once
// (every event version parsed). Ids, aliases and upstream ids are grouped (PYSEC-x, GHSA-y and
// CVE-z naming one vulnerability become one group) so that a finding lists a vulnerability once.
//
// Threads: built by one thread (building spreads the compiling of ranges over the cores
// itself); once built, its const members may be called from several threads at once, as the
// matcher does.
#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/cvss.h"
#include "model/advisory.h"
#include "model/advisory_coverage.h"
#include "model/vulnerability_ids.h"
#include "versions/osv_ranges.h"

namespace cradle {

// An entry's severity as its findings cite it, worked out once per entry instead of once per
// finding: the record's and the entry's scores, sorted by (type, score), each once; and the
// highest CVSS base score among their v3 and v4 vectors (the first of the highest, in that order).
struct EntrySeverity {
  std::vector<SeverityScore> scores;
  std::optional<std::size_t> cvss;  // the vector scored, into scores; nullopt when none scores
  double cvss_score = 0.0;
  SeverityRating rating = SeverityRating::none;

  const SeverityScore& cvss_vector() const { return scores[*cvss]; }
};

// Sorts by (type, score) and drops repeats.
void sort_severity_scores(std::vector<SeverityScore>& scores);
// Whether a's CVSS pick is preferred to b's: the higher score, then the first in score order.
bool higher_cvss(const EntrySeverity& a, const EntrySeverity& b);

struct IndexedAffected {
  const Advisory* advisory;
  std::size_t affected_index;  // into advisory->affected
  std::size_t group;           // alias group, see AdvisoryIndex::group_ids()
  AffectedRanges ranges;
  // The record's evidence as its matches cite it: produced_at is its `modified`.
  std::shared_ptr<const EvidenceRef> evidence;
  std::shared_ptr<const EntrySeverity> severity;  // null when neither record nor entry has one
};

class AdvisoryIndex {
 public:
  // Adds a record; a later one with the same id replaces an older `modified` (and is ignored
  // when older). Withdrawn records are counted but never returned by lookup().
  void add(Advisory advisory);
  // Call once after the last add(): builds the lookup table and the alias groups, and the
  // coverage from the records added: one load per ecosystem they name, from `source` (example
  // data when `example`), joined to what set_coverage() gave for the ecosystems it has no load of.
  void finish(std::string_view source = "the advisories given", bool example = false);

  // Which ecosystems the advisories behind this index reach (model/advisory_coverage.h): the
  // store's record of its loads, when the index holds only the records a scan needs.
  void set_coverage(AdvisoryCoverage coverage) {
    coverage_ = std::move(coverage);
    coverage_given_ = true;
  }
  const AdvisoryCoverage& coverage() const { return coverage_; }
  // Whether some source delivered advisories of `ecosystem` (a scan asks once per component).
  bool covers(std::string_view ecosystem) const {
    return covered_.contains(absl::string_view(ecosystem.data(), ecosystem.size()));
  }

  std::span<const IndexedAffected> lookup(std::string_view ecosystem, std::string_view name) const;
  // The sorted ids, aliases and upstream ids of an alias group.
  const VulnerabilityIds& group_ids(std::size_t group) const { return group_ids_[group]; }

  // The record of that id (the newest by `modified` when several came), or null.
  const Advisory* find(std::string_view id) const {
    const auto found = by_id_.find(absl::string_view(id.data(), id.size()));
    return found == by_id_.end() ? nullptr : found->second;
  }
  std::size_t advisories() const { return by_id_.size(); }
  std::size_t withdrawn() const { return withdrawn_; }

 private:
  // "ecosystem\0normalised name", written into `out` (reused, so a lookup does not allocate).
  static void key(std::string_view ecosystem, std::string_view name, std::string& out);

  std::deque<Advisory> storage_;  // stable addresses
  // Open-addressing tables: a scan looks one package up per component, and the node-based
  // std::unordered_map cost a cache miss or two per lookup (scan_bench: 99 -> 70 ms).
  absl::flat_hash_map<std::string, Advisory*> by_id_;
  absl::flat_hash_map<std::string, std::vector<IndexedAffected>> by_package_;
  std::vector<VulnerabilityIds> group_ids_;
  std::size_t withdrawn_ = 0;
  AdvisoryCoverage coverage_;
  bool coverage_given_ = false;
  absl::flat_hash_set<std::string> covered_;  // the ecosystems coverage_ has a load of
};

}  // namespace cradle
