// `cradle why PURL --product NAME[@VERSION]`: every dependency path from a root of the product
// version's current SBOM to the components the purl names, shortest first.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "report/portfolio_report.h"

namespace cradle {
namespace {

struct WhyOptions {
  std::string purl;
  std::string product;
  std::string db;
  std::string format = "table";
  std::size_t max_paths = 100;
};

int run_why(const WhyOptions& options) {
  auto query = parse_purl(options.purl);
  if (!query) {
    std::cerr << fmt::format("cradle: {}: {} (column {})\n", options.purl, query.error().message,
                             query.error().location.column);
    return kExitInput;
  }
  auto store = open_store_or_report(options.db, OpenMode::read_only);
  if (!store) return kExitInput;
  const ProductVersion wanted = parse_product_version(options.product);
  auto sboms = store->product_sboms(wanted.name);
  if (!sboms) {
    std::cerr << "cradle: " << sboms.error().message << '\n';
    return kExitInput;
  }
  // The version asked for, else the one ingested last.
  const SbomRecord* current = current_sbom(*sboms, wanted.version);
  if (current == nullptr) {
    std::cerr << "cradle: " << no_sbom_message(options.product) << '\n';
    return kExitInput;
  }
  auto graph = store->sbom_graph(current->id);
  if (!graph) {
    std::cerr << "cradle: " << graph.error().message << '\n';
    return kExitInput;
  }
  WhyAnswer answer{to_string(*query), *current, std::move(*graph), {}, options.max_paths};
  answer.components = component_paths(answer.graph, *query, options.max_paths);
  if (options.format == "json") {
    std::cout << why_json(answer).dump(2) << '\n';
  } else {
    print_table(why_table(answer));
  }
  return kExitOk;
}

}  // namespace

void add_why_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<WhyOptions>();
  CLI::App* why = app.add_subcommand(
      "why", "Every dependency path from a product to a component, shortest first");
  why->add_option("purl", options->purl,
                  "Package URL of the component (without a version: every version)")
      ->required();
  why->add_option("--product", options->product,
                  "NAME or NAME@VERSION (default version: the last ingested)")
      ->required();
  why->add_option("--max-paths", options->max_paths, "List at most this many paths per component")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  add_table_json_format(why, options->format);
  add_store_option(why, options->db);
  why->callback([options, &exit_code] { exit_code = run_why(*options); });
}

}  // namespace cradle
