// `cradle scan SBOM [--advisories PATH... | --db STORE]`: every component of the SBOM against OSV records,
// with exact per-ecosystem version semantics; a table or JSON with each finding's evidence.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "analysis/csaf_conformance.h"
#include "analysis/cvss.h"
#include "app/scan.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/keep_until_exit.h"
#include "cli/store_access.h"
#include "cli/terminal_progress.h"
#include "model/date_time.h"
#include "report/csaf_vex_report.h"
#include "report/cyclonedx_vex_report.h"
#include "report/openvex_report.h"
#include "report/sarif_report.h"
#include "report/scan_report.h"

namespace cradle {
namespace {

struct ScanOptions {
  std::string sbom;
  std::vector<std::string> advisories;
  std::string db;
  std::vector<std::string> vex;
  std::string format = "table";
  std::string fail_on;  // empty: never
  bool fail_on_unscored = false;
  std::string now;      // empty: the newest time the inputs state
  std::string color = "auto";
  std::string max_advisory_age = "7d";
  bool allow_coverage_gaps = false;
  bool no_stored_vex = false;
  bool strict = false;
  std::string sarif_root;      // empty: the git work tree's top, else the working directory
  std::string sarif_artifact;  // empty: the SBOM file
  bool sarif_include_suppressed = false;
  std::string author = "cradle";  // OpenVEX: the document's author
  std::string id_prefix;          // OpenVEX: the document id's prefix
  std::string publisher_namespace;  // CSAF: the publisher's namespace
  bool verbose_evidence = false;  // JSON: the store's location, ingest and load times
};

// The top of the git work tree holding the working directory (the nearest directory up with a
// `.git`), else the working directory.
std::filesystem::path default_sarif_root() {
  std::error_code error;
  const std::filesystem::path cwd = std::filesystem::current_path(error);
  for (std::filesystem::path dir = cwd; !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / ".git", error)) return dir;
    if (dir == dir.parent_path()) break;
  }
  return cwd;
}

// The SBOM's path as the SARIF names it: relative to the root when inside it, else absolute.
std::string sarif_artifact_path(const ScanOptions& options) {
  const std::string& named = options.sarif_artifact.empty() ? options.sbom : options.sarif_artifact;
  std::error_code error;
  const std::filesystem::path root = std::filesystem::weakly_canonical(
      options.sarif_root.empty() ? default_sarif_root() : std::filesystem::path(options.sarif_root),
      error);
  const std::filesystem::path file = std::filesystem::weakly_canonical(named, error);
  const std::filesystem::path relative = file.lexically_relative(root);
  if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  return file.generic_string();
}

// The CSAF VEX document on standard output, after the mandatory tests of CSAF 2.0 passed on it;
// false (nothing written, the failures on stderr) when they did not: cradle never hands out a
// document it knows to be invalid. A scan without findings has nothing a CSAF VEX document can
// state (it needs a vulnerability): said on stderr, nothing written.
bool write_csaf_vex(const ScanReport& report, const ScanOptions& options) {
  CsafVexDocument csaf = scan_report_csaf_vex(report, CsafVexOptions{options.author, options.publisher_namespace});
  for (const std::string& warning : csaf.warnings) std::cerr << "cradle: warning: " << warning << '\n';
  if (csaf.document["vulnerabilities"].empty()) {
    std::cerr << "cradle: no finding to state: a CSAF VEX document needs a vulnerability (CSAF 2.0 test 6.1.27.11); "
                 "none written\n";
    return true;
  }
  const std::string text = csaf.document.dump(2);
  const CsafCheck check = check_csaf_mandatory_tests(text, "the CSAF VEX document");
  if (check.count(CsafTestStatus::failed) > 0 || !check.read) {
    std::cerr << "cradle: internal error: the CSAF VEX document fails the mandatory tests of CSAF 2.0; none written\n";
    for (const CsafTestResult& result : check.results) {
      for (const CsafTestFailure& failure : result.failures) {
        std::cerr << fmt::format("  {} {}: {}: {}\n", result.id, result.title, failure.json_pointer, failure.message);
      }
    }
    return false;
  }
  std::cout << text << '\n';
  return true;
}

