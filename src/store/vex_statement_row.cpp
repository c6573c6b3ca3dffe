#include "store/vex_statement_row.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

namespace cradle {
namespace {

// The strings of a JSON array of strings, or nullopt when `element` is not one.
std::optional<std::vector<std::string>> string_list(simdjson::dom::element element) {
  simdjson::dom::array array;
  if (element.get(array)) return std::nullopt;
  std::vector<std::string> out;
  for (simdjson::dom::element item : array) {
    std::string_view text;
    if (item.get(text)) return std::nullopt;
    out.emplace_back(text);
  }
  return out;
}

std::optional<std::vector<VexProduct>> products_from(simdjson::dom::element element) {
  simdjson::dom::array array;
  if (element.get(array)) return std::nullopt;
  std::vector<VexProduct> out;
  for (simdjson::dom::element item : array) {
    simdjson::dom::object object;
    if (item.get(object)) return std::nullopt;
    VexProduct product;
    for (auto [field, text] :
         {std::pair{"id", &product.id}, std::pair{"bom_ref", &product.bom_ref},
          std::pair{"bom_serial", &product.bom_serial},
          std::pair{"bom_version", &product.bom_version}, std::pair{"name", &product.name}}) {
      std::string_view value;
      if (object[field].get(value)) return std::nullopt;
      *text = std::string(value);
    }
    for (auto [field, list] : {std::pair{"versions", &product.versions},
                               std::pair{"subcomponents", &product.subcomponents}}) {
      simdjson::dom::element value;
      if (object[field].get(value)) return std::nullopt;
      auto strings = string_list(value);
      if (!strings) return std::nullopt;
      *list = std::move(*strings);
    }
    out.push_back(std::move(product));
  }
  return out;
}

}  // namespace

VexStatementRow to_row(const VexStatement& statement, std::int64_t position) {
  nlohmann::json products = nlohmann::json::array();
  for (const VexProduct& product : statement.products) {
    products.push_back({{"id", product.id},
                        {"bom_ref", product.bom_ref},
                        {"bom_serial", product.bom_serial},
                        {"bom_version", product.bom_version},
                        {"name", product.name},
                        {"versions", product.versions},
                        {"subcomponents", product.subcomponents}});
  }
  return VexStatementRow{position,
                         statement.vulnerability,
                         nlohmann::json(statement.aliases).dump(),
                         std::string(to_string(statement.status)),
                         statement.justification,
                         statement.impact_statement,
                         statement.action_statement,
                         statement.timestamp,
                         statement.author,
                         statement.document_id,
                         products.dump()};
}

std::expected<VexStatement, Error> to_statement(const VexStatementRow& row,
                                                const EvidenceRef& document) {
  auto defect = [&](std::string_view what) {
    return std::unexpected(Error{ErrorCode::invalid_input,
                                 fmt::format("store: VEX statement {} of document {}: {}",
                                             row.position, document.sha256, what),
                                 {}});
  };
  VexStatement statement;
  statement.vulnerability = row.vulnerability;
  auto status = parse_vex_status(row.status);
  if (!status) return defect(fmt::format("unknown status \"{}\"", row.status));
  statement.status = *status;
  statement.justification = row.justification;
  statement.impact_statement = row.impact_statement;
  statement.action_statement = row.action_statement;
  statement.timestamp = row.stated_at;
  statement.author = row.author;
  statement.document_id = row.document_ref;
  statement.evidence = document;
  statement.evidence.produced_at = row.stated_at;

  simdjson::dom::parser parser;
  simdjson::dom::element aliases;
  std::optional<std::vector<std::string>> alias_list;
  if (!parser.parse(row.aliases).get(aliases)) alias_list = string_list(aliases);
  if (!alias_list) return defect("aliases are not a JSON array of strings");
  statement.aliases = std::move(*alias_list);
  simdjson::dom::element products;
  std::optional<std::vector<VexProduct>> product_list;
  if (!parser.parse(row.products).get(products)) product_list = products_from(products);
  if (!product_list) return defect("products are not a JSON array of products");
  statement.products = std::move(*product_list);
  return statement;
}

std::vector<std::string> vex_named_ids(std::span<const VexStatement> statements) {
  std::vector<std::string> ids;
  for (const VexStatement& statement : statements) {
    ids.push_back(statement.vulnerability);
    ids.insert(ids.end(), statement.aliases.begin(), statement.aliases.end());
  }
  std::ranges::sort(ids);
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace cradle
