// CycloneDX JSON (spec 1.2 to 1.7) -> Sbom. Pure: bytes in, model and diagnostics out.
//
// Threads: plain functions of their arguments.
#pragma once

#include <string_view>

#include "formats/parse_limits.h"
#include "formats/sbom_parse_result.h"

namespace cradle {

SbomParseResult parse_cyclonedx_json(std::string_view bytes, std::string_view file,
                                     const ParseLimits& limits = {});

}  // namespace cradle
