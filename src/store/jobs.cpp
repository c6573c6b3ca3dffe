#include "store/jobs.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "model/date_time.h"
#include "store/advisory_update.h"

namespace cradle {

std::expected<std::string, Error> run_job(Store& store, const Job& job, const JobHooks& hooks) {
  if (job.kind == kAdvisoryUpdateJob) {
    const bool url = job.payload.starts_with("http://") || job.payload.starts_with("https://");
    AdvisoryUpdateOptions options;
    options.progress = hooks.progress;
    AdvisoryUpdate update = url ? update_advisories_from_url(store, job.payload, options)
                                : update_advisories_from_path(store, job.payload, options);
    const std::string summary =
        fmt::format("{} record{}: {} added, {} replaced, {} unchanged, {} rejected", update.documents,
                    update.documents == 1 ? "" : "s", update.added,
                    update.replaced, update.unchanged, update.rejected);
    if (update.failed()) {
      const std::string first = update.diagnostics.empty() ? std::string() : format_diagnostic(update.diagnostics.front());
      return std::unexpected(Error{ErrorCode::invalid_input, fmt::format("{}; {}", summary, first), {}});
    }
    if (!hooks.after_advisory_update) return summary;
    auto after = hooks.after_advisory_update(store, update);
    if (!after) return std::unexpected(Error{after.error().code, fmt::format("{}; {}", summary, after.error().message), {}});
    return fmt::format("{}; {}", summary, *after);
  }
  if (job.kind == kIngestJob) {
    const auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    if (!payload.is_object() || !payload.contains("sha256") || !payload["sha256"].is_string()) {
      return std::unexpected(Error{ErrorCode::invalid_input, "an ingest job names no document (sha256)", {}});
    }
    const std::string sha256 = payload["sha256"];
    auto document = store.document(sha256);
    if (!document) return std::unexpected(document.error());
    if (!*document) {
      return std::unexpected(Error{ErrorCode::invalid_input, fmt::format("no document {} in the store", sha256), {}});
    }
    if (payload.contains("source") && payload["source"].is_string()) (*document)->evidence.source = payload["source"];
    if (!hooks.ingest) return std::unexpected(Error{ErrorCode::unsupported, "this worker cannot ingest", {}});
    return hooks.ingest(store, **document, payload.value("product", std::string()));
  }
  return std::unexpected(Error{ErrorCode::unsupported, fmt::format("unknown job kind '{}'", job.kind), {}});
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
  for (;;) {
    auto claimed = store.claim_job(options.name, lease_cutoff(store.clock(), options.lease_seconds));
    if (!claimed) return std::unexpected(claimed.error());
    if (!*claimed) {
      if (options.between_jobs) options.between_jobs();
      if (options.exit_when_idle) return report;
      std::this_thread::sleep_for(std::chrono::duration<double>(options.poll_seconds));
      continue;
    }
    const Job& job = **claimed;
    if (options.on_started) options.on_started(job);
    auto result = run_job(store, job, options.hooks);
    const std::string line = result ? *result : result.error().message;
    if (auto finished = store.finish_job(job.id, result.has_value(), line); !finished) {
      return std::unexpected(finished.error());
    }
    ++(result ? report.done : report.failed);
    if (options.on_finished) options.on_finished(job, result.has_value(), line);
    if (options.between_jobs) options.between_jobs();
  }
}

}  // namespace cradle
