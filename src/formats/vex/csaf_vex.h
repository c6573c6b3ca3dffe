// CSAF 2.0 (and 2.1) documents with product statuses -> VexStatements: the VEX profile
// (`csaf_vex`) and security advisories, whose product_status says the same things. Pure;
// diagnostics carry JSON pointers.
//
// Product ids resolve through the product tree: a product_identification_helper purl names the
// product by purl; otherwise the branch path names it (product_name, else product_family or
// vendor) with its version (product_version, or product_version_range as a `vers:` range; a
// range in another notation such as "<=1.14.0" is read as vers:generic). A relationship's
// product ("component C as part of product P") is P with C's purl as subcomponent. Product
// groups are expanded.
//
// Statuses: known_not_affected -> not_affected, with the justification from flags[] (label)
// and the impact statement from threats[] (category impact) that name the product; known_affected
// (and first_affected, last_affected) -> affected, with remediations[] as the action statement;
// fixed and first_fixed -> fixed; under_investigation. `recommended` is advice and makes no
// statement. One statement per (vulnerability, product); the vulnerability is its cve (else its
// first ids[] entry), the other ids its aliases; the time is the document's
// tracking.current_release_date and the author its publisher.
//
// Threads: plain functions of their arguments.
#pragma once

#include <string_view>

#include "formats/parse_limits.h"
#include "formats/vex/vex_parse_result.h"

namespace cradle {

VexParseResult parse_csaf_vex(std::string_view bytes, std::string_view file,
                              const ParseLimits& limits = {});

}  // namespace cradle
