// `cradle scan --format cyclonedx-vex`: the findings as a CycloneDX 1.6 VDR/VEX document.
//
// One vulnerabilities[] entry per vulnerability and assessment: its id, the other ids as
// references, the CVSS rating, the nearest fix as recommendation, and `affects` pointing at the
// components (BOM-Links `urn:cdx:serial/version#bom-ref` into the scanned SBOM when it has a
// serial number, its bom-refs otherwise). A VEX statement that applies becomes `analysis`
// (state, justification through the crosswalk, detail); a finding cradle could not evaluate is
// `in_triage` with the reason; others carry no analysis (a vulnerability report, not a claim
// about exploitability). The evidence (advisory id, SHA-256 and source; VEX document SHA-256)
// is kept in `properties`. Deterministic: the serial number derives from the inputs' hashes.
#pragma once

#include <nlohmann/json.hpp>

#include "report/scan_report.h"

namespace cradle {

nlohmann::ordered_json scan_report_cyclonedx_vex(const ScanReport& report);

// "urn:uuid:..." from the SHA-256 of `seed` (a name-based UUID: the same seed, the same id).
std::string uuid_from(std::string_view seed);

}  // namespace cradle
