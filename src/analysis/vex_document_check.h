// A VEX document as `scan --vex` and `ingest` read it: parse_vex() (formats/vex/vex_document.h), and
// for a CSAF 2.0 document its mandatory tests (analysis/csaf_conformance.h), so that an invalid
// document is never taken in silently. A failed test is a warning at its JSON pointer (the
// statements are read as written), except 6.1.6, contradicting product statuses: a product both
// affected and not affected has no status to apply, and the document is refused. At most three
// failures per test are told, then their number.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <string_view>

#include "formats/parse_limits.h"
#include "formats/vex/vex_parse_result.h"

namespace cradle {

VexParseResult read_checked_vex(std::string_view bytes, std::string_view file,
                                const ParseLimits& limits = {});

}  // namespace cradle