int run_scan(const ScanOptions& options) {
  if (options.format == "sarif" && options.sbom == "-" && options.sarif_artifact.empty()) {
    std::cerr << "cradle: --format sarif on standard input needs --sarif-artifact PATH, the file "
                 "the SBOM came from: the results point at it\n";
    return kExitInput;
  }
  ScanRequest request;
  request.sbom = options.sbom;
  request.advisories = options.advisories;
  request.db = options.db;
  request.vex = options.vex;
  request.stored_vex = !options.no_stored_vex;
  request.strict = options.strict;
  request.freshness = freshness_rule(options.max_advisory_age);
  request.now = options.now;
  request.verbose_evidence = options.verbose_evidence;
  TerminalProgress progress("scan", "");
  std::unique_ptr<ScanOutcome> outcome =
      scan(request, [&progress](std::string_view step) { progress.step(step); });
  progress.clear();
  for (const Diagnostic& d : outcome->problems) std::cerr << format_diagnostic(d) << '\n';
  if (!outcome->store_error.empty()) std::cerr << "cradle: " << outcome->store_error << '\n';
  if (outcome->report.sbom == nullptr) return kExitInput;
  const ScanReport& report = outcome->report;
  for (const std::string& conflict : report.vex_conflicts) {
    std::cerr << "cradle: VEX conflict: " << conflict << '\n';
  }
  // The table says it on standard output; the other formats' readers are programs.
  if (options.format != "table") {
    for (const EcosystemCoverage& gap : report.coverage.ecosystems) {
      if (gap.state == CoverageState::covered) continue;
      std::cerr << fmt::format("cradle: {}: {} ({} component{})\n",
                               gap.state == CoverageState::not_loaded ? "not covered" : "coverage gap",
                               gap.reason, gap.components, gap.components == 1 ? "" : "s");
    }
  }
  if (options.format == "json") {
    std::cout << scan_report_json(report).dump(2) << '\n';
  } else if (options.format == "sarif") {
    SarifOptions sarif;
    sarif.artifact_path = sarif_artifact_path(options);
    sarif.include_suppressed = options.sarif_include_suppressed;
    std::cout << scan_report_sarif(report, sarif).dump(2) << '\n';
  } else if (options.format == "cyclonedx-vex") {
    std::cout << scan_report_cyclonedx_vex(report).dump(2) << '\n';
  } else if (options.format == "csaf-vex") {
    if (!write_csaf_vex(report, options)) return kExitInternal;
  } else if (options.format == "openvex") {
    OpenVexDocument openvex = scan_report_openvex(report, OpenVexOptions{options.author, options.id_prefix});
    for (const std::string& warning : openvex.warnings) std::cerr << "cradle: warning: " << warning << '\n';
    std::cout << openvex.document.dump(2) << '\n';
  } else {
    std::cout << scan_report_table(report, colour_wanted(options.color));
  }
  const FailOn fail_on{options.fail_on.empty() ? std::nullopt : parse_rating(options.fail_on),
                       options.fail_on_unscored};
  const ScanVerdict verdict = scan_verdict(*outcome, fail_on, options.allow_coverage_gaps);
  keep_until_exit(std::move(outcome));
  switch (verdict) {
    case ScanVerdict::inputs_failed: return kExitInput;
    case ScanVerdict::fails_policy: return kExitPolicy;
    case ScanVerdict::coverage_gaps: return kExitCoverage;
    case ScanVerdict::ok: break;
  }
  return kExitOk;
}

}  // namespace

