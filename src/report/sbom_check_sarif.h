// `cradle sbom check --format sarif`: SARIF 2.1.0 as GitHub code scanning takes it (checked in
// tests with Microsoft's SARIF Multitool and its GitHub rule set).
//
// - A run per SBOM and profile (its automationDetails id names both, so that GitHub keeps one
//   category each), the profile's requirements its rules.
// - A result per requirement a component or the document does not meet (level error) or of
//   which cradle cannot tell (warning: an unknown is not a pass); what is met or does not apply
//   is counted in the run's properties (verdict, score, counts), not listed. Its location is the
//   SBOM at the component's line when the reader knows it, else at the SBOM's first line; its partialFingerprints name the
//   profile, the requirement and the component, so that an alert survives other edits.
// - At most 25,000 results a run (GitHub's limit), those not met first; the cut said in the
//   run's properties and a notification. Problems reading the SBOM as notifications.
//
// Threads: plain functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "report/sbom_check_report.h"

namespace cradle {

nlohmann::ordered_json sbom_check_sarif(const std::vector<SbomCheckEntry>& entries,
                                        std::size_t max_results = 25000);

}  // namespace cradle
