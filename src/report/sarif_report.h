// `cradle scan --format sarif`: SARIF 2.1.0 for code-scanning dashboards. One result per
// (finding, component): the rule is the vulnerability (ruleId = the finding's id, the other ids
// in the rule's tags), the component's purl is in the message and is the result's logical
// location, and the SBOM file is its physical location. Deterministic: rules sorted by id,
// results in SBOM order.
#pragma once

#include <nlohmann/json.hpp>

#include "report/scan_report.h"

namespace cradle {

nlohmann::ordered_json scan_report_sarif(const ScanReport& report);

}  // namespace cradle
