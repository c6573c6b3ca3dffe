// CycloneDX XML (spec 1.0 to 1.7) -> Sbom. Pure: bytes in, model and diagnostics out, with
// line:column locations.
//
// Threads: plain functions of their arguments.
#pragma once

#include <string_view>

#include "formats/parse_limits.h"
#include "formats/sbom_parse_result.h"

namespace cradle {

SbomParseResult parse_cyclonedx_xml(std::string_view bytes, std::string_view file,
                                    const ParseLimits& limits = {});

}  // namespace cradle
