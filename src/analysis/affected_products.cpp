#include "analysis/affected_products.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <utility>

#include "analysis/coverage_check.h"
#include "analysis/matcher.h"
#include "analysis/stored_vex.h"
#include "analysis/vex.h"

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
  auto uses = store.current_ecosystems();
  if (!uses) return std::unexpected(uses.error());
  for (EcosystemUse& use : *uses) {
    if (!ecosystem_is_scannable(use.ecosystem) || !index.coverage().loads_of(use.ecosystem).empty()) continue;
    std::string reason = not_loaded_reason(use.ecosystem);
    impact.not_covered.push_back(UncoveredEcosystem{std::move(use), std::move(reason)});
  }
  if (packages.empty()) return impact;

  auto rows = store.current_components_for(packages);
  if (!rows) return std::unexpected(rows.error());
  impact.components_checked = rows->size();
  if (rows->empty()) return impact;

  // The VEX statements of the documents naming the vulnerability, and what they name each SBOM's
  // product by: read only when there are some.
  auto statements = stored_vex_statements(store, impact.vex_diagnostics, impact.load.ids);
  if (!statements) return std::unexpected(statements.error());
  absl::flat_hash_map<std::int64_t, SbomIdentity> identities;
  if (!statements->empty()) {
    std::vector<std::int64_t> sbom_ids;
    for (const PortfolioComponent& row : *rows) {
      if (sbom_ids.empty() || sbom_ids.back() != row.sbom_id) sbom_ids.push_back(row.sbom_id);
    }
    auto found = store.sbom_identities(sbom_ids);
    if (!found) return std::unexpected(found.error());
    for (SbomIdentity& identity : *found) identities.emplace(identity.sbom_id, std::move(identity));
  }

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
    if (auto identity = identities.find((*rows)[begin].sbom_id); identity != identities.end()) {
      candidates.serial_number = identity->second.serial_number;
      candidates.bom_version = identity->second.bom_version;
      if (identity->second.primary)
        candidates.primary_component = to_component(*identity->second.primary);
      for (std::string& conflict : apply_vex(candidates, *statements, results).conflicts)
        impact.vex_conflicts.push_back(std::move(conflict));
    }
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
