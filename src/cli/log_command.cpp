// `cradle log verify [--product P] [--file EXPORT]`: the decision log's hash chain checked, and
// every logged assessment compared with what the store holds now (app/log_verification.h); with
// --file, an exported log checked without a store (its chain only). Exit 0 verified, 1 a problem
// found (an edited, deleted, added or reordered row), 2 unusable input.
// `cradle log export [--out FILE]`: the chain as JSON Lines, one entry per line, oldest first.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "app/log_verification.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "report/counted.h"
#include "report/log_report.h"
#include "sources/input_file.h"

namespace cradle {
namespace {

struct LogOptions {
  std::string db;
  std::string product;
  std::string file;
  std::string out;
  std::string format = "table";
};

constexpr std::size_t kMaxExportBytes = std::size_t{4} << 30;

int run_verify(const LogOptions& options) {
  LogVerification verification;
  if (!options.file.empty()) {
    auto bytes = read_input_file(options.file, kMaxExportBytes);
    if (!bytes) {
      std::cerr << "cradle: " << options.file << ": " << bytes.error().message << '\n';
      return kExitInput;
    }
    verification = verify_exported_log(*bytes, options.file);
  } else {
    auto store = open_store_or_report(options.db, OpenMode::read_only);
    if (!store) return kExitInput;
    auto verified = verify_decision_log(*store, options.product);
    if (!verified) {
      std::cerr << "cradle: " << verified.error().message << '\n';
      return kExitInput;
    }
    verification = std::move(*verified);
  }
  if (options.format == "json") {
    std::cout << log_verification_json(verification).dump(2) << '\n';
  } else {
    print_table(log_verification_table(verification, options.file.empty()));
  }
  if (!verification.diagnostics.empty() && verification.entries == 0) return kExitInput;
  return verification.verified() ? kExitOk : kExitPolicy;
}

int run_export(const LogOptions& options) {
  auto store = open_store_or_report(options.db, OpenMode::read_only);
  if (!store) return kExitInput;
  auto entries = store->log_entries();
  if (!entries) {
    std::cerr << "cradle: " << entries.error().message << '\n';
    return kExitInput;
  }
  std::ofstream file;
  if (!options.out.empty()) {
    file.open(options.out, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "cradle: " << options.out << ": cannot be written\n";
      return kExitInput;
    }
  }
  std::ostream& out = options.out.empty() ? std::cout : file;
  for (const LogEntry& entry : *entries) out << log_export_line(entry) << '\n';
  out.flush();
  if (!out) {
    std::cerr << "cradle: " << (options.out.empty() ? "standard output" : options.out) << ": the write failed\n";
    return kExitInput;
  }
  if (!options.out.empty()) {
    std::cerr << fmt::format("{}: {} written{}\n", options.out, counted(entries->size(), "entry"),
                             entries->empty() ? "" : fmt::format(", head sha256 {}", entries->back().hash));
  }
  return kExitOk;
}

}  // namespace

void add_log_command(CLI::App& app, int& exit_code) {
  CLI::App* log = app.add_subcommand("log", "The decision log's hash chain: verify it, export it");
  log->require_subcommand(1);
  auto options = std::make_shared<LogOptions>();
  CLI::App* verify = log->add_subcommand(
      "verify",
      "Check the decision log's hash chain and compare every logged assessment with the store; "
      "exit 1 when a row was edited, deleted, added or reordered");
  add_store_option(verify, options->db);
  verify->add_option("--product", options->product, "Compare only this product's assessments (the chain is checked whole)");
  verify->add_option("--file", options->file, "Check an exported log (cradle log export) instead of a store: its chain only")
      ->check(CLI::ExistingFile);
  add_table_json_format(verify, options->format);
  verify->callback([options, &exit_code] { exit_code = run_verify(*options); });

  CLI::App* exported = log->add_subcommand("export", "Write the decision log's chain as JSON Lines, oldest entry first");
  add_store_option(exported, options->db);
  exported->add_option("--out", options->out, "Write to this file instead of standard output");
  exported->callback([options, &exit_code] { exit_code = run_export(*options); });
}

}  // namespace cradle
