// PortfolioStore: one role of the evidence store (store/store.h). The portfolio
// (model/portfolio.h): products, the SBOMs attached to their versions with their graphs, and the
// findings each SBOM had when last evaluated.
//
// Threads: as the Store it belongs to (one thread at a time).
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.h"
#include "model/osv_package.h"
#include "model/portfolio.h"
#include "model/product.h"
#include "store/store_role.h"

namespace cradle {

class PortfolioStore : protected StoreRole {
 public:
  // Adds a product, or updates the context of the one with that name: each context field given
  // (non-empty) replaces the stored one. Returns the product's id.
  std::expected<std::int64_t, Error> put_product(const Product& product);
  std::expected<std::optional<StoredProduct>, Error> product(std::string_view name);
  std::expected<std::vector<StoredProduct>, Error> products();  // by name
  // Attaches a stored document's SBOM, with its graph, to a version of a product; the same
  // document for the same version is attached once (SbomPut::added is then false).
  std::expected<SbomPut, Error> put_sbom(std::int64_t product_id, const SbomRecord& sbom,
                                         std::int64_t document_id, const SbomGraphRecord& graph);
  // A product's SBOMs in the order they were ingested (the last of a version is its current one).
  std::expected<std::vector<SbomRecord>, Error> product_sboms(std::string_view product);
  std::expected<SbomGraphRecord, Error> sbom_graph(std::int64_t sbom_id);
  // The components with one of these packages (names compared under osv_package_key) in the
  // current SBOM of every product version, ordered by product, version and node.
  std::expected<std::vector<PortfolioComponent>, Error> current_components_for(
      std::span<const OsvPackage> packages);
  // The ecosystems of the components of every product version's current SBOM, by name.
  std::expected<std::vector<EcosystemUse>, Error> current_ecosystems();
  // For each (SBOM, node), the components of its shortest path from a root, root first.
  std::expected<std::vector<std::vector<ComponentRecord>>, Error> shortest_paths(
      std::span<const std::pair<std::int64_t, std::int64_t>> nodes);

  // The identity of each of these SBOMs (those the store has), ordered by id.
  std::expected<std::vector<SbomIdentity>, Error> sbom_identities(
      std::span<const std::int64_t> sbom_ids);

  // One SBOM by id, as product_sboms() reads it.
  std::expected<std::optional<SbomRecord>, Error> sbom(std::int64_t sbom_id);

  // The findings of an SBOM as last evaluated, by (node, vulnerability), and their replacement.
  std::expected<std::vector<FindingRecord>, Error> findings(std::int64_t sbom_id);
  std::expected<void, Error> replace_findings(std::int64_t product_id, std::int64_t sbom_id,
                                              std::span<const FindingRecord> findings);
  std::expected<void, Error> mark_evaluated(std::int64_t sbom_id, std::string_view at);
  // The current SBOMs (the last of their product version) whose stored findings name one of
  // these ids, sorted.
  std::expected<std::vector<std::int64_t>, Error> current_sboms_naming(
      std::span<const std::string> ids);

  // Re-evaluations owed (model/portfolio.h): one recorded (its id), those recorded, oldest first,
  // and one taken, which is true when it was still owed (another process may have taken it).
  std::expected<std::int64_t, Error> put_pending_reevaluation(const PendingReevaluation& pending);
  std::expected<std::vector<PendingReevaluation>, Error> pending_reevaluations();
  std::expected<bool, Error> take_pending_reevaluation(std::int64_t id);

 protected:
  using StoreRole::StoreRole;
};

}  // namespace cradle
