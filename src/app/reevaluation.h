// Continuous re-evaluation: the findings of a product version's current SBOM are kept in the
// store as last evaluated (store/portfolio.h). Evaluating again (after an SBOM, advisories or
// VEX arrive) matches its components against the stored advisories, applies the stored VEX,
// replaces the kept findings and records an event for each difference: a finding new, resolved,
// or whose status changed. Only the product versions a change can touch are evaluated: those
// whose components have a package the changed advisories name, or whose findings name one of
// the changed vulnerabilities.
//
// Events compare findings by (component purl, vulnerability), so a new SBOM of a version is told
// against the previous SBOM of that version. An evaluation is one transaction. Advisories and VEX
// documents record the re-evaluation they call for in the transaction that stores them, and the
// re-evaluation takes it in its own: a crash in between leaves it owed, and the next `db update`,
// ingest of advisories or VEX, worker job or `cradle reevaluate` does it (`db status` counts it).
//
// Threads: one call at a time per store (store/store.h).
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "analysis/stored_sbom_match.h"
#include "analysis/stored_vex.h"
#include "app/advisory_update.h"
#include "model/diagnostic.h"
#include "model/error.h"
#include "model/ingest_outcome.h"
#include "model/finding.h"
#include "model/osv_package.h"
#include "model/portfolio.h"
#include "model/product.h"
#include "model/vex.h"
#include "store/store.h"

namespace cradle {

// The findings of one stored SBOM now; its components not covered are added to `not_covered`.
std::expected<std::vector<FindingRecord>, Error> evaluate_sbom(
    Store& store, const SbomRecord& sbom, const std::vector<VexStatement>& statements,
    const std::string& now, std::vector<Diagnostic>& diagnostics,
    std::vector<NotCovered>& not_covered);

// Evaluates these SBOMs (each the current one of its version) and stores their findings and the
// events, with `cause` (what was ingested), in one transaction. A SBOM evaluated for the first
// time is told against the previous SBOM of its version, if any.
// `progress`, when given, is told after each SBOM how many of them are done.
using ReevaluationProgress = std::function<void(std::size_t done, std::size_t total)>;
std::expected<Reevaluation, Error> reevaluate(Store& store, std::span<const std::int64_t> sbom_ids,
                                              const std::string& cause,
                                              const ReevaluationProgress& progress = {});
// The same inside the caller's transaction (an SBOM ingest evaluates the SBOM it attaches in
// the transaction that attaches it).
std::expected<Reevaluation, Error> reevaluate_in_transaction(Store& store,
                                                             std::span<const std::int64_t> sbom_ids,
                                                             const std::string& cause,
                                                             const ReevaluationProgress& progress = {});

// What `cradle reevaluate --product` names: the current SBOM of every version of each product
// (of the one version when named; every product when none is named), sorted, each once; and
// the products or versions named that have no SBOM ("NAME" or "NAME@VERSION").
struct ReevaluationTargets {
  std::vector<std::int64_t> sbom_ids;
  std::vector<std::string> missing;
};
std::expected<ReevaluationTargets, Error> reevaluation_targets(Store& store,
                                                               std::span<const ProductVersion> wanted);

// The current SBOMs a change touches: those with a component of one of the packages, or with a
// kept finding naming one of the ids (ids and packages of the records that changed).
std::expected<std::vector<std::int64_t>, Error> sboms_touched(Store& store,
                                                              std::span<const OsvPackage> packages,
                                                              std::span<const std::string> ids);

// Every re-evaluation owed (model/portfolio.h: PendingReevaluation), oldest first, each in a
// transaction of its own that takes it: the product versions it touches evaluated, with its
// cause. What an advisory update or a VEX document just recorded, and whatever a crash left owed
// before it (a process killed between storing evidence and re-evaluating).
std::expected<Reevaluation, Error> reevaluate_pending(Store& store);

// `CRADLE_CRASH_AT=NAME` in the environment ends the process here, at once, when NAME is `point`:
// how the tests kill a process between two transactions. Nothing else sets it.
void crash_point(std::string_view point);

}  // namespace cradle
