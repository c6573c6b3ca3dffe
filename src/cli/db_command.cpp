// `cradle db update [--from DIR|ZIP|URL]... [--ecosystem E]... [--db LOCATION]`: OSV records
// into the store; `cradle db status`: what the store holds.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "analysis/coverage_check.h"
#include "app/advisory_update.h"
#include "app/ingest.h"
#include "app/jobs.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "model/display_text.h"
#include "cli/terminal_progress.h"
#include "model/redacted_url.h"
#include "report/counted.h"
#include "report/scan_report.h"
#include "store/store.h"

namespace cradle {
namespace {

struct DbOptions {
  std::string db;
  std::vector<std::string> from;
  std::vector<std::string> ecosystems;
  bool queue = false;
  std::string format = "table";
  std::string max_advisory_age = "7d";
};

int run_update(const DbOptions& options) {
  const std::string location = store_location(options.db);
  auto store = open_store_or_report(location, OpenMode::read_write);
  if (!store) return kExitInput;
  AdvisoryUpdateOptions update_options;
  update_options.ecosystems = options.ecosystems;
  TerminalProgress progress("db update", "records read");
  update_options.progress = [&progress](std::size_t documents, std::size_t total) {
    progress.update(documents, total);
  };
  const std::vector<std::string> sources =
      options.from.empty() ? osv_export_urls(options.ecosystems) : options.from;
  if (options.queue) {
    if (!options.from.empty() && !options.ecosystems.empty()) {
      std::cerr << "cradle: --queue with --from loads every ecosystem of the source; drop --ecosystem\n";
      return kExitInput;
    }
    for (const std::string& source : sources) {
      if (has_credentials(source)) {
        std::cerr << fmt::format(
            "cradle: {}: a URL with credentials is not queued, since the jobs table would keep "
            "them; give the worker its credentials in ~/.netrc (or the file $NETRC names) and "
            "queue the URL without them\n",
            redacted_url(source));
        return kExitInput;
      }
    }
    for (const std::string& source : sources) {
      auto id = store->enqueue_job(kAdvisoryUpdateJob, source);
      if (!id) {
        std::cerr << "cradle: " << id.error().message << '\n';
        return kExitInput;
      }
      std::cout << fmt::format("queued job {}: {} {}\n", *id, kAdvisoryUpdateJob, source);
    }
    return kExitOk;
  }
  bool failed = false;
  for (const std::string& source : sources) {
    const IngestOutcome outcome = finish_advisory_update(
        *store, update_advisories_from_source(*store, source, update_options));
    progress.clear();
    print_ingest_outcome(outcome);
    failed = failed || outcome.failed;
  }
  auto counts = store->advisory_counts();
  if (counts) {
    std::cout << fmt::format("{}: {} ({} withdrawn, hidden from scans)\n", redacted_url(location),
                             counted(counts->advisories, "advisory", "advisories"), counts->withdrawn);
  }
  return failed || !counts ? kExitInput : kExitOk;
}

int run_status(const DbOptions& options) {
  const std::string location = store_location(options.db);
  auto store = open_store_or_report(location, OpenMode::read_only);
  if (!store) return kExitInput;
  auto counts = store->advisory_counts();
  auto version = store->schema_version();
  auto jobs = store->job_counts();
  auto coverage = store->advisory_coverage();
  auto owed = store->pending_reevaluations();
  if (!counts || !version || !jobs || !coverage || !owed) {
    const Error& error = !counts     ? counts.error()
                         : !version  ? version.error()
                         : !jobs     ? jobs.error()
                         : !coverage ? coverage.error()
                                     : owed.error();
    std::cerr << "cradle: " << error.message << '\n';
    return kExitInput;
  }
  const CoverageCheck check = check_loaded_ecosystems(*coverage, freshness_rule(options.max_advisory_age));
  const std::vector<EcosystemCoverage>& ecosystems = check.ecosystems;
  if (options.format == "json") {
    nlohmann::ordered_json out;
    out["store"] = redacted_url(location);
    out["schema_version"] = *version;
    out["advisories"] = {{"records", counts->advisories}, {"withdrawn", counts->withdrawn}};
    nlohmann::ordered_json listed = coverage_json(check);
    for (nlohmann::ordered_json& entry : listed["ecosystems"]) entry.erase("components");
    out["coverage"] = std::move(listed);
    out["jobs"] = {{"queued", jobs->queued}, {"running", jobs->running}, {"done", jobs->done},
                   {"failed", jobs->failed}};
    out["pending_reevaluations"] = nlohmann::ordered_json::array();
    for (const PendingReevaluation& pending : *owed) {
      out["pending_reevaluations"].push_back(
          {{"cause", pending.cause}, {"recorded_at", pending.recorded_at}});
    }
    std::cout << out.dump(2) << '\n';
    return kExitOk;
  }
  std::cout << fmt::format("{}: schema version {}, {} ({} withdrawn)\n", redacted_url(location),
                           *version, counted(counts->advisories, "advisory", "advisories"), counts->withdrawn);
  if (ecosystems.empty()) {
    std::cout << "no advisories loaded: every scan reports its components not covered (run `cradle "
                 "db update`)\n";
  } else {
    std::cout << fmt::format("{:<24} {:<11} {:>8}  {:<20}  {:<20}  {}\n", "ecosystem", "state", "records",
                             "newest modified", "loaded at", "source");
    for (const EcosystemCoverage& ecosystem : ecosystems) {
      for (const EcosystemLoad& load : ecosystem.loads) {
        std::string source = shown(load.source);
        if (load.example) source += " (example data)";
        if (load.unreadable > 0) source += fmt::format(" ({} unreadable)", load.unreadable);
        std::cout << fmt::format("{:<24} {:<11} {:>8}  {:<20}  {:<20}  {}\n", Shown{ecosystem.ecosystem},
                                 to_string(ecosystem.state), load.records, load.newest_modified,
                                 load.loaded_at, source);
      }
      if (!ecosystem.reason.empty()) std::cout << fmt::format("  {}\n", ecosystem.reason);
    }
  }
  std::cout << fmt::format("jobs: {} queued, {} running, {} done, {} failed\n", jobs->queued, jobs->running,
                           jobs->done, jobs->failed);
  // Kept findings and events lag behind the evidence until these are done.
  for (const PendingReevaluation& pending : *owed) {
    std::cout << fmt::format(
        "re-evaluation owed since {} (an interrupted run): {}; the next `cradle db update`, "
        "ingest of advisories or VEX, worker job or `cradle reevaluate` does it\n",
        pending.recorded_at, pending.cause);
  }
  return kExitOk;
}

}  // namespace

void add_db_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DbOptions>();
  CLI::App* db = app.add_subcommand("db", "The advisory database in the evidence store");
  db->require_subcommand(1);
  const std::string db_help = "Store location (default: $CRADLE_DB, else .cradle/cradle.db)";

  CLI::App* update = db->add_subcommand(
      "update", "Load OSV records (JSON / YAML) from directories, zips or URLs into the store");
  update->add_option("--from", options->from,
                     "A directory, a .json/.yaml file, a zip (osv.dev's all.zip layouts) or an "
                     "http(s) URL serving a zip; repeatable. Default: OSV's public exports")
      ->expected(1, -1);
  update->add_option("--ecosystem", options->ecosystems,
                     "Keep only these OSV ecosystems (e.g. PyPI, Go, Debian); repeatable")
      ->expected(1, -1);
  update->add_flag("--queue", options->queue,
                   "Queue one job per source for `cradle worker` instead of loading now");
  update->add_option("--db", options->db, db_help);
  add_lock_timeout_option(update);
  update->callback([options, &exit_code] { exit_code = run_update(*options); });

  CLI::App* status = db->add_subcommand(
      "status", "Schema version, advisory counts, what is loaded per ecosystem, and the job queue");
  status->add_option("--db", options->db, db_help);
  add_table_json_format(status, options->format);
  add_coverage_options(status, options->max_advisory_age, nullptr);
  status->callback([options, &exit_code] { exit_code = run_status(*options); });
}

}  // namespace cradle
