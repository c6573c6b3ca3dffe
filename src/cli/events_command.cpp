// `cradle events [--since TIME]`: what re-evaluations found changed (a finding new, resolved, or
// its status changed), oldest first; `cradle webhook deliver URL --secret-file FILE`: the events
// not yet delivered to URL, POSTed and signed (notify/webhook.h), in order. A delivery that
// fails after its retries stops the run (exit code 2), so that the receiver sees events in order;
// the next run starts again from it.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "model/date_time.h"
#include "model/redacted_url.h"
#include "notify/webhook.h"
#include "report/counted.h"
#include "report/portfolio_report.h"
#include "app/jobs.h"

namespace cradle {
namespace {

// A delivery claimed longer ago than this was left by a deliverer that died.
constexpr double kDeliveryLeaseSeconds = 3600;

struct EventsOptions {
  std::string db;
  std::string since;
  std::string format = "table";
  std::string url;
  std::string secret_file;
  int attempts = 5;
  double backoff = 1.0;
};

int run_events(const EventsOptions& options) {
  auto store = open_store_or_report(options.db, OpenMode::read_only);
  if (!store) return kExitInput;
  auto events = store->events(options.since);
  if (!events) {
    std::cerr << "cradle: " << events.error().message << '\n';
    return kExitInput;
  }
  if (options.format == "json") {
    std::cout << events_json(*events).dump(2) << '\n';
  } else {
    print_table(events_table(*events));
  }
  return kExitOk;
}

int run_deliver(const EventsOptions& options) {
  auto secret = read_webhook_secret(options.secret_file);
  if (!secret) return kExitInput;
  auto store = open_store_or_report(options.db, OpenMode::read_write);
  if (!store) return kExitInput;
  WebhookOptions webhook{options.url, *secret, options.attempts, options.backoff, 10, {}};
  auto run = deliver_pending_events(*store, webhook, process_name(), options.since,
                                    lease_cutoff(store->clock(), kDeliveryLeaseSeconds));
  if (!run) {
    std::cerr << "cradle: " << run.error().message << '\n';
    return kExitInput;
  }
  std::cout << fmt::format("{}: {} delivered, {} left{}\n", redacted_url(options.url), counted(run->delivered, "event"),
                           run->left + run->claimed_elsewhere,
                           run->claimed_elsewhere > 0
                               ? fmt::format(" ({} being delivered by others)", run->claimed_elsewhere)
                               : "");
  if (run->failed) {
    std::cerr << fmt::format("cradle: event {} not delivered after {} attempt{}: {}\n",
                             run->failed->id, run->failure.attempts,
                             run->failure.attempts == 1 ? "" : "s", run->failure.error);
    return kExitInput;
  }
  return kExitOk;
}

CLI::Validator rfc3339() {
  return CLI::Validator(
      [](const std::string& text) {
        return is_rfc3339_date_time(text) ? std::string()
                                          : std::string("not an RFC 3339 date-time");
      },
      "TIME");
}

}  // namespace

void add_events_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<EventsOptions>();
  CLI::App* events =
      app.add_subcommand("events", "What re-evaluations found changed, oldest first");
  events->add_option("--since", options->since, "Only events at or after this time (RFC 3339, UTC)")
      ->check(rfc3339());
  add_table_json_format(events, options->format);
  add_store_option(events, options->db);
  events->callback([options, &exit_code] { exit_code = run_events(*options); });

  CLI::App* webhook = app.add_subcommand("webhook", "Deliver events to a webhook");
  webhook->require_subcommand(1);
  CLI::App* deliver = webhook->add_subcommand(
      "deliver",
      "POST the events not yet delivered to URL, signed with HMAC-SHA256 (X-Cradle-Signature)");
  deliver->add_option("url", options->url, "The receiver (http or https)")->required();
  deliver->add_option("--secret-file", options->secret_file, "File holding the shared secret")
      ->required();
  deliver
      ->add_option("--since", options->since, "Only events at or after this time (RFC 3339, UTC)")
      ->check(rfc3339());
  deliver->add_option("--attempts", options->attempts, "Attempts per event")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  deliver
      ->add_option("--backoff", options->backoff,
                   "Seconds before the second attempt, doubled after each")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  add_store_option(deliver, options->db);
  add_lock_timeout_option(deliver);
  deliver->callback([options, &exit_code] { exit_code = run_deliver(*options); });
}

}  // namespace cradle
