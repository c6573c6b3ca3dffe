// Output of `cradle scan`: per component its state and findings, each finding with the evidence
// it rests on, as JSON (stable keys, deterministic order) or a human table.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "analysis/advisory_index.h"
#include "analysis/coverage_check.h"
#include "model/diagnostic.h"
#include "model/finding.h"
#include "model/sbom.h"

namespace cradle {

struct ScanReport {
  std::string file;
  const Sbom* sbom = nullptr;
  std::vector<ComponentResult> components;
  // The advisories matched against, for outputs that cite a record's details and references;
  // may be null.
  const AdvisoryIndex* index = nullptr;
  std::vector<std::string> advisory_sources;
  std::size_t advisories = 0;
  std::size_t withdrawn = 0;
  // How far the advisories reach for the ecosystems the components need.
  CoverageCheck coverage;
  std::vector<std::string> vex_sources;
  std::vector<std::string> vex_conflicts;
  // What went wrong or looked odd in the inputs (the SBOM's, the advisories', the VEX
  // documents'), as the scan printed it on stderr, for outputs that carry it (SARIF).
  std::vector<Diagnostic> input_problems;
  // The time documents written from this report carry (RFC 3339): --now, else the newest time
  // the inputs state, so that the same inputs give the same bytes.
  std::string now;
  // The store scanned against (its location), when it was one.
  std::string store;
  // Whether the JSON names the store and says when its records were ingested and loaded
  // (--verbose-evidence); without, two stores built from the same sources give the same bytes.
  bool verbose_evidence = false;
};

// The version of the scan JSON's contract, schemas/scan.schema.json: its `schema_version`.
inline constexpr std::string_view kScanJsonSchemaVersion = "1";

// The scan as JSON, as schemas/scan.schema.json describes it: every member always there, null
// where there is nothing to say.
nlohmann::ordered_json scan_report_json(const ScanReport& report);
// A text member as the JSON outputs write it: null when there is nothing, never "".
nlohmann::ordered_json text_or_null(const std::string& text);
// Diagnostics as {severity, line, column, pointer, message} (null where unknown).
nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diagnostics);
// One finding as scan_report_json() writes it, and an EvidenceRef; shared with the reports that
// show stored findings, which say when the evidence was ingested (`ingest_times`).
nlohmann::ordered_json finding_json(const Finding& finding, bool ingest_times = true);
nlohmann::ordered_json evidence_json(const EvidenceRef& evidence, bool ingest_time = true);
// The coverage as every output carries it: complete or not, and each ecosystem's state, reason
// and loads (with when each was loaded, when `load_times`).
nlohmann::ordered_json coverage_json(const CoverageCheck& coverage, bool load_times = true);
// "coverage: PyPI 3 records (loaded 2026-12-06T10:00:00Z), ..." and a line per gap, for tables.
std::string coverage_lines(const CoverageCheck& coverage);
// Components with findings, most severe first (affected, then suppressed, then not scannable),
// each with its findings most severe first; ANSI colours when `colour`.
std::string scan_report_table(const ScanReport& report, bool colour = false);

}  // namespace cradle
