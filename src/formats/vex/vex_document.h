// Any VEX document cradle reads -> VexStatements: OpenVEX, CycloneDX VEX (JSON; standalone or
// embedded in an SBOM) or CSAF VEX, told apart by content.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <string_view>

#include "formats/parse_limits.h"
#include "formats/vex/vex_parse_result.h"

namespace cradle {

VexParseResult parse_vex(std::string_view bytes, std::string_view file, const ParseLimits& limits = {});

}  // namespace cradle
