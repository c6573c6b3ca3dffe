// `cradle reevaluate [--product NAME[@VERSION]]...`: evaluates the current SBOM of every product
// version again (or of the products and versions named) against the stored advisories and VEX,
// replaces the kept findings and records an event for each difference, as an advisory update
// does for the versions it touches. For after a change that no ingest reports: a new cradle
// whose matcher judges differently, or a check that the kept findings are still what the
// evidence says.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app/reevaluation.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "cli/terminal_progress.h"
#include "model/product.h"
#include "notify/webhook.h"
#include "report/ingest_report.h"
#include "report/portfolio_report.h"

namespace cradle {
namespace {

struct ReevaluateOptions {
  std::string db;
  std::vector<std::string> products;
  std::string format = "table";
  bool allow_coverage_gaps = false;
};

int run_reevaluate(const ReevaluateOptions& options) {
  auto store = open_store_or_report(options.db, OpenMode::read_write);
  if (!store) return kExitInput;
  std::vector<ProductVersion> wanted;
  for (const std::string& text : options.products) wanted.push_back(parse_product_version(text));
  auto targets = reevaluation_targets(*store, wanted);
  if (!targets) {
    std::cerr << "cradle: " << targets.error().message << '\n';
    return kExitInput;
  }
  // Named but absent: said, and the others are still evaluated.
  int exit_code = targets->missing.empty() ? kExitOk : kExitInput;
  for (const std::string& missing : targets->missing) {
    std::cerr << "cradle: " << no_sbom_message(missing) << '\n';
  }
  const std::vector<std::int64_t>& ids = targets->sbom_ids;
  // What an interrupted run left owed first, with its own cause; then what was asked for.
  auto owed = reevaluate_pending(*store);
  if (!owed) {
    std::cerr << "cradle: " << owed.error().message << '\n';
    return kExitInput;
  }
  if (owed->product_versions > 0) std::cerr << "cradle: re-evaluations owed: " << describe(*owed) << '\n';
  TerminalProgress progress("reevaluate", "product versions");
  auto reevaluation = reevaluate(*store, ids, "reevaluate", [&progress](std::size_t done, std::size_t total) {
    progress.update(done, total);
  });
  progress.clear();
  if (!reevaluation) {
    std::cerr << "cradle: " << reevaluation.error().message << '\n';
    return kExitInput;
  }
  for (const Diagnostic& diagnostic : reevaluation->diagnostics) {
    std::cerr << format_diagnostic(diagnostic) << '\n';
  }
  if (options.format == "json") {
    std::cout << reevaluation_json(*reevaluation).dump(2) << '\n';
  } else {
    std::string table = describe(*reevaluation) + '\n';
    for (const NotCovered& gap : reevaluation->not_covered) {
      table += fmt::format("  NOT COVERED {}@{}: {} component{}: {}\n", gap.product, gap.product_version,
                           gap.components, gap.components == 1 ? "" : "s", gap.reason);
    }
    print_table(table + events_table(reevaluation->events));
  }
  if (!reevaluation->not_covered.empty() && !options.allow_coverage_gaps && exit_code == kExitOk) {
    exit_code = kExitCoverage;
  }
  return exit_code;
}

}  // namespace

void add_reevaluate_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ReevaluateOptions>();
  CLI::App* command = app.add_subcommand(
      "reevaluate",
      "Evaluate the current SBOMs again against the stored advisories and VEX, recording what "
      "changed as events");
  command->add_option("--product", options->products,
                      "NAME or NAME@VERSION, repeatable (default: every product version)");
  add_table_json_format(command, options->format);
  add_store_option(command, options->db);
  add_lock_timeout_option(command);
  command->add_flag("--allow-coverage-gaps", options->allow_coverage_gaps,
                    "Exit 0 even when components are not covered (no advisories of their "
                    "ecosystem loaded; still reported); without it such a run exits 4");
  command->callback([options, &exit_code] { exit_code = run_reevaluate(*options); });
}

}  // namespace cradle
