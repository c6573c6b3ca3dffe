// `cradle worker [--db STORE] [--name NAME] [--exit-when-idle] [--poll SECONDS]`: runs queued jobs
// (`cradle db update --queue` queues them). Several workers may share one PostgreSQL store.
// With --webhook, each also delivers the events between jobs, each event once across workers.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "app/jobs.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "cli/terminal_progress.h"
#include "model/redacted_url.h"
#include "notify/webhook.h"
#include "report/counted.h"

namespace cradle {
namespace {

struct WorkerCommandOptions {
  std::string db;
  std::string name;
  bool exit_when_idle = false;
  double poll = 1.0;
  double lease = 3600.0;
  std::vector<std::string> webhooks;
  std::string webhook_secret_file;
  int webhook_attempts = 3;
};

// Delivers the events no one has delivered yet to each webhook, between jobs. A webhook whose
// receiver failed is left alone for a while (30 s, doubled after each failure up to 10 min), so
// that a dead receiver does not hold up the queue; its events wait in the store.
class WebhookPusher {
 public:
  WebhookPusher(Store& store, const WorkerCommandOptions& options, std::string secret,
                std::string worker)
      : store_(store), lease_(options.lease), worker_(std::move(worker)) {
    for (const std::string& url : options.webhooks) {
      hooks_.push_back(Hook{WebhookOptions{url, secret, options.webhook_attempts, 1.0, 10, {}}});
    }
  }

  void push() {
    const auto now = std::chrono::steady_clock::now();
    for (Hook& hook : hooks_) {
      if (now < hook.resume_at) continue;
      auto run = deliver_pending_events(store_, hook.options, worker_, "", lease_cutoff(store_.clock(), lease_));
      if (!run) {
        std::cerr << fmt::format("cradle: {}: {}\n", redacted_url(hook.options.url), run.error().message);
        continue;
      }
      if (run->delivered > 0)
        std::cout << fmt::format("webhook {}: {} delivered\n", redacted_url(hook.options.url),
                                 counted(run->delivered, "event"))
                  << std::flush;
      if (!run->failed) {
        hook.pause = kFirstPause;
        continue;
      }
      std::cerr << fmt::format(
          "cradle: webhook {}: event {} not delivered after {} attempts: {}; {} left, next try in "
          "{} s\n",
          redacted_url(hook.options.url), run->failed->id, run->failure.attempts, run->failure.error, run->left,
          hook.pause.count());
      hook.resume_at = now + hook.pause;
      hook.pause = std::min(hook.pause * 2, kLongestPause);
    }
  }

 private:
  static constexpr std::chrono::seconds kFirstPause{30};
  static constexpr std::chrono::seconds kLongestPause{600};
  struct Hook {
    WebhookOptions options;
    std::chrono::steady_clock::time_point resume_at{};
    std::chrono::seconds pause = kFirstPause;
  };
  Store& store_;
  double lease_;
  std::string worker_;
  std::vector<Hook> hooks_;
};

int run_worker(const WorkerCommandOptions& options) {
  const std::string location = store_location(options.db);
  auto store = open_store_or_report(location, OpenMode::read_write);
  if (!store) return kExitInput;
  WorkerOptions worker;
  worker.name = options.name.empty() ? process_name() : options.name;
  std::optional<WebhookPusher> pusher;
  if (!options.webhooks.empty()) {
    auto secret = read_webhook_secret(options.webhook_secret_file);
    if (!secret) return kExitInput;
    pusher.emplace(*store, options, std::move(*secret), worker.name);
    worker.between_jobs = [&pusher] { pusher->push(); };
  }
  worker.exit_when_idle = options.exit_when_idle;
  worker.poll_seconds = options.poll;
  worker.lease_seconds = options.lease;
  // On a terminal, one line says which job runs and how far its records are read; cleared
  // before each job's result line. Nothing in pipes or logs.
  TerminalProgress progress("worker " + worker.name, "records read");
  worker.progress = [&progress](std::size_t done, std::size_t total) {
    progress.update(done, total);
  };
  worker.on_started = [&progress, name = worker.name](const Job& job) {
    progress.rename(fmt::format("worker {}: job {} {} {}", name, job.id, job.kind, job.payload));
    progress.step("running");
  };
  worker.on_waiting = [&progress](const Error& error, std::chrono::seconds pause) {
    progress.clear();
    std::cerr << fmt::format("cradle: {}; trying again in {} s\n", error.message, pause.count());
  };
  worker.on_finished = [&progress](const Job& job, const JobResult& result) {
    progress.clear();
    std::cout << fmt::format("job {} {} {}: {}: {}\n", job.id, job.kind, job.payload,
                             result.succeeded ? "done" : "failed", result.line)
              << std::flush;
  };
  auto report = work(*store, worker);
  if (!report) {
    std::cerr << "cradle: " << report.error().message << '\n';
    return kExitInternal;
  }
  std::cout << fmt::format("{}: {} done, {} failed\n", worker.name, counted(report->done, "job"), report->failed);
  return report->failed > 0 ? kExitInput : kExitOk;
}

}  // namespace

void add_worker_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<WorkerCommandOptions>();
  CLI::App* worker = app.add_subcommand("worker", "Run queued jobs from the store (several workers may share one PostgreSQL store)");
  worker->add_option("--db", options->db, "Store location (default: $CRADLE_DB, else .cradle/cradle.db)");
  add_lock_timeout_option(worker);
  worker->add_option("--name", options->name, "Worker name recorded on its jobs (default: host:pid)");
  worker->add_flag("--exit-when-idle", options->exit_when_idle, "Exit when the queue is empty instead of waiting");
  worker->add_option("--poll", options->poll, "Seconds between polls of an empty queue")->capture_default_str();
  worker->add_option("--lease", options->lease,
                     "Seconds after which a job still running is taken as abandoned by a dead worker and run "
                     "again (0: never)")
      ->capture_default_str();
  CLI::Option* webhook =
      worker->add_option("--webhook", options->webhooks,
                         "Deliver new events to this URL between jobs (repeatable), signed as "
                         "`cradle webhook deliver` signs them");
  worker->add_option("--webhook-secret-file", options->webhook_secret_file,
                     "File holding the webhooks' shared secret")
      ->needs(webhook);
  webhook->needs(worker->get_option("--webhook-secret-file"));
  worker->add_option("--webhook-attempts", options->webhook_attempts, "Attempts per event")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  worker->callback([options, &exit_code] { exit_code = run_worker(*options); });
}

}  // namespace cradle
