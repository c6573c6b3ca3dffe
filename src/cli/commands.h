// The `cradle` subcommands. Each registers itself on the CLI11 app and writes its exit code
// to `exit_code` when it runs; each lives in its own file.
//
// Threads: for the main thread, which parses the command line and runs one command.
#pragma once

#include <CLI/CLI.hpp>

namespace cradle {

void add_sbom_command(CLI::App& app, int& exit_code);
void add_purl_command(CLI::App& app, int& exit_code);
void add_version_command(CLI::App& app, int& exit_code);
void add_scan_command(CLI::App& app, int& exit_code);
void add_db_command(CLI::App& app, int& exit_code);
void add_worker_command(CLI::App& app, int& exit_code);
void add_ingest_command(CLI::App& app, int& exit_code);
void add_product_command(CLI::App& app, int& exit_code);  // and `history`
void add_why_command(CLI::App& app, int& exit_code);
void add_affected_command(CLI::App& app, int& exit_code);
void add_diff_command(CLI::App& app, int& exit_code);
void add_events_command(CLI::App& app, int& exit_code);  // and `webhook deliver`
void add_reevaluate_command(CLI::App& app, int& exit_code);
void add_attestations_command(CLI::App& app, int& exit_code);
void add_signals_command(CLI::App& app, int& exit_code);
void add_assess_command(CLI::App& app, int& exit_code);  // and `decisions`
void add_csaf_command(CLI::App& app, int& exit_code);
void add_licence_command(CLI::App& app, int& exit_code);
void add_log_command(CLI::App& app, int& exit_code);  // log verify, log export

}  // namespace cradle
