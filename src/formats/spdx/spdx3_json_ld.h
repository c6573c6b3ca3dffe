// SPDX 3.0 JSON-LD -> Sbom: software_Package elements, Relationships (dependencies,
// containment, licensing), CreationInfo, external identifiers (purl, CPE) and hashes.
// Pure: bytes in, model and diagnostics out (JSON pointers into the document).
//
// Threads: plain functions of their arguments.
#pragma once

#include <string_view>

#include "formats/parse_limits.h"
#include "formats/sbom_parse_result.h"

namespace cradle {

SbomParseResult parse_spdx3_json_ld(std::string_view bytes, std::string_view file,
                                    const ParseLimits& limits = {});

}  // namespace cradle
