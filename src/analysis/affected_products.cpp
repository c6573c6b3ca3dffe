#include "analysis/affected_products.h"

#include <algorithm>
#include <utility>

#include "analysis/matcher.h"

namespace cradle {

std::expected<VulnerabilityImpact, Error> affected_products(Store& store,
                                                            const std::string& vulnerability) {
  VulnerabilityImpact impact;
  impact.query = vulnerability;
  AdvisoryIndex index;
  std::vector<OsvPackage> packages;
  auto load = load_stored_vulnerability(store, vulnerability, index, packages);
  if (!load) return std::unexpected(load.error());
  impact.load = std::move(*load);
  if (packages.empty()) return impact;

  auto rows = store.current_components_for(packages);
  if (!rows) return std::unexpected(rows.error());
  impact.components_checked = rows->size();

  // The candidates of each SBOM as one small SBOM, matched as a scan would match them.
  std::vector<std::pair<std::int64_t, std::int64_t>> path_starts;
  std::vector<AffectedComponent*> path_owners;
  for (std::size_t begin = 0; begin < rows->size();) {
    std::size_t end = begin;
    while (end < rows->size() && (*rows)[end].sbom_id == (*rows)[begin].sbom_id) ++end;
    Sbom candidates;
    for (std::size_t i = begin; i < end; ++i)
      candidates.components.push_back(to_component((*rows)[i].component));
    std::vector<ComponentResult> results = match_components(candidates, index);
    AffectedProductVersion version{(*rows)[begin].product,
                                   (*rows)[begin].product_version,
                                   (*rows)[begin].sbom_id,
                                   (*rows)[begin].sbom_sha256,
                                   {}};
    for (ComponentResult& result : results) {
      for (Finding& finding : result.findings) {
        version.components.push_back(AffectedComponent{
            (*rows)[begin + result.component_index].component, std::move(finding), {}});
      }
    }
    if (!version.components.empty()) impact.product_versions.push_back(std::move(version));
    begin = end;
  }
  for (AffectedProductVersion& version : impact.product_versions) {
    for (AffectedComponent& component : version.components) {
      path_starts.emplace_back(version.sbom_id, component.component.node);
      path_owners.push_back(&component);
    }
  }
  if (!path_starts.empty()) {
    auto paths = store.shortest_paths(path_starts);
    if (!paths) return std::unexpected(paths.error());
    for (std::size_t i = 0; i < path_owners.size(); ++i)
      path_owners[i]->path = std::move((*paths)[i]);
  }
  return impact;
}

}  // namespace cradle
