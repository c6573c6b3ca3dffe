// `cradle signals REPOSITORY | FILE`: project-health signals. For a repository (as Scorecard
// names it, github.com/owner/name), those the store holds (`cradle ingest` keeps Scorecard
// results); for a Scorecard result file, the signals it states, read and shown, not stored.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "formats/signals/scorecard.h"
#include "report/signal_report.h"
#include "sources/input_file.h"

namespace cradle {
namespace {

struct SignalsOptions {
  std::string subject;
  std::string db;
  std::string format = "table";
};

void print(std::string_view subject, std::span<const Signal> signals, const std::string& format) {
  if (format == "json") {
    std::cout << signals_json(subject, signals).dump(2) << '\n';
  } else {
    print_table(signals_table(subject, signals));
  }
}

int run_signals(const SignalsOptions& options) {
  std::error_code error;
  if (std::filesystem::is_regular_file(options.subject, error)) {
    auto bytes = read_input_file(options.subject, ParseLimits{}.max_bytes);
    if (!bytes) {
      std::cerr << format_diagnostic(Diagnostic{Severity::error, options.subject, {}, bytes.error().message}) << '\n';
      return kExitInput;
    }
    SignalParseResult parsed = parse_scorecard(*bytes, options.subject);
    for (const Diagnostic& d : parsed.diagnostics) std::cerr << format_diagnostic(d) << '\n';
    for (Signal& signal : parsed.signals) signal.evidence.source = options.subject;
    print(parsed.signals.empty() ? options.subject : parsed.signals.front().subject, parsed.signals,
          options.format);
    return parsed.accepted() ? kExitOk : kExitInput;
  }
  auto store = open_store_or_report(options.db, OpenMode::read_only);
  if (!store) return kExitInput;
  auto found = store->signals_about(options.subject);
  if (!found) {
    std::cerr << "cradle: " << found.error().message << '\n';
    return kExitInput;
  }
  print(options.subject, *found, options.format);
  return kExitOk;
}

}  // namespace

void add_signals_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SignalsOptions>();
  CLI::App* command = app.add_subcommand(
      "signals", "Project-health signals (OpenSSF Scorecard) about a repository, or in a result file");
  command->add_option("subject", options->subject,
                      "A repository as Scorecard names it (github.com/owner/name), or a Scorecard JSON file")
      ->required();
  command->add_option("--db", options->db, "Store (default: $CRADLE_DB, else .cradle/cradle.db)");
  add_table_json_format(command, options->format);
  command->callback([options, &exit_code] { exit_code = run_signals(*options); });
}

}  // namespace cradle
