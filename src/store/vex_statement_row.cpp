#include "store/vex_statement_row.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "formats/json_reader.h"

namespace cradle {
namespace {

using simdjson::dom::element;

// The lists of a row are JSON text the store wrote; they are read back with the JSON reader the
// format parsers use (its diagnostics, with JSON pointers into the column, say what is wrong).
std::optional<std::vector<std::string>> strings_of(JsonReader& json, element value,
                                                   const JsonPath& at) {
  auto array = json.as_array(value, at);
  if (!array) return std::nullopt;
  std::vector<std::string> out;
  std::size_t index = 0;
  for (element item : *array) {
    auto text = json.as_string(item, JsonPath(at, index++));
    if (!text) return std::nullopt;
    out.emplace_back(*text);
  }
  return out;
}

enum ProductKey : std::size_t {
  kId,
  kBomRef,
  kBomSerial,
  kBomVersion,
  kName,
  kVersions,
  kSubcomponents,
  kProductKeyCount
};
constexpr std::array<std::string_view, kProductKeyCount> kProductKeys{
    "id", "bom_ref", "bom_serial", "bom_version", "name", "versions", "subcomponents"};

std::optional<std::vector<VexProduct>> products_of(JsonReader& json, element value) {
  const JsonPath root("");
  auto array = json.as_array(value, root);
  if (!array) return std::nullopt;
  std::vector<VexProduct> out;
  std::size_t index = 0;
  for (element item : *array) {
    const JsonPath at(root, index++);
    auto object = json.as_object(item, at);
    if (!object) return std::nullopt;
    const Members<kProductKeyCount> members(*object, kProductKeys);
    for (std::size_t key = 0; key < kProductKeyCount; ++key) {
      if (!members.has(key)) {
        json.error(at, fmt::format("a product needs '{}'", kProductKeys[key]));
        return std::nullopt;
      }
    }
    VexProduct product;
    for (auto [key, text] :
         {std::pair{kId, &product.id}, std::pair{kBomRef, &product.bom_ref},
          std::pair{kBomSerial, &product.bom_serial}, std::pair{kBomVersion, &product.bom_version},
          std::pair{kName, &product.name}}) {
      auto field = json.as_string(members.get(key), JsonPath(at, kProductKeys[key]));
      if (!field) return std::nullopt;
      *text = std::string(*field);
    }
    for (auto [key, list] : {std::pair{kVersions, &product.versions},
                             std::pair{kSubcomponents, &product.subcomponents}}) {
      auto strings = strings_of(json, *members.get(key), JsonPath(at, kProductKeys[key]));
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

  // Each list is parsed and read before the next one is parsed (the reader holds one document).
  std::vector<Diagnostic> diagnostics;
  JsonReader json("vex_statements", diagnostics);
  auto column_defect = [&](std::string_view column) {
    return defect(fmt::format(
        "{} is not what the store writes{}", column,
        diagnostics.empty() ? std::string() : ": " + format_diagnostic(diagnostics.front())));
  };
  std::optional<std::vector<std::string>> alias_list;
  if (auto aliases = json.parse(row.aliases, {})) alias_list = strings_of(json, *aliases, "");
  if (!alias_list) return column_defect("aliases");
  statement.aliases = std::move(*alias_list);
  std::optional<std::vector<VexProduct>> product_list;
  if (auto products = json.parse(row.products, {})) product_list = products_of(json, *products);
  if (!product_list) return column_defect("products");
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
