// parse_sbom(): any supported SBOM document -> Sbom, the format told from the content.
//
// Supported: CycloneDX JSON 1.2-1.7 and XML 1.2-1.6, SPDX 2.2/2.3 JSON and tag-value,
// SPDX 3.0.1 JSON-LD. Pure: no I/O; the caller reads the bytes and fills the EvidenceRef's
// source and ingest time (the SHA-256 of the bytes is filled in here).
//
// Threads: plain functions of their arguments.
#pragma once

#include <string_view>

#include "formats/parse_limits.h"
#include "formats/sbom_parse_result.h"

namespace cradle {

SbomParseResult parse_sbom(std::string_view bytes, std::string_view file,
                           const ParseLimits& limits = {});

}  // namespace cradle
