// CycloneDX VEX (1.4+, JSON and XML): `vulnerabilities[]` with `analysis`, in a standalone VEX BOM or
// embedded in an SBOM -> VexStatements. Pure; diagnostics carry JSON pointers (JSON) or
// line:column (XML). Both encodings are read into one record per vulnerability, from which the
// statements are made the same way.
//
// analysis.state maps to the VEX status (../shared/spec/vex-and-provenance.md 1):
// not_affected and false_positive -> not_affected, exploitable -> affected, resolved and
// resolved_with_pedigree -> fixed, in_triage -> under_investigation. The justification is kept
// as CycloneDX writes it (false_positive, a finding that is wrong, becomes the justification
// "false_positive"); `detail` is the impact statement, `response[]` the action statement.
// A vulnerability without analysis takes its status from its affects[].versions[] statuses
// (affected, unaffected -> not_affected, unknown -> under_investigation). The properties
// cradle's own CycloneDX VEX writes restore what CycloneDX has no field for:
// `cradle:vex:author`, `cradle:vex:justification` (the label in its own vocabulary) and
// `cradle:vex:action_statement`.
//
// affects[].ref names what the statement is about: a BOM-Link (urn:cdx:serial/version#ref, the
// ref percent-decoded as a URI fragment) into
// another SBOM; a component of this document (by its purl, else its bom-ref within this
// document's serial number, and its name); or a bom-ref this document does not define, taken
// as one of the SBOM it accompanies. affects[].versions[] narrow it to versions or vers ranges.
//
// Threads: plain functions of their arguments.
#pragma once

#include <string_view>

#include "formats/parse_limits.h"
#include "formats/vex/vex_parse_result.h"

namespace cradle {

VexParseResult parse_cyclonedx_vex(std::string_view bytes, std::string_view file,
                                   const ParseLimits& limits = {});

}  // namespace cradle
