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

std::string_view base_ecosystem(std::string_view ecosystem) {
  return ecosystem.substr(0, ecosystem.find(':'));
}

}  // namespace cradle
