// `cradle affected VULN_ID`: every product version whose current SBOM holds a component the
// vulnerability affects, with the path to it; aliases resolved through the stored advisories.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "report/portfolio_report.h"

namespace cradle {
namespace {

struct AffectedOptions {
  std::string vulnerability;
  std::string db;
  std::string format = "table";
  bool allow_coverage_gaps = false;
};

int run_affected(const AffectedOptions& options) {
  auto store = open_store_or_report(options.db, OpenMode::read_only);
  if (!store) return kExitInput;
  auto impact = affected_products(*store, options.vulnerability);
  if (!impact) {
    std::cerr << "cradle: " << impact.error().message << '\n';
    return kExitInput;
  }
  for (const auto* list : {&impact->load.diagnostics, &impact->vex_diagnostics}) {
    for (const Diagnostic& d : *list) std::cerr << format_diagnostic(d) << '\n';
  }
  if (options.format == "json") {
    std::cout << affected_json(*impact).dump(2) << '\n';
  } else {
    print_table(affected_table(*impact));
  }
  if (impact->load.records.empty()) {
    std::cerr << fmt::format(
        "cradle: {}: no advisory in the store names it (load them with `cradle db update`)\n",
        options.vulnerability);
    return kExitInput;
  }
  if (has_errors(impact->load.diagnostics) || has_errors(impact->vex_diagnostics)) return kExitInput;
  return !impact->not_covered.empty() && !options.allow_coverage_gaps ? kExitCoverage : kExitOk;
}

}  // namespace

void add_affected_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AffectedOptions>();
  CLI::App* affected = app.add_subcommand(
      "affected",
      "Every product version and dependency path a vulnerability touches (aliases resolved)");
  affected
      ->add_option("vulnerability", options->vulnerability,
                   "An advisory id or alias: CVE-..., GHSA-..., PYSEC-...")
      ->required();
  add_table_json_format(affected, options->format);
  add_store_option(affected, options->db);
  affected->add_flag("--allow-coverage-gaps", options->allow_coverage_gaps,
                     "Exit 0 even when the portfolio has components in ecosystems with no "
                     "advisories loaded (still reported); without it such an answer exits 4");
  affected->callback([options, &exit_code] { exit_code = run_affected(*options); });
}

}  // namespace cradle
