#include "app/jobs.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>
#include <variant>

#include "app/advisory_update.h"
#include "app/ingest.h"
#include "model/date_time.h"
#include "report/counted.h"
#include "report/ingest_report.h"

namespace cradle {
namespace {

JobResult failed(std::string line) { return JobResult{false, std::move(line), {}}; }

// The failed outcome kept whole; the line says what the outcome's lines say.
JobResult finished(const IngestOutcome& outcome, std::string line) {
  if (!outcome.failed) return JobResult{true, std::move(line), {}};
  return JobResult{false, std::move(line), ingest_outcome_json(outcome).dump()};
}

JobResult run_advisory_update(Store& store, const std::string& source, const JobProgress& progress) {
  AdvisoryUpdateOptions options;
  options.progress = progress;
  const IngestOutcome outcome =
      finish_advisory_update(store, update_advisories_from_source(store, source, options));
  const AdvisoryUpdate& update = std::get<AdvisoryUpdate>(outcome.stored);
  const std::string summary =
      fmt::format("{}: {} added, {} replaced, {} unchanged, {} rejected",
                  counted(update.documents, "record"), update.added, update.replaced,
                  update.unchanged, update.rejected);
  if (update.failed()) {
    const std::string first =
        update.diagnostics.empty() ? std::string() : format_diagnostic(update.diagnostics.front());
    return finished(outcome, fmt::format("{}; {}", summary, first));
  }
  if (outcome.failed) {
    return finished(outcome, fmt::format("{}; {}", summary, outcome.diagnostics.front().message));
  }
  return finished(outcome, fmt::format("{}; {}", summary, describe(*outcome.reevaluation)));
}

// Everything the outcome says, problems first, as one line.
std::string one_line(const IngestOutcome& outcome) {
  const IngestLines lines = ingest_lines(outcome);
  std::string out;
  for (const std::string& said : {lines.problems, lines.said}) {
    std::istringstream written(said);
    for (std::string line; std::getline(written, line);) out += (out.empty() ? "" : "; ") + line;
  }
  return out;
}

JobResult run_ingest(Store& store, const std::string& payload_text) {
  const auto payload = nlohmann::json::parse(payload_text, nullptr, false);
  if (!payload.is_object() || !payload.contains("sha256") || !payload["sha256"].is_string()) {
    return failed("an ingest job names no document (sha256)");
  }
  const std::string sha256 = payload["sha256"];
  auto document = store.document(sha256);
  if (!document) return failed(document.error().message);
  if (!*document) return failed(fmt::format("no document {} in the store", sha256));
  std::string source = (*document)->evidence.source;
  if (payload.contains("source") && payload["source"].is_string()) source = payload["source"];
  const IngestOutcome outcome =
      ingest_document(store, source, (*document)->content,
                      parse_product_version(payload.value("product", std::string())));
  std::string line = one_line(outcome);
  if (line.empty()) line = "the document was not ingested";
  return finished(outcome, std::move(line));
}

}  // namespace

JobResult run_job(Store& store, const Job& job, const JobProgress& progress) {
  if (job.kind == kAdvisoryUpdateJob) return run_advisory_update(store, job.payload, progress);
  if (job.kind == kIngestJob) return run_ingest(store, job.payload);
  return failed(fmt::format("unknown job kind '{}'", job.kind));
}

std::string ingest_job_payload(std::string_view sha256, std::string_view source, std::string_view product) {
  return nlohmann::json{{"sha256", sha256}, {"source", source}, {"product", product}}.dump();
}

std::string lease_cutoff(const Clock& clock, double lease_seconds) {
  if (lease_seconds <= 0) return {};
  return format_rfc3339_utc(clock.now() -
                            std::chrono::duration_cast<std::chrono::system_clock::duration>(
                                std::chrono::duration<double>(lease_seconds)));
}

std::expected<WorkerReport, Error> work(Store& store, const WorkerOptions& options) {
  WorkerReport report;
  // A store another writer holds locked (a long import on SQLite) is waited for, not given up:
  // a worker is a daemon. The pause doubles from one second to a minute.
  std::chrono::seconds pause{1};
  const auto wait_if_busy = [&](const Error& error) {
    if (error.code != ErrorCode::busy) return false;
    if (options.on_waiting) options.on_waiting(error, pause);
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::seconds(60));
    return true;
  };
  for (;;) {
    auto claimed = store.claim_job(options.name, lease_cutoff(store.clock(), options.lease_seconds));
    if (!claimed) {
      if (wait_if_busy(claimed.error())) continue;
      return std::unexpected(claimed.error());
    }
    pause = std::chrono::seconds(1);
    if (!*claimed) {
      if (options.between_jobs) options.between_jobs();
      if (options.exit_when_idle) return report;
      std::this_thread::sleep_for(std::chrono::duration<double>(options.poll_seconds));
      continue;
    }
    const Job& job = **claimed;
    if (options.on_started) options.on_started(job);
    const JobResult result = run_job(store, job, options.progress);
    for (;;) {
      auto kept = store.finish_job(job.id, result.succeeded, result.line, result.outcome);
      if (kept) break;
      if (!wait_if_busy(kept.error())) return std::unexpected(kept.error());
    }
    pause = std::chrono::seconds(1);
    ++(result.succeeded ? report.done : report.failed);
    if (options.on_finished) options.on_finished(job, result);
    if (options.between_jobs) options.between_jobs();
  }
}

}  // namespace cradle
