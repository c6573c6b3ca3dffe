// scan(): `cradle scan`. An SBOM's components matched against OSV advisories (the files given,
// or else the store's records of the SBOM's packages, with the VEX documents the store keeps),
// VEX applied, and how far the advisories reach checked; then the rule that decides the exit:
// an input that failed, a finding at or over --fail-on, or a coverage gap. Nothing here prints:
// the outcome holds what the outputs render and every problem met, in the order met.
//
// Threads: one scan per outcome; the matching spreads over the cores (analysis/matcher.h).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/advisory_index.h"
#include "analysis/coverage_check.h"
#include "analysis/cvss.h"
#include "formats/sbom_parse_result.h"
#include "model/diagnostic.h"
#include "report/scan_report.h"

namespace cradle {

struct ScanRequest {
  std::string sbom;                     // a path, or "-" for standard input
  std::vector<std::string> advisories;  // OSV files or directories; empty: the store's records
  std::string db;                       // the store (store/store.h: store_location)
  std::vector<std::string> vex;         // VEX documents to apply
  bool stored_vex = true;               // apply the VEX documents the store keeps too
  bool strict = false;                  // the SBOM's warnings count as errors
  FreshnessRule freshness;              // when stored advisories are stale
  std::string now;                      // the time the outputs carry; empty: the newest input time
  bool verbose_evidence = false;        // JSON: name the store and its ingest and load times
};

// What a scan found and everything it rests on. The report points into `parsed` and `index`,
// so an outcome stays where it was made (held by a unique_ptr).
struct ScanOutcome {
  SbomParseResult parsed;
  AdvisoryIndex index;
  ScanReport report;
  // Every problem met (the SBOM's, the advisories', the VEX documents'), in the order met; the
  // report carries them too, for the outputs that show them.
  std::vector<Diagnostic> problems;
  // An input did not read (the SBOM, an advisory or VEX document) or the store failed: the
  // report is partial (empty when the SBOM or the store failed: `report.sbom` is null).
  bool inputs_failed = false;
  // Why the store could not be used, said as one line ("cradle: ..."); empty otherwise.
  std::string store_error;

  ScanOutcome() = default;
  ScanOutcome(const ScanOutcome&) = delete;
  ScanOutcome& operator=(const ScanOutcome&) = delete;
};

// Told when the scan moves to its next step ("matching 7 components").
using ScanProgress = std::function<void(std::string_view step)>;

std::unique_ptr<ScanOutcome> scan(const ScanRequest& request, const ScanProgress& progress = {});

// When a scan fails the build: an affected, unsuppressed finding rated at least `at_least` (none:
// never), or, with `unscored`, without any CVSS v3/v4 score (the Go database scores none).
struct FailOn {
  std::optional<SeverityRating> at_least;
  bool unscored = false;
};

// How a scan ends, in the order the exit code weighs them.
enum class ScanVerdict { ok, inputs_failed, fails_policy, coverage_gaps };
ScanVerdict scan_verdict(const ScanOutcome& outcome, const FailOn& fail_on,
                         bool allow_coverage_gaps);

}  // namespace cradle
