#include "analysis/stored_advisories.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>

#include "formats/osv/advisory_snapshot.h"
#include "formats/osv/osv_record.h"
#include "model/osv_package.h"

namespace cradle {
namespace {

class Loader {
 public:
  Loader(AdvisoryStore& store, AdvisoryIndex& index, StoredAdvisoryLoad& load)
      : store_(store), index_(index), load_(load) {}

  // A stored record into the index, once per id, from its snapshot (else by parsing its bytes),
  // and its ids queued for grouping.
  void add(StoredAdvisory record) {
    if (!loaded_.insert(record.id).second) return;
    ++load_.advisories;
    std::optional<Advisory> read;
    if (!record.snapshot.empty()) {
      read = read_advisory_snapshot(record.snapshot);
      if (!read) {
        load_.diagnostics.push_back(Diagnostic{
            Severity::error, record.document.evidence.source, {},
            fmt::format("the store's snapshot of {} is unreadable (run `cradle db update` again)", record.id)});
        return;
      }
      ++load_.from_snapshots;
    } else {
      AdvisoryParseResult parsed = parse_osv(record.document.content, record.document.evidence.source, limits_);
      for (Diagnostic& d : parsed.diagnostics) load_.diagnostics.push_back(std::move(d));
      if (!parsed.accepted()) return;
      read = std::move(parsed.advisory);
    }
    Advisory& advisory = *read;
    if (packages_ != nullptr) {
      // By lookup key: records spell PyPI names freely (Urllib3, urllib3).
      std::string key;
      for (const AffectedPackage& package : advisory.affected) {
        if (package.name.empty()) continue;
        osv_package_key(package.versions.ecosystem, package.name, key);
        packages_->emplace(package.versions.ecosystem, key);
      }
    }
    advisory.evidence = std::move(record.document.evidence);
    advisory.evidence.produced_at = advisory.modified;
    queue(advisory.id);
    for (const std::string& alias : advisory.aliases) queue(alias);
    for (const std::string& origin : advisory.upstream) queue(origin);
    index_.add(std::move(advisory));
  }

  // The records that share an id with a loaded one, transitively: an alias group is the same
  // whether the index holds the whole database or only what this SBOM needs. One lookup per
  // step of the closure, for all the ids that step found.
  std::expected<void, Error> close_groups() {
    while (!pending_.empty()) {
      const std::vector<std::string> frontier(std::make_move_iterator(pending_.begin()),
                                              std::make_move_iterator(pending_.end()));
      pending_.clear();
      auto naming = store_.advisories_naming(frontier);
      if (!naming) return std::unexpected(naming.error());
      std::vector<std::string> missing;
      for (std::string& other : *naming) {
        if (!loaded_.contains(other)) missing.push_back(std::move(other));
      }
      if (missing.empty()) break;
      auto records = store_.advisories(missing);
      if (!records) return std::unexpected(records.error());
      for (StoredAdvisory& record : *records) add(std::move(record));
    }
    return {};
  }

  // Records the affected packages of every record added from now on.
  void collect_packages(std::set<std::pair<std::string, std::string>>* packages) { packages_ = packages; }

  void queue(const std::string& id) {
    if (queued_.insert(id).second) pending_.push_back(id);
  }

  const std::unordered_set<std::string>& loaded() const { return loaded_; }
  const std::unordered_set<std::string>& queued() const { return queued_; }

 private:
  AdvisoryStore& store_;
  AdvisoryIndex& index_;
  StoredAdvisoryLoad& load_;
  const ParseLimits limits_;
  std::unordered_set<std::string> loaded_;
  std::unordered_set<std::string> queued_;
  std::vector<std::string> pending_;
  std::set<std::pair<std::string, std::string>>* packages_ = nullptr;
};

}  // namespace

std::expected<StoredAdvisoryLoad, Error> load_stored_advisories(AdvisoryStore& store, const Sbom& sbom,
                                                                AdvisoryIndex& index) {
  std::set<std::pair<std::string, std::string>> keys;
  std::string key;
  for (const Component& component : sbom.components) {
    if (!component.purl) continue;
    auto package = osv_package_for(*component.purl, component.details->source_name);
    if (!package) continue;
    osv_package_key(package->ecosystem, package->name, key);
    keys.emplace(package->ecosystem, key);
  }
  std::vector<OsvPackage> packages;
  packages.reserve(keys.size());
  for (const auto& [ecosystem, name] : keys) packages.push_back(OsvPackage{ecosystem, name});
  StoredAdvisoryLoad load;
  load.packages = packages.size();
  Loader loader(store, index, load);
  auto stored = store.advisories_for(packages);
  if (!stored) return std::unexpected(stored.error());
  for (StoredAdvisory& record : *stored) loader.add(std::move(record));
  if (auto closed = loader.close_groups(); !closed) return std::unexpected(closed.error());
  auto coverage = store.advisory_coverage();
  if (!coverage) return std::unexpected(coverage.error());
  index.set_coverage(std::move(*coverage));
  index.finish("records in the store");
  return load;
}

std::expected<StoredAdvisoryLoad, Error> load_stored_vulnerability(AdvisoryStore& store, const std::string& id,
                                                                   AdvisoryIndex& index,
                                                                   std::vector<OsvPackage>& packages) {
  StoredAdvisoryLoad load;
  Loader loader(store, index, load);
  std::set<std::pair<std::string, std::string>> named;
  loader.collect_packages(&named);
  loader.queue(id);
  if (auto closed = loader.close_groups(); !closed) return std::unexpected(closed.error());
  auto coverage = store.advisory_coverage();
  if (!coverage) return std::unexpected(coverage.error());
  index.set_coverage(std::move(*coverage));
  index.finish("records in the store");
  for (const auto& [ecosystem, name] : named) packages.push_back(OsvPackage{ecosystem, name});
  load.packages = packages.size();
  load.records.assign(loader.loaded().begin(), loader.loaded().end());
  std::ranges::sort(load.records);
  if (!load.records.empty()) load.ids.assign(loader.queued().begin(), loader.queued().end());
  std::ranges::sort(load.ids);
  return load;
}

}  // namespace cradle
