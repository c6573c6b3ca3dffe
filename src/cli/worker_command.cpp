// `cradle worker [--db STORE] [--name NAME] [--exit-when-idle] [--poll SECONDS]`: runs queued jobs
// (`cradle db update --queue` queues them). Several workers may share one PostgreSQL store.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <sstream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "analysis/reevaluation.h"
#include "cli/document_ingest.h"
#include "cli/store_access.h"
#include "store/jobs.h"

namespace cradle {
namespace {

struct WorkerCommandOptions {
  std::string db;
  std::string name;
  bool exit_when_idle = false;
  double poll = 1.0;
  double lease = 3600.0;
};

int run_worker(const WorkerCommandOptions& options) {
  const std::string location = store_location(options.db);
  auto store = open_store_or_report(location, OpenMode::read_write);
  if (!store) return kExitInput;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  WorkerOptions worker;
  worker.name = options.name.empty() ? fmt::format("{}:{}", host, getpid()) : options.name;
  worker.exit_when_idle = options.exit_when_idle;
  worker.poll_seconds = options.poll;
  worker.lease_seconds = options.lease;
  worker.hooks.after_advisory_update = [](Store& job_store, const AdvisoryUpdate& update) -> std::expected<std::string, Error> {
    auto reevaluated = reevaluate_after_update(job_store, update);
    if (!reevaluated) return std::unexpected(reevaluated.error());
    return describe(*reevaluated);
  };
  worker.hooks.ingest = [](Store& job_store, const StoredDocument& document,
                           const std::string& product) -> std::expected<std::string, Error> {
    std::ostringstream out;
    const bool ok = ingest_document(job_store, document.evidence.source, document.content,
                                    parse_product_version(product), out);
    std::string lines;
    std::istringstream written(out.str());
    for (std::string line; std::getline(written, line);) lines += (lines.empty() ? "" : "; ") + line;
    if (!ok) return std::unexpected(Error{ErrorCode::invalid_input, lines.empty() ? "the document was not ingested" : lines, {}});
    return lines;
  };
  worker.on_finished = [](const Job& job, bool succeeded, const std::string& line) {
    std::cout << fmt::format("job {} {} {}: {}: {}\n", job.id, job.kind, job.payload,
                             succeeded ? "done" : "failed", line)
              << std::flush;
  };
  auto report = work(*store, worker);
  if (!report) {
    std::cerr << "cradle: " << report.error().message << '\n';
    return kExitInternal;
  }
  std::cout << fmt::format("{}: {} jobs done, {} failed\n", worker.name, report->done, report->failed);
  return report->failed > 0 ? kExitInput : kExitOk;
}

}  // namespace

void add_worker_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<WorkerCommandOptions>();
  CLI::App* worker = app.add_subcommand("worker", "Run queued jobs from the store (several workers may share one PostgreSQL store)");
  worker->add_option("--db", options->db, "Store location (default: $CRADLE_DB, else .cradle/cradle.db)");
  worker->add_option("--name", options->name, "Worker name recorded on its jobs (default: host:pid)");
  worker->add_flag("--exit-when-idle", options->exit_when_idle, "Exit when the queue is empty instead of waiting");
  worker->add_option("--poll", options->poll, "Seconds between polls of an empty queue")->capture_default_str();
  worker->add_option("--lease", options->lease,
                     "Seconds after which a job still running is taken as abandoned by a dead worker and run "
                     "again (0: never)")
      ->capture_default_str();
  worker->callback([options, &exit_code] { exit_code = run_worker(*options); });
}

}  // namespace cradle
