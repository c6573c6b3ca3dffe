// SPDX 2.2 / 2.3 tag-value -> Sbom. Pure: bytes in, model and diagnostics out (line:column).
//
// Threads: plain functions of their arguments.
#pragma once

#include <string_view>

#include "formats/parse_limits.h"
#include "formats/sbom_parse_result.h"

namespace cradle {

SbomParseResult parse_spdx2_tag_value(std::string_view bytes, std::string_view file,
                                      const ParseLimits& limits = {});

}  // namespace cradle
