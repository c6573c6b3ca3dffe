// apply_vex(): VEX statements onto scan findings (../shared/spec/vex-and-provenance.md 1.4).
//
// A statement applies to a finding on component C of an SBOM whose product is R (the primary
// component) when its vulnerability or an alias is one of the finding's ids and one of its
// products matches (vex_product_matches): a product with subcomponents must match R (or C) and
// a subcomponent must match C's purl; a product without subcomponents must match C or R (then it
// speaks for the whole product); a statement without products speaks for the scanned product. A
// VEX purl matches when type, namespace and name are equal, its version (if any) is equal, and
// its qualifiers are a subset. Of the statements that apply, the newest
// (timestamp) wins; statements of different authors that disagree are reported as conflicts.
// not_affected (with justification or impact statement) and fixed suppress the finding, which
// stays in the output with the statement and its evidence; a component whose findings are all
// suppressed becomes clean.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
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

// Whether a statement's product designates `component` of `sbom`: by purl (as above); else by
// bom-ref, when the product's SBOM serial number (and BOM-Link version) is the scanned SBOM's;
// else by name. Then its versions, exact or `vers:` ranges, must hold the component's version.
bool vex_product_matches(const VexProduct& product, const Sbom& sbom, const Component& component);

}  // namespace cradle
