// `cradle scan --format cyclonedx-vex`: the findings as a CycloneDX 1.6 VDR/VEX document.
//
// One vulnerabilities[] entry per vulnerability and assessment: its id, the other ids as
// references, the CVSS rating, the nearest fix as recommendation, and `affects` pointing at the
// components: BOM-Links `urn:cdx:serial/version#bom-ref` into the scanned SBOM when it is a
// CycloneDX BOM with a serial number (the bom-ref percent-encoded as a URI fragment); otherwise
// refs to the components this document lists itself, so that none dangles. A VEX statement that
// applies becomes `analysis` (state, justification through the crosswalk, the impact statement
// as detail) with `cradle:vex:author`, `cradle:vex:justification` and
// `cradle:vex:action_statement` properties for what CycloneDX has no field for (read back by
// formats/vex/cyclonedx_vex.h); a finding cradle could not evaluate is `in_triage` with the reason;
// others carry no analysis (a vulnerability report, not a claim about exploitability). The
// evidence (advisory id, SHA-256 and source; VEX document SHA-256) is kept in `properties`.
// Deterministic: the serial number is a UUID derived from the document's content.
//
// Threads: plain functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>

#include "report/scan_report.h"

namespace cradle {

nlohmann::ordered_json scan_report_cyclonedx_vex(const ScanReport& report);

// "urn:uuid:..." from the SHA-256 of `seed` (a name-based UUID: the same seed, the same id).
std::string uuid_from(std::string_view seed);

}  // namespace cradle
