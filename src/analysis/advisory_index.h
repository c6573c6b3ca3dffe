// AdvisoryIndex: OSV advisories keyed by (ecosystem, package name), so that a scan touches only
// the advisories of the packages present. Each affected[] entry's ranges are compiled once
// (every event version parsed). Ids, aliases and upstream ids are grouped (PYSEC-x, GHSA-y and
// CVE-z naming one vulnerability become one group) so that a finding lists a vulnerability once.
#pragma once

#include <cstddef>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/advisory.h"
#include "versions/osv_ranges.h"

namespace cradle {

struct IndexedAffected {
  const Advisory* advisory;
  std::size_t affected_index;  // into advisory->affected
  std::size_t group;           // alias group, see AdvisoryIndex::group_ids()
  AffectedRanges ranges;
};

class AdvisoryIndex {
 public:
  // Adds a record; a later one with the same id replaces an older `modified` (and is ignored
  // when older). Withdrawn records are counted but never returned by lookup().
  void add(Advisory advisory);
  // Call once after the last add(): builds the lookup table and the alias groups.
  void finish();

  std::span<const IndexedAffected> lookup(std::string_view ecosystem, std::string_view name) const;
  // The sorted ids, aliases and upstream ids of an alias group.
  const std::vector<std::string>& group_ids(std::size_t group) const { return group_ids_[group]; }

  std::size_t advisories() const { return by_id_.size(); }
  std::size_t withdrawn() const { return withdrawn_; }

 private:
  // "ecosystem\0normalised name", written into `out` (reused, so a lookup does not allocate).
  static void key(std::string_view ecosystem, std::string_view name, std::string& out);

  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  std::deque<Advisory> storage_;  // stable addresses
  std::unordered_map<std::string, Advisory*> by_id_;
  std::unordered_map<std::string, std::vector<IndexedAffected>, KeyHash, std::equal_to<>> by_package_;
  std::vector<std::vector<std::string>> group_ids_;
  std::size_t withdrawn_ = 0;
};

}  // namespace cradle
