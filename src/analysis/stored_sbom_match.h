// match_stored_sbom(): a stored SBOM matched now against the stored advisories, with the VEX
// statements given applied: what re-evaluation (app/reevaluation.h), `assess` and `diff` start
// from.
//
// Threads: reads through the store it is given; one call at a time per store.
#pragma once

#include <expected>
#include <vector>

#include "analysis/matcher.h"
#include "model/advisory_coverage.h"
#include "model/diagnostic.h"
#include "model/error.h"
#include "model/portfolio.h"
#include "model/sbom.h"
#include "model/vex.h"
#include "store/store.h"

namespace cradle {

// A stored SBOM matched now against the stored advisories, with the VEX statements applied: its
// components as a scan reads them, the row of each (pointers into `graph`, whose buffer a move
// keeps) and the results, each finding with the evidence it rests on.
struct StoredSbomMatch {
  SbomGraphRecord graph;
  Sbom sbom;
  std::vector<const ComponentRecord*> rows;
  std::vector<ComponentResult> results;
  AdvisoryCoverage coverage;  // the store's, which the results' not_covered states follow
};
std::expected<StoredSbomMatch, Error> match_stored_sbom(Store& store, const SbomRecord& sbom,
                                                        const std::vector<VexStatement>& statements,
                                                        std::vector<Diagnostic>& diagnostics);

}  // namespace cradle
