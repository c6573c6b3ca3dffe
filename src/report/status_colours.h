// The status words that open the lines of cradle's tables (AFFECTED, NOT COVERED, BLOCK, ...)
// in ANSI colours for a terminal: red for what needs acting on, yellow for what is unknown or
// pending, green for what the evidence settles, cyan for what is watched.
//
// Threads: plain functions of their arguments.
#pragma once

#include <string>
#include <string_view>

namespace cradle {

// `table` with the status word at the start of each line (after its indentation) coloured.
std::string colour_status_words(std::string_view table);

}  // namespace cradle
