// `cradle product add|list|show`: the products of the portfolio and their context, and
// `cradle history --product NAME`: every SBOM ingested for a product, oldest first.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "report/portfolio_report.h"

namespace cradle {
namespace {

struct ProductOptions {
  std::string db;
  std::string name;
  ProductContext context;
  std::string format = "table";
};

std::expected<ProductSummary, Error> summary_of(Store& store, StoredProduct product) {
  auto sboms = store.product_sboms(product.product.name);
  if (!sboms) return std::unexpected(sboms.error());
  return ProductSummary{std::move(product), std::move(*sboms)};
}

// The named product with its SBOMs; nullopt after saying why not.
std::optional<ProductSummary> find_product(Store& store, const std::string& name) {
  auto product = store.product(name);
  if (!product) {
    std::cerr << "cradle: " << product.error().message << '\n';
    return std::nullopt;
  }
  if (!*product) {
    std::cerr << fmt::format(
        "cradle: no product named '{}' in the store: `cradle product add {}` adds it, `cradle ingest "
        "SBOM --product {}@VERSION` adds it with an SBOM (`cradle product list` shows the products)\n",
        name, name, name);
    return std::nullopt;
  }
  auto summary = summary_of(store, std::move(**product));
  if (!summary) {
    std::cerr << "cradle: " << summary.error().message << '\n';
    return std::nullopt;
  }
  return std::move(*summary);
}

int run_add(const ProductOptions& options) {
  auto store = open_store_or_report(options.db, OpenMode::read_write);
  if (!store) return kExitInput;
  auto known = store->product(options.name);
  auto put = known ? store->put_product(Product{options.name, options.context, {}})
                   : std::expected<std::int64_t, Error>(std::unexpected(known.error()));
  if (!put) {
    std::cerr << "cradle: " << put.error().message << '\n';
    return kExitInput;
  }
  std::cout << fmt::format("product {}: {}\n", options.name, *known ? "context updated" : "added");
  return kExitOk;
}

int run_list(const ProductOptions& options) {
  auto store = open_store_or_report(options.db, OpenMode::read_only);
  if (!store) return kExitInput;
  auto products = store->products();
  if (!products) {
    std::cerr << "cradle: " << products.error().message << '\n';
    return kExitInput;
  }
  std::vector<ProductSummary> summaries;
  for (StoredProduct& product : *products) {
    auto summary = summary_of(*store, std::move(product));
    if (!summary) {
      std::cerr << "cradle: " << summary.error().message << '\n';
      return kExitInput;
    }
    summaries.push_back(std::move(*summary));
  }
  if (options.format == "json") {
    std::cout << product_list_json(summaries).dump(2) << '\n';
  } else {
    print_table(product_list_table(summaries));
  }
  return kExitOk;
}

int run_show(const ProductOptions& options, bool history) {
  auto store = open_store_or_report(options.db, OpenMode::read_only);
  if (!store) return kExitInput;
  auto summary = find_product(*store, options.name);
  if (!summary) return kExitInput;
  if (options.format == "json") {
    std::cout << (history ? history_json(*summary) : product_show_json(*summary)).dump(2) << '\n';
  } else {
    print_table(history ? history_table(*summary) : product_show_table(*summary));
  }
  return kExitOk;
}

std::string joined(std::span<const std::string_view> values) {
  return fmt::format("{}", fmt::join(values, ", "));
}

}  // namespace

void add_product_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ProductOptions>();
  CLI::App* product =
      app.add_subcommand("product", "The products of the portfolio and their context");
  product->require_subcommand(1);

  CLI::App* add = product->add_subcommand("add", "Add a product, or update its context");
  add->add_option("name", options->name, "Product name")->required();
  add->add_option("--intended-use", options->context.intended_use,
                  "What the product is for, in a sentence");
  add->add_option("--exposure", options->context.exposure,
                  "How reachable it is: " + joined(kExposures))
      ->check(CLI::IsMember(std::vector<std::string>(kExposures.begin(), kExposures.end())));
  add->add_option("--criticality", options->context.criticality,
                  "Its class under the CRA: " + joined(kCriticalities))
      ->check(
          CLI::IsMember(std::vector<std::string>(kCriticalities.begin(), kCriticalities.end())));
  add_store_option(add, options->db);
  add_lock_timeout_option(add);
  add->callback([options, &exit_code] { exit_code = run_add(*options); });

  CLI::App* list = product->add_subcommand("list", "Every product, with its versions");
  add_table_json_format(list, options->format);
  add_store_option(list, options->db);
  list->callback([options, &exit_code] { exit_code = run_list(*options); });

  CLI::App* show = product->add_subcommand(
      "show", "A product's context and versions, each with its current SBOM");
  show->add_option("name", options->name, "Product name")->required();
  add_table_json_format(show, options->format);
  add_store_option(show, options->db);
  show->callback([options, &exit_code] { exit_code = run_show(*options, false); });

  CLI::App* history =
      app.add_subcommand("history", "Every SBOM ingested for a product, oldest first");
  history->add_option("--product", options->name, "Product name")->required();
  add_table_json_format(history, options->format);
  add_store_option(history, options->db);
  history->callback([options, &exit_code] { exit_code = run_show(*options, true); });
}

}  // namespace cradle
