// `cradle db update [--from DIR|ZIP|URL]... [--ecosystem E]... [--db LOCATION]`: OSV records
// into the store; `cradle db status`: what the store holds.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "analysis/reevaluation.h"
#include "cli/store_access.h"
#include "store/advisory_update.h"
#include "store/jobs.h"
#include "store/store.h"

namespace cradle {
namespace {

struct DbOptions {
  std::string db;
  std::vector<std::string> from;
  std::vector<std::string> ecosystems;
  bool queue = false;
};

bool is_url(const std::string& source) {
  return source.starts_with("http://") || source.starts_with("https://");
}

int run_update(const DbOptions& options) {
  const std::string location = store_location(options.db);
  auto store = open_store_or_report(location, OpenMode::read_write);
  if (!store) return kExitInput;
  AdvisoryUpdateOptions update_options;
  update_options.ecosystems = options.ecosystems;
  if (isatty(STDERR_FILENO)) {
    update_options.progress = [](std::size_t documents) {
      std::cerr << fmt::format("\r{} records read", documents) << std::flush;
    };
  }
  const std::vector<std::string> sources =
      options.from.empty() ? osv_export_urls(options.ecosystems) : options.from;
  if (options.queue) {
    if (!options.from.empty() && !options.ecosystems.empty()) {
      std::cerr << "cradle: --queue with --from loads every ecosystem of the source; drop --ecosystem\n";
      return kExitInput;
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
    AdvisoryUpdate update = is_url(source)
                                ? update_advisories_from_url(*store, source, update_options)
                                : update_advisories_from_path(*store, source, update_options);
    if (update_options.progress) std::cerr << '\r' << std::string(40, ' ') << '\r';
    print_advisory_update(update);
    failed = failed || update.failed();
    auto reevaluated = reevaluate_after_update(*store, update);
    if (!reevaluated) {
      std::cerr << "cradle: re-evaluating the portfolio: " << reevaluated.error().message << '\n';
      failed = true;
    } else if (reevaluated->product_versions > 0) {
      std::cout << fmt::format("{}: {}\n", update.source, describe(*reevaluated));
    }
  }
  auto counts = store->advisory_counts();
  if (counts) {
    std::cout << fmt::format("{}: {} advisories ({} withdrawn, hidden from scans)\n", redacted_location(location),
                             counts->advisories, counts->withdrawn);
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
  if (!counts || !version || !jobs) {
    const Error& error = !counts ? counts.error() : !version ? version.error() : jobs.error();
    std::cerr << "cradle: " << error.message << '\n';
    return kExitInput;
  }
  std::cout << fmt::format("{}: schema version {}, {} advisories ({} withdrawn)\n", redacted_location(location),
                           *version, counts->advisories, counts->withdrawn);
  std::cout << fmt::format("jobs: {} queued, {} running, {} done, {} failed\n", jobs->queued, jobs->running,
                           jobs->done, jobs->failed);
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
  update->callback([options, &exit_code] { exit_code = run_update(*options); });

  CLI::App* status = db->add_subcommand("status", "Schema version, advisory counts and the job queue");
  status->add_option("--db", options->db, db_help);
  status->callback([options, &exit_code] { exit_code = run_status(*options); });
}

}  // namespace cradle
