#include "app/scan.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "analysis/advisory_files.h"
#include "analysis/matcher.h"
#include "analysis/stored_advisories.h"
#include "analysis/stored_vex.h"
#include "analysis/vex.h"
#include "analysis/vex_document_check.h"
#include "formats/sbom_parser.h"
#include "formats/vex/vex_document.h"
#include "model/date_time.h"
#include "model/redacted_url.h"
#include "report/counted.h"
#include "sources/input_file.h"
#include "store/store.h"

namespace cradle {
namespace {

// The newest time the inputs state (RFC 3339 in UTC compares as text): the SBOM's creation, the
// matched advisories' `modified`, the applied VEX statements' times.
std::string newest_input_time(const ScanReport& report) {
  std::string newest = is_rfc3339_date_time(report.sbom->created) ? report.sbom->created : "";
  for (const ComponentResult& result : report.components) {
    for (const Finding& finding : result.findings) {
      for (const MatchedAdvisory& match : finding.matches) newest = std::max(newest, match.evidence->produced_at);
      if (finding.vex) newest = std::max(newest, finding.vex->timestamp);
    }
  }
  return newest.empty() ? format_rfc3339_utc(std::chrono::system_clock::now()) : newest;
}

// The store's records of the SBOM's packages into the index, and the VEX statements it keeps
// (unless the request says not to); false when the store failed (said in `store_error`).
bool load_from_store(const ScanRequest& request, ScanOutcome& out,
                     std::vector<VexStatement>& statements, bool& stored_vex) {
  const std::string location = store_location(request.db);
  auto store = open_store(location, OpenMode::read_only);
  if (!store) {
    out.store_error = store.error().message;
    return false;
  }
  auto load = load_stored_advisories(**store, *out.parsed.sbom, out.index);
  auto counts = (*store)->advisory_counts();
  if (!load || !counts) {
    out.store_error = (load ? counts.error() : load.error()).message;
    return false;
  }
  out.problems.insert(out.problems.end(), load->diagnostics.begin(), load->diagnostics.end());
  out.inputs_failed = out.inputs_failed || has_errors(load->diagnostics);
  // One store, one answer: the VEX it keeps applies here as it does to `assess`.
  if (request.stored_vex) {
    std::vector<Diagnostic> vex_diagnostics;
    auto kept = stored_vex_statements(**store, vex_diagnostics);
    if (!kept) {
      out.store_error = kept.error().message;
      return false;
    }
    out.problems.insert(out.problems.end(), vex_diagnostics.begin(), vex_diagnostics.end());
    out.inputs_failed = out.inputs_failed || has_errors(vex_diagnostics);
    statements = std::move(*kept);
    stored_vex = !statements.empty();
  }
  out.report.store = redacted_url(location);
  out.report.advisories = counts->advisories;
  out.report.withdrawn = counts->withdrawn;
  return true;
}

// The VEX documents given, their statements added to `statements`; false when one failed.
bool read_vex_files(const std::vector<std::string>& files, const ParseLimits& limits,
                    std::vector<VexStatement>& statements, std::vector<Diagnostic>& problems) {
  bool ok = true;
  for (const std::string& file : files) {
    auto bytes = read_input_file(file, limits.max_bytes);
    if (!bytes) {
      problems.push_back(Diagnostic{Severity::error, file, {}, bytes.error().message});
      ok = false;
      continue;
    }
    VexParseResult vex = read_checked_vex(*bytes, file, limits);
    problems.insert(problems.end(), vex.diagnostics.begin(), vex.diagnostics.end());
    ok = ok && vex.accepted();
    for (VexStatement& statement : vex.statements) {
      statement.evidence.source = file;
      statements.push_back(std::move(statement));
    }
  }
  return ok;
}

bool meets_fail_on(const ScanReport& report, const FailOn& fail_on) {
  if (!fail_on.at_least && !fail_on.unscored) return false;
  for (const ComponentResult& result : report.components) {
    for (const Finding& finding : result.findings) {
      if (finding.verdict != Verdict::affected || finding.suppressed) continue;
      if (finding.rating.empty()) {
        if (fail_on.unscored) return true;
        continue;
      }
      if (fail_on.at_least && *parse_rating(finding.rating) >= *fail_on.at_least) return true;
    }
  }
  return false;
}

}  // namespace

std::unique_ptr<ScanOutcome> scan(const ScanRequest& request, const ScanProgress& progress) {
  const auto step = [&](std::string_view text) {
    if (progress) progress(text);
  };
  auto out = std::make_unique<ScanOutcome>();
  step("reading " + request.sbom);
  ParseLimits limits;
  limits.readable_padding = kInputPadding;  // every input below comes from read_input_file()
  auto bytes = read_input_file(request.sbom, limits.max_bytes);
  if (!bytes) {
    out->problems.push_back(Diagnostic{Severity::error, request.sbom, {}, bytes.error().message});
    out->inputs_failed = true;
    return out;
  }
  out->parsed = parse_sbom(*bytes, request.sbom, limits);
  if (request.strict) make_warnings_errors(out->parsed.diagnostics);
  std::string().swap(*bytes);  // the model holds no view of them: freed before the advisories load
  out->problems = out->parsed.diagnostics;
  out->inputs_failed = has_errors(out->parsed.diagnostics);
  if (!out->parsed.sbom) {
    out->inputs_failed = true;
    return out;
  }
  Sbom& sbom = *out->parsed.sbom;
  sbom.evidence.source = request.sbom;
  ScanReport& report = out->report;

  const std::string components = counted(sbom.components.size(), "component");
  step(fmt::format("loading the advisories of {}", components));
  std::vector<VexStatement> statements;
  bool stored_vex = false;
  if (!request.advisories.empty()) {
    AdvisoryLoad load = load_advisories(request.advisories, out->index);
    out->problems.insert(out->problems.end(), load.diagnostics.begin(), load.diagnostics.end());
    out->inputs_failed = out->inputs_failed || load.rejected > 0;
    report.advisory_sources = request.advisories;
    report.advisories = out->index.advisories();
    report.withdrawn = out->index.withdrawn();
  } else {
    if (!load_from_store(request, *out, statements, stored_vex)) {
      out->inputs_failed = true;
      return out;
    }
  }
  if (!read_vex_files(request.vex, limits, statements, out->problems)) out->inputs_failed = true;

  report.file = request.sbom;
  report.sbom = &sbom;
  report.index = &out->index;
  report.input_problems = out->problems;
  step(fmt::format("matching {}", components));
  report.components = match_components(sbom, out->index);
  report.vex_sources = request.vex;
  if (stored_vex) report.vex_sources.insert(report.vex_sources.begin(), "the store's VEX documents");
  report.vex_conflicts = apply_vex(sbom, statements, report.components).conflicts;
  report.coverage = check_coverage(out->index.coverage(), report.components, request.freshness);
  report.verbose_evidence = request.verbose_evidence;
  if (!report.store.empty()) {
    // From a store, the sources its records of these ecosystems came from, as loaded: the same
    // for every store built from the same sources.
    std::set<std::string> sources;
    for (const EcosystemCoverage& ecosystem : report.coverage.ecosystems) {
      for (const EcosystemLoad& load : ecosystem.loads) sources.insert(load.source);
    }
    report.advisory_sources.assign(sources.begin(), sources.end());
  }
  report.now = request.now.empty() ? newest_input_time(report) : request.now;
  return out;
}

ScanVerdict scan_verdict(const ScanOutcome& outcome, const FailOn& fail_on,
                         bool allow_coverage_gaps) {
  if (outcome.inputs_failed || outcome.report.sbom == nullptr) return ScanVerdict::inputs_failed;
  if (meets_fail_on(outcome.report, fail_on)) return ScanVerdict::fails_policy;
  if (outcome.report.coverage.has_gaps() && !allow_coverage_gaps) return ScanVerdict::coverage_gaps;
  return ScanVerdict::ok;
}

}  // namespace cradle
