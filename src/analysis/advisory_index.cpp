#include "analysis/advisory_index.h"

#include <algorithm>
#include <numeric>
#include <optional>
#include <tuple>

#include "analysis/parallel_for.h"
#include "model/osv_package.h"

namespace cradle {
namespace {

// Union-find over the ids and aliases of the advisories; keys view the advisories' own strings.
class IdGroups {
 public:
  explicit IdGroups(std::size_t expected) {
    index_.reserve(expected);
    parent_.reserve(expected);
  }
  std::size_t id(std::string_view text) {
    auto [it, inserted] = index_.emplace(text, parent_.size());
    if (inserted) parent_.push_back(parent_.size());
    return it->second;
  }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) { parent_[find(a)] = find(b); }

 private:
  absl::flat_hash_map<std::string_view, std::size_t> index_;
  std::vector<std::size_t> parent_;
};

std::shared_ptr<const EntrySeverity> entry_severity(const Advisory& advisory,
                                                    const AffectedPackage& package) {
  if (advisory.severity.empty() && package.severity.empty()) return nullptr;
  auto severity = std::make_shared<EntrySeverity>();
  severity->scores = advisory.severity;
  severity->scores.insert(severity->scores.end(), package.severity.begin(), package.severity.end());
  sort_severity_scores(severity->scores);
  for (std::size_t i = 0; i < severity->scores.size(); ++i) {
    const SeverityScore& score = severity->scores[i];
    if (score.type != "CVSS_V3" && score.type != "CVSS_V4") continue;
    auto scored = score_cvss(score.score);
    if (scored && (!severity->cvss || scored->base > severity->cvss_score)) {
      severity->cvss = i;
      severity->cvss_score = scored->base;
      severity->rating = scored->rating;
    }
  }
  return severity;
}

// One load per ecosystem the records name, each record counted once per ecosystem.
AdvisoryCoverage coverage_of_records(
    const std::vector<std::pair<const Advisory*, std::size_t>>& records, std::string_view source,
    bool example) {
  EcosystemTally tally;
  for (const auto& [advisory, group] : records) tally.add(*advisory);
  AdvisoryCoverage coverage;
  for (EcosystemLoad& load : tally.loads(source, "", 0, example)) coverage.add(std::move(load));
  return coverage;
}

}  // namespace

void sort_severity_scores(std::vector<SeverityScore>& scores) {
  std::ranges::sort(scores, [](const SeverityScore& a, const SeverityScore& b) {
    return std::tie(a.type, a.score) < std::tie(b.type, b.score);
  });
  scores.erase(std::unique(scores.begin(), scores.end()), scores.end());
}

bool higher_cvss(const EntrySeverity& a, const EntrySeverity& b) {
  if (!a.cvss || !b.cvss) return a.cvss && !b.cvss;
  if (a.cvss_score != b.cvss_score) return a.cvss_score > b.cvss_score;
  return std::tie(a.cvss_vector().type, a.cvss_vector().score) <
         std::tie(b.cvss_vector().type, b.cvss_vector().score);
}

void AdvisoryIndex::key(std::string_view ecosystem, std::string_view name, std::string& out) {
  thread_local std::string package_key;
  osv_package_key(ecosystem, name, package_key);
  out.assign(ecosystem);
  out.push_back('\0');
  out += package_key;
}

void AdvisoryIndex::add(Advisory advisory) {
  auto existing = by_id_.find(advisory.id);
  if (existing != by_id_.end()) {
    // RFC 3339 times in UTC compare as text; keep the newest record.
    if (existing->second->modified >= advisory.modified) return;
    *existing->second = std::move(advisory);
    return;
  }
  storage_.push_back(std::move(advisory));
  by_id_.emplace(storage_.back().id, &storage_.back());
}

