// affected_products(): which product versions a vulnerability touches, and through which
// components and dependency paths. The vulnerability's advisories come from the store with their
// aliases resolved (a CVE id finds the GHSA and PYSEC records naming it); the components are
// those of every product version's current SBOM whose package an advisory lists, each judged by
// the same exact matching a scan uses (analysis/matcher.h). Only the packages the advisories name
// are read, so the cost follows the vulnerability, not the portfolio. The VEX statements the store
// keeps for the vulnerability apply as in a scan (analysis/vex.h): a suppressed finding stays,
// with its statement.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <vector>

#include "analysis/stored_advisories.h"
#include "model/error.h"
#include "model/finding.h"
#include "model/portfolio.h"
#include "store/store.h"

namespace cradle {

struct AffectedComponent {
  ComponentRecord component;
  Finding finding;                    // verdict "affected", or "unknown" when the ranges could
                                      // not be evaluated for its version; with the VEX
                                      // statement that applies, if one does
  std::vector<ComponentRecord> path;  // a shortest path from a root of its SBOM, root first
};

struct AffectedProductVersion {
  std::string product;
  std::string version;
  std::int64_t sbom_id = 0;
  std::string sbom_sha256;
  std::vector<AffectedComponent> components;  // by node
};

// An ecosystem of the portfolio's current SBOMs that no advisories cover: whether its components
// are affected, this answer cannot say.
struct UncoveredEcosystem {
  EcosystemUse use;
  std::string reason;
};

struct VulnerabilityImpact {
  std::string query;
  StoredAdvisoryLoad load;  // its records and ids; no records: the store does not know it
  std::size_t components_checked = 0;  // components of current SBOMs with a named package
  std::vector<AffectedProductVersion> product_versions;  // by product, then version
  std::vector<std::string> vex_conflicts;  // statements of different authors that disagree
  std::vector<Diagnostic> vex_diagnostics;  // kept VEX documents that no longer read
  std::vector<UncoveredEcosystem> not_covered;  // by ecosystem
};

std::expected<VulnerabilityImpact, Error> affected_products(Store& store,
                                                            const std::string& vulnerability);

}  // namespace cradle
