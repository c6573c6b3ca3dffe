// OpenVEX documents (0.2.0, and 0.0.1 where vulnerability and products are plain strings), in
// JSON or YAML -> VexStatements, with located diagnostics. Statements inherit the document's timestamp; one
// without products (inherited from an enclosing document) speaks for the scanned product; a
// `not_affected` statement without justification or impact statement, and an `affected` one
// without action statement, are reported (the first suppresses nothing, see analysis/vex.h).
//
// Threads: plain functions of their arguments.
#pragma once

#include <string_view>
#include <vector>

#include "formats/parse_limits.h"
#include "formats/vex/vex_parse_result.h"

namespace cradle {

VexParseResult parse_openvex(std::string_view bytes, std::string_view file,
                             const ParseLimits& limits = {});

}  // namespace cradle
