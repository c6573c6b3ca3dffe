// `cradle diff --product NAME [--from VERSION] [--to VERSION]`: what changed between two SBOMs of
// a product: by default its last SBOM against the one ingested before it (another version, or a
// rebuild of the same one); with versions, those versions' current SBOMs.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "model/display_text.h"
#include "report/portfolio_report.h"

namespace cradle {
namespace {

struct DiffOptions {
  std::string product;
  std::string from;
  std::string to;
  std::string db;
  std::string format = "table";
};

int run_diff(const DiffOptions& options) {
  auto store = open_store_or_report(options.db, OpenMode::read_only);
  if (!store) return kExitInput;
  auto sboms = store->product_sboms(options.product);
  if (!sboms) {
    std::cerr << "cradle: " << sboms.error().message << '\n';
    return kExitInput;
  }
  if (sboms->empty()) {
    std::cerr << "cradle: " << no_sbom_message(options.product) << '\n';
    return kExitInput;
  }
  const SbomRecord* to = options.to.empty() ? &sboms->back() : current_sbom(*sboms, options.to);
  const SbomRecord* from = nullptr;
  if (!options.from.empty()) {
    from = current_sbom(*sboms, options.from);
  } else if (to != nullptr) {
    for (const SbomRecord& sbom : *sboms) {
      if (sbom.id < to->id) from = &sbom;  // the one ingested just before
    }
  }
  for (const auto& [record, version, side] :
       {std::tuple{from, options.from, "--from"}, std::tuple{to, options.to, "--to"}}) {
    if (record != nullptr) continue;
    if (version.empty()) {
      std::cerr << fmt::format("cradle: {} has one SBOM only: nothing to compare it with\n",
                               Shown{options.product});
    } else {
      std::cerr << fmt::format(
          "cradle: {} {}: {} has no SBOM of that version (see `cradle history --product {}`)\n",
          side, Shown{version}, Shown{options.product}, Shown{options.product});
    }
    return kExitInput;
  }
  auto diff = diff_sboms(*store, *from, *to);
  if (!diff) {
    std::cerr << "cradle: " << diff.error().message << '\n';
    return kExitInput;
  }
  for (const Diagnostic& d : diff->diagnostics) std::cerr << format_diagnostic(d) << '\n';
  if (options.format == "json") {
    std::cout << diff_json(*diff).dump(2) << '\n';
  } else {
    print_table(diff_table(*diff));
  }
  return has_errors(diff->diagnostics) ? kExitInput : kExitOk;
}

}  // namespace

void add_diff_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* diff = app.add_subcommand("diff",
                                      "Components added, removed or upgraded and findings new or "
                                      "resolved between two SBOMs of a product");
  diff->add_option("--product", options->product, "Product name")->required();
  diff->add_option("--from", options->from,
                   "The older version (default: the SBOM ingested before the newer one)");
  diff->add_option("--to", options->to, "The newer version (default: the last SBOM ingested)");
  add_table_json_format(diff, options->format);
  add_store_option(diff, options->db);
  diff->callback([options, &exit_code] { exit_code = run_diff(*options); });
}

}  // namespace cradle