void add_scan_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ScanOptions>();
  CLI::App* scan = app.add_subcommand(
      "scan", "Match an SBOM's components against OSV advisories (exact version semantics)");
  scan->add_option("sbom", options->sbom, "SBOM file ('-' for standard input)")->required();
  scan->add_option("--advisories", options->advisories,
                   "OSV records: files, directories or zips of .json / .yaml, read instead of the "
                   "store");
  scan->add_option("--db", options->db,
                   "Store to read advisories from (default: $CRADLE_DB, else .cradle/cradle.db; "
                   "filled by `cradle db update`)");
  scan->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "sarif", "cyclonedx-vex", "openvex", "csaf-vex"}))
      ->capture_default_str();
  scan->add_option("--color", options->color,
                   "Colour the table: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  scan->add_option("--now", options->now,
                   "Timestamp for the cyclonedx-vex, openvex and csaf-vex documents (RFC 3339; default: the "
                   "newest time the inputs state, so that the same inputs give the same output)")
      ->check([](const std::string& text) {
        return is_rfc3339_date_time(text) ? std::string() : std::string("not an RFC 3339 date-time");
      });
  scan->add_option("--vex", options->vex,
                   "VEX document: OpenVEX, CycloneDX VEX (standalone, or an SBOM with embedded "
                   "vulnerabilities[].analysis) or CSAF (repeatable)");
  scan->add_option("--fail-on", options->fail_on,
                   "Exit with 1 when an affected, unsuppressed finding's rating is at least this: "
                   "the highest CVSS base score among its advisories' v3.0, v3.1 and v4.0 vectors "
                   "(CVSS v2 and ecosystem severity words do not count; a finding without such a "
                   "vector never triggers it, see --fail-on-unscored)")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}));
  scan->add_flag("--fail-on-unscored", options->fail_on_unscored,
                 "Exit with 1 also when an affected, unsuppressed finding has no CVSS v3/v4 score "
                 "(the Go vulnerability database, for one, scores none)");
  add_coverage_options(scan, options->max_advisory_age, &options->allow_coverage_gaps);
  scan->add_flag("--strict", options->strict,
                 "Treat the SBOM's warnings (problems that change nothing cradle matches, e.g. a "
                 "licence id in another case) as errors: exit 2");
  scan->add_option("--sarif-root", options->sarif_root,
                   "SARIF: the directory the SBOM's path is given relative to, the checkout the "
                   "results are uploaded for (default: the top of the git work tree holding the "
                   "working directory, else the working directory)");
  scan->add_option("--sarif-artifact", options->sarif_artifact,
                   "SARIF: the path of the file the SBOM was read from, when it is read from "
                   "standard input or from a copy (required with '-')");
  scan->add_flag("--sarif-include-suppressed", options->sarif_include_suppressed,
                 "SARIF: keep the findings a VEX statement suppresses, as results with "
                 "suppressions (GitHub shows them as open alerts)");
  scan->add_option("--author", options->author,
                   "OpenVEX: the document's author, whoever answers for it (a person or an "
                   "organisation); carried-over statements name their own authors in status_notes. "
                   "CSAF: the publisher's name")
      ->capture_default_str();
  scan->add_option("--publisher-namespace", options->publisher_namespace,
                   "CSAF: the publisher's namespace, a URL of the organisation that answers for the "
                   "document (e.g. https://example.com)");
  scan->add_option("--id-prefix", options->id_prefix,
                   "OpenVEX: the document @id's prefix, a namespace you control (e.g. "
                   "https://vex.example.com/docs/); the id ends with a UUID derived from the content "
                   "(default: urn:uuid:)");
  scan->add_flag("--verbose-evidence", options->verbose_evidence,
                 "JSON: name the store and say when its records were ingested and loaded (left "
                 "out by default, so that stores built from the same sources give the same bytes)");
  scan->add_flag("--no-stored-vex", options->no_stored_vex,
                 "Do not apply the VEX documents the store keeps (only those given with --vex)");
  scan->callback([options, &exit_code] { exit_code = run_scan(*options); });
}

}  // namespace cradle
