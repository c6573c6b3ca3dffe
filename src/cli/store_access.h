// What the commands that work on the evidence store share: the --db and --format options,
// opening the store with the error reported once, and the one-line account of an advisory
// update.
//
// Threads: for the command's thread (they print to standard output and error).
#pragma once

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "analysis/coverage_check.h"
#include "model/ingest_outcome.h"
#include "store/store.h"

namespace cradle {

// --db STORE, and --format table|json (the default is what `format` holds) with --color
// auto|always|never for the table.
void add_store_option(CLI::App* command, std::string& db);
// --lock-timeout SECONDS (or CRADLE_LOCK_TIMEOUT), for the commands that write: how long
// open_store_or_report()'s store waits for another writer's lock.
void add_lock_timeout_option(CLI::App* command);
void add_table_json_format(CLI::App* command, std::string& format);
// A table on standard output, its status words coloured as --color says: always, never, or on
// a terminal unless NO_COLOR is set (auto).
void print_table(std::string_view table);
// Whether --color (or `choice`) asks for colour on standard output now.
bool colour_wanted(std::string_view choice);
// --max-advisory-age AGE (advisories of an ecosystem loaded longer ago are stale) and, where the
// exit code reports coverage gaps (exit 4), --allow-coverage-gaps.
void add_coverage_options(CLI::App* command, std::string& max_age, bool* allow_gaps);
// The rule --max-advisory-age gives, at the clock's now; `max_age` was checked by the option.
FreshnessRule freshness_rule(const std::string& max_age);

// The store `option` (or CRADLE_DB, or the default) names; nullptr after printing why it could
// not be opened.
std::unique_ptr<Store> open_store_or_report(const std::string& option, OpenMode mode);

// The webhook secret a file holds (trailing newlines dropped); nullopt after printing why there
// is none (the file cannot be read, or holds nothing).
std::optional<std::string> read_webhook_secret(const std::string& path);

// "no SBOM of NAME[@VERSION] in the store", with the commands that help: `cradle ingest` adds
// one, `cradle product list` shows what the store has.
std::string no_sbom_message(std::string_view product);

// How this process signs its claims on jobs and deliveries: "host:pid".
std::string process_name();

// What ingesting did (report/ingest_report.h): its problems on standard error, what was stored
// and what changed on standard output.
void print_ingest_outcome(const IngestOutcome& outcome);

}  // namespace cradle