void AdvisoryIndex::finish(std::string_view source, bool example) {
  by_package_.clear();
  group_ids_.clear();
  withdrawn_ = 0;
  // The records in use (a replaced record stays in storage_, unused), with their group node.
  std::vector<std::pair<const Advisory*, std::size_t>> current;
  current.reserve(by_id_.size());
  IdGroups groups(by_id_.size() * 3);
  for (const Advisory& advisory : storage_) {
    if (by_id_.at(advisory.id) != &advisory) continue;
    const std::size_t own = groups.id(advisory.id);
    current.emplace_back(&advisory, own);
    for (const std::string& alias : advisory.aliases) groups.unite(own, groups.id(alias));
    for (const std::string& origin : advisory.upstream) groups.unite(own, groups.id(origin));
  }
  std::vector<std::vector<std::string>> collected;  // per group, sorted below
  absl::flat_hash_map<std::size_t, std::size_t> group_number;
  group_number.reserve(current.size());
  by_package_.reserve(current.size());
  // The entries to index, in a deterministic order; their ranges are compiled (every event
  // version parsed) and their severity scored on every core below, then filed by package.
  struct Pending {
    const Advisory* advisory;
    std::size_t affected_index;
    std::size_t group;
    std::shared_ptr<const EvidenceRef> evidence;
  };
  std::vector<Pending> pending;
  pending.reserve(current.size());
  for (const auto& [advisory_pointer, own] : current) {
    const Advisory& advisory = *advisory_pointer;
    const std::size_t root = groups.find(own);
    auto [it, inserted] = group_number.emplace(root, collected.size());
    if (inserted) collected.emplace_back();
    const std::size_t group = it->second;
    auto& ids = collected[it->second];
    ids.push_back(advisory.id);
    ids.insert(ids.end(), advisory.aliases.begin(), advisory.aliases.end());
    ids.insert(ids.end(), advisory.upstream.begin(), advisory.upstream.end());
    if (advisory.is_withdrawn()) {
      ++withdrawn_;
      continue;
    }
    std::shared_ptr<const EvidenceRef> evidence;
    for (std::size_t i = 0; i < advisory.affected.size(); ++i) {
      const AffectedPackage& package = advisory.affected[i];
      if (package.name.empty()) continue;
      if (!evidence) {
        EvidenceRef cited = advisory.evidence;
        cited.produced_at = advisory.modified;
        evidence = std::make_shared<const EvidenceRef>(std::move(cited));
      }
      pending.push_back(Pending{&advisory, i, group, evidence});
    }
  }
  std::vector<std::optional<AffectedRanges>> ranges(pending.size());
  std::vector<std::shared_ptr<const EntrySeverity>> severities(pending.size());
  parallel_for(pending.size(), 1024, [&](std::size_t i) {
    const AffectedPackage& package = pending[i].advisory->affected[pending[i].affected_index];
    ranges[i].emplace(package.versions);
    severities[i] = entry_severity(*pending[i].advisory, package);
  });
  std::string package_key;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    Pending& entry = pending[i];
    const AffectedPackage& package = entry.advisory->affected[entry.affected_index];
    key(package.versions.ecosystem, package.name, package_key);
    by_package_[package_key].push_back(IndexedAffected{entry.advisory, entry.affected_index,
                                                       entry.group, std::move(*ranges[i]),
                                                       std::move(entry.evidence),
                                                       std::move(severities[i])});
  }
  group_ids_.reserve(collected.size());
  for (auto& ids : collected) {
    std::ranges::sort(ids);
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    group_ids_.emplace_back(std::move(ids));
  }
  // Records of an ecosystem are advisories of it even where the coverage given has no load of
  // it (records stored by hand, not by an update).
  AdvisoryCoverage derived = coverage_of_records(current, source, example);
  if (!coverage_given_) {
    coverage_ = std::move(derived);
  } else {
    for (const EcosystemLoad& load : derived.loads()) {
      if (coverage_.loads_of(load.ecosystem).empty()) coverage_.add(load);
    }
  }
  covered_.clear();
  for (const EcosystemLoad& load : coverage_.loads()) covered_.insert(load.ecosystem);
  // Deterministic order within a package: by advisory id.
  for (auto& [name, entries] : by_package_) {
    std::ranges::stable_sort(entries, [](const IndexedAffected& a, const IndexedAffected& b) {
      return a.advisory->id < b.advisory->id;
    });
  }
}

std::span<const IndexedAffected> AdvisoryIndex::lookup(std::string_view ecosystem,
                                                       std::string_view name) const {
  thread_local std::string scratch;
  key(ecosystem, name, scratch);
  auto it = by_package_.find(scratch);
  if (it == by_package_.end()) return {};
  return it->second;
}


}  // namespace cradle
