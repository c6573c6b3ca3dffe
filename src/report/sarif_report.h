// `cradle scan --format sarif`: SARIF 2.1.0 as GitHub code scanning takes it (its documented
// rules and limits, checked in tests with Microsoft's SARIF Multitool and its GitHub rule set).
//
// - A rule per vulnerability, its id canonical_vulnerability_id() of the alias group (stable when
//   unrelated records join the group), with a full description and help (the advisory's details,
//   the packages it hits here with their fixes, its ids and references), at most 20 tags (the
//   other ids in its properties) and security-severity as a string.
// - A result per (vulnerability, package version): a purl the SBOM lists several times (Syft
//   lists one per binary) gives one result, the other entries as related locations. Its
//   partialFingerprints name the vulnerability and the package without its version, so that an
//   alert survives a version bump; its location is the SBOM (a path relative to the checkout,
//   percent-encoded) at the component's line when the reader knows it.
// - Findings a VEX statement suppresses are left out (GitHub ignores `suppressions`) unless
//   asked for; at most 25,000 results a run (GitHub's limit), the most severe kept, the cut said
//   in the run's properties and a notification.
// - What the scan could not look at (ecosystems not covered, components not scannable, input
//   problems) as the invocation's toolExecutionNotifications, so that a gap shows in the upload.
// Deterministic: rules sorted by id, results in SBOM order.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "report/scan_report.h"

namespace cradle {

struct SarifOptions {
  // The SBOM as the SARIF names it: a path relative to the checkout the results are for
  // ('/'-separated, not yet percent-encoded), or an absolute path when it lies outside.
  std::string artifact_path;
  bool include_suppressed = false;
  std::size_t max_results = 25000;
};

nlohmann::ordered_json scan_report_sarif(const ScanReport& report, const SarifOptions& options);

// A path as a URI reference: relative paths percent-encoded as RFC 3986 path segments, absolute
// ones as a file:// URI.
std::string sarif_artifact_uri(std::string_view path);

// What every cradle SARIF shares: the tool (cradle, its version, these rules), a
// toolExecutionNotification, and the log around its runs.
nlohmann::ordered_json sarif_tool(nlohmann::ordered_json rules);
nlohmann::ordered_json sarif_notification(std::string_view level, std::string_view id,
                                          std::string text);
nlohmann::ordered_json sarif_log(nlohmann::ordered_json runs);

}  // namespace cradle
