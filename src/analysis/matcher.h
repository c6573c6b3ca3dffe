// match_components(): every component of an SBOM against the advisory index, by its purl's OSV
// ecosystem and package name and the ecosystem's exact version ordering. No fuzzy CPE matching.
//
// Each component ends in exactly one state: clean; affected, with its findings (one per alias
// group); or not scannable, with the reason: no purl, an invalid purl, no version, an ecosystem
// OSV does not cover or cradle cannot order, a distribution package without its release (or
// the product stream or product its advisories are scoped to), a version that does not parse, or
// advisories whose ranges could not be evaluated for it; or not covered, when the index's
// coverage holds no advisories of its ecosystem (a component is clean only where cradle looked).
// Nothing is dropped.
//
// Threads: match_components() spreads the components over the cores itself
// (analysis/parallel_for.h); it only reads the SBOM and the index.
#pragma once

#include <vector>

#include "analysis/advisory_index.h"
#include "model/finding.h"
#include "model/sbom.h"

namespace cradle {

std::vector<ComponentResult> match_components(const Sbom& sbom, const AdvisoryIndex& index);

std::string_view to_string(ComponentState state);

// Whether components of an ecosystem, as osv_package_for() names it, can be matched at all: it
// has a version ordering, and is not a distribution whose advisories are scoped to a release,
// stream or product the purl did not name. Only such an ecosystem can be covered or not.
bool ecosystem_is_scannable(std::string_view ecosystem);

}  // namespace cradle
