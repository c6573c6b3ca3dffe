#include "model/advisory_coverage.h"

#include <algorithm>
#include <tuple>

namespace cradle {

void AdvisoryCoverage::add(EcosystemLoad load) {
  auto key = [](const EcosystemLoad& l) { return std::tie(l.ecosystem, l.source); };
  auto at = std::ranges::lower_bound(loads_, key(load), {}, key);
  if (at != loads_.end() && key(*at) == key(load)) {
    *at = std::move(load);
  } else {
    loads_.insert(at, std::move(load));
  }
}

std::span<const EcosystemLoad> AdvisoryCoverage::loads_of(std::string_view ecosystem) const {
  auto [first, last] = std::ranges::equal_range(
      loads_, ecosystem, {},
      [](const EcosystemLoad& l) -> std::string_view { return l.ecosystem; });
  return {first, last};
}

void EcosystemTally::count(const std::string& modified) {
  std::ranges::sort(named_);
  named_.erase(std::unique(named_.begin(), named_.end()), named_.end());
  for (std::string_view ecosystem : named_) {
    auto at = counted_.find(ecosystem);
    if (at == counted_.end()) at = counted_.emplace(std::string(ecosystem), EcosystemLoad{}).first;
    ++at->second.records;
    if (modified > at->second.newest_modified) at->second.newest_modified = modified;
  }
}

std::vector<EcosystemLoad> EcosystemTally::loads(std::string_view source,
                                                 std::string_view loaded_at, std::size_t unreadable,
                                                 bool example) const {
  std::vector<EcosystemLoad> out;
  for (const auto& [ecosystem, tally] : counted_) {
    out.push_back(EcosystemLoad{ecosystem, std::string(source), tally.records,
                                tally.newest_modified, std::string(loaded_at), unreadable,
                                example});
  }
  return out;
}

std::string_view base_ecosystem(std::string_view ecosystem) {
  return ecosystem.substr(0, ecosystem.find(':'));
}

}  // namespace cradle
