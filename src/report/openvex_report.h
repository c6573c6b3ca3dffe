// `cradle scan --format openvex`: the findings as an OpenVEX 0.2.0 document, one statement per
// (vulnerability, component). The product is the SBOM's primary component (its purl) with the
// component as subcomponent, or the component itself when the SBOM names no product purl.
//
// A VEX statement that applied is carried over (status, justification through the crosswalk,
// impact and action statements, its timestamp); otherwise an affected finding is `affected`
// with the nearest fix as action statement, and one cradle could not evaluate is
// `under_investigation` with the reason. Deterministic: the document id derives from the inputs'
// hashes and the timestamp is the report's `now`. OpenVEX has no field for coverage (every
// object of its schema is closed): the scan says the gaps on stderr and in its exit code.
#pragma once

#include <nlohmann/json.hpp>

#include "report/scan_report.h"

namespace cradle {

nlohmann::ordered_json scan_report_openvex(const ScanReport& report);

}  // namespace cradle
