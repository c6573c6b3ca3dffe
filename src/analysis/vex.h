// apply_vex(): VEX statements onto scan findings (../shared/spec/vex-and-provenance.md 1.4).
//
// A statement applies to a finding on component C (purl P) of an SBOM whose product is R (the
// primary component's purl) when its vulnerability or an alias is one of the finding's ids and
// one of its products matches: a product with subcomponents must match R (or P) and a
// subcomponent must match P; a product without subcomponents must match P or R (then it speaks
// for the whole product); a statement without products speaks for the scanned product. A VEX purl matches when type, namespace and name are equal, its version
// (if any) is equal, and its qualifiers are a subset. Of the statements that apply, the newest
// (timestamp) wins; statements of different authors that disagree are reported as conflicts.
// not_affected (with justification or impact statement) and fixed suppress the finding, which
// stays in the output with the statement and its evidence; a component whose findings are all
// suppressed becomes clean.
#pragma once

#include <string>
#include <vector>

#include "model/finding.h"
#include "model/sbom.h"
#include "model/vex.h"

namespace cradle {

struct VexApplication {
  std::size_t applied = 0;
  std::size_t suppressed = 0;
  std::vector<std::string> conflicts;  // human-readable, one per (finding, component)
};

VexApplication apply_vex(const Sbom& sbom, const std::vector<VexStatement>& statements,
                         std::vector<ComponentResult>& results);

// Whether `vex_purl` (from a VEX document) designates `actual` (a component's purl).
bool vex_purl_matches(std::string_view vex_purl, const Purl& actual);

}  // namespace cradle
