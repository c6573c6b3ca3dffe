#include "cli/store_access.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "model/display_text.h"
#include "report/status_colours.h"
#include "sources/input_file.h"
#include "report/ingest_report.h"

namespace cradle {

namespace {
// --color of the one command that runs (every table command binds it here).
std::string colour_choice = "auto";
// --lock-timeout of the one command that runs, in seconds.
double lock_timeout_seconds = 300;
}  // namespace

void add_store_option(CLI::App* command, std::string& db) {
  command->add_option("--db", db, "Store location (default: $CRADLE_DB, else .cradle/cradle.db)");
}

void add_lock_timeout_option(CLI::App* command) {
  command
      ->add_option("--lock-timeout", lock_timeout_seconds,
                   "Seconds a write waits for another writer's lock on the store before it gives "
                   "up (exit 5)")
      ->envname("CRADLE_LOCK_TIMEOUT")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
}

void add_table_json_format(CLI::App* command, std::string& format) {
  command->add_option("--format", format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  command->add_option("--color", colour_choice,
                      "Colour the table's status words: auto (on a terminal, unless NO_COLOR is set), "
                      "always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

bool colour_wanted(std::string_view choice) {
  return choice == "always" ||
         (choice == "auto" && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
}

void print_table(std::string_view table) {
  // What documents say is shown escaped (model/display_text.h), before the colours go in.
  const std::string safe = shown_lines(table);
  std::cout << (colour_wanted(colour_choice) ? colour_status_words(safe) : safe);
}

void add_coverage_options(CLI::App* command, std::string& max_age, bool* allow_gaps) {
  command
      ->add_option("--max-advisory-age", max_age,
                   "Advisories of an ecosystem last loaded longer ago than this are stale, a "
                   "coverage gap (e.g. 7d, 12h, 30m, 45s)")
      ->check([](const std::string& text) {
        return parse_age(text) ? std::string() : std::string("an age like 7d, 12h, 30m or 45s");
      })
      ->capture_default_str();
  if (allow_gaps != nullptr) {
    command->add_flag("--allow-coverage-gaps", *allow_gaps,
                      "Exit 0 even when an ecosystem the components need has no advisories "
                      "loaded, or stale or incomplete ones (the gaps are still reported); without "
                      "it such an answer exits 4");
  }
}

FreshnessRule freshness_rule(const std::string& max_age) {
  return FreshnessRule{std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()),
                       *parse_age(max_age)};
}

std::unique_ptr<Store> open_store_or_report(const std::string& option, OpenMode mode) {
  const StoreOptions options{std::chrono::milliseconds(
      static_cast<std::int64_t>(std::min(lock_timeout_seconds, 1e9) * 1000))};
  auto store = open_store(store_location(option), mode, options);
  if (!store) {
    std::cerr << "cradle: " << store.error().message << '\n';
    return nullptr;
  }
  return std::move(*store);
}

void print_ingest_outcome(const IngestOutcome& outcome) {
  const IngestLines lines = ingest_lines(outcome);
  std::cerr << lines.problems;
  std::cout << shown_lines(lines.said);
}

std::string no_sbom_message(std::string_view product) {
  const std::string_view name = product.substr(0, product.find('@'));
  return fmt::format(
      "no SBOM of {} in the store: `cradle ingest SBOM --product {}@VERSION` adds one (`cradle "
      "product list` shows the products it has)",
      Shown{product}, Shown{name});
}

std::string process_name() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return fmt::format("{}:{}", host, getpid());
}

std::optional<std::string> read_webhook_secret(const std::string& path) {
  auto secret = read_input_file(path, 1 << 16);
  if (!secret) {
    std::cerr << format_diagnostic(Diagnostic{Severity::error, path, {}, secret.error().message})
              << '\n';
    return std::nullopt;
  }
  while (!secret->empty() && (secret->back() == '\n' || secret->back() == '\r')) secret->pop_back();
  if (secret->empty()) {
    std::cerr << fmt::format("cradle: {}: the secret is empty\n", path);
    return std::nullopt;
  }
  return std::move(*secret);
}

}  // namespace cradle
