// `cradle why PURL --product NAME[@VERSION]`: every dependency path from a root of the product
// version's current SBOM to the components the purl names, shortest first.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "report/why_report.h"

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
  WhyQuestion question{to_string(*query), *current, std::move(*graph), {}, options.max_paths};
  question.nodes = designated_nodes(question.graph, *query);
  const auto out = dependency_lists(question.graph);
  const PathLister list = [&](std::size_t node, const PathVisitor& visit) {
    return for_each_dependency_path(out, node, options.max_paths, visit);
  };
  if (options.format == "json") {
    write_why_json(std::cout, question, list);
  } else {
    write_why_table(std::cout, question, list);
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
  why->add_option("--max-paths", options->max_paths, "List at most this many paths per component (the search is also bounded in "
                  "work, and says when it stops there)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  add_table_json_format(why, options->format);
  add_store_option(why, options->db);
  why->callback([options, &exit_code] { exit_code = run_why(*options); });
}

}  // namespace cradle
