#include "formats/vex/openvex.h"

#include <fmt/format.h>

#include "formats/json_reader.h"
#include "formats/yaml_as_json.h"

namespace cradle {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

std::optional<VexStatus> status_of(std::string_view text) {
  if (text == "not_affected") return VexStatus::not_affected;
  if (text == "affected") return VexStatus::affected;
  if (text == "fixed") return VexStatus::fixed;
  if (text == "under_investigation") return VexStatus::under_investigation;
  return std::nullopt;
}

class OpenVexParser {
 public:
  OpenVexParser(std::string_view file, VexParseResult& result, const ParseLimits& limits)
      : json_(file, result.diagnostics), result_(result), limits_(limits) {}

  void parse(std::string_view bytes) {
    auto root = json_.parse_object(bytes, limits_);
    if (!root) return;
    auto context = json_.string_at(*root, "@context", "");
    if (!context || !context->starts_with("https://openvex.dev/ns")) {
      json_.error("/@context", "not an OpenVEX document: @context must be https://openvex.dev/ns...");
      return;
    }
    result_.read = true;
    const std::string author(json_.string_at(*root, "author", "").value_or(""));
    if (author.empty()) json_.error("/author", "an OpenVEX document needs 'author'");
    const std::string document_id(json_.string_at(*root, "@id", "").value_or(""));
    const std::string timestamp(json_.string_at(*root, "timestamp", "").value_or(""));
    auto statements = json_.array_at(*root, "statements", "");
    if (!statements) {
      json_.error("/statements", "an OpenVEX document needs 'statements'");
      return;
    }
    std::size_t index = 0;
    for (element item : *statements) {
      const std::string pointer = json_pointer("/statements", index++);
      auto statement = json_.as_object(item, pointer);
      if (!statement) continue;
      VexStatement parsed;
      parsed.author = author;
      parsed.document_id = document_id;
      parsed.timestamp = std::string(json_.string_at(*statement, "timestamp", pointer).value_or(timestamp));
      if (!read_statement(*statement, pointer, parsed)) continue;
      result_.statements.push_back(std::move(parsed));
    }
  }

 private:
  bool read_statement(object statement, const std::string& pointer, VexStatement& out) {
    // vulnerability: an object {name, aliases} (0.2.0) or a string (0.0.1).
    element vulnerability;
    if (statement.at_key("vulnerability").get(vulnerability)) {
      json_.error(pointer, "a statement needs 'vulnerability'");
      return false;
    }
    std::string_view name;
    object vulnerability_object;
    if (!vulnerability.get_string().get(name)) {
      out.vulnerability = std::string(name);
    } else if (!vulnerability.get_object().get(vulnerability_object)) {
      const std::string vulnerability_pointer = pointer + "/vulnerability";
      out.vulnerability = std::string(
          json_.string_at(vulnerability_object, "name", vulnerability_pointer).value_or(""));
      if (auto aliases = json_.array_at(vulnerability_object, "aliases", vulnerability_pointer)) {
        std::size_t i = 0;
        for (element alias : *aliases) {
          if (auto text = json_.as_string(alias, json_pointer(vulnerability_pointer + "/aliases", i))) {
            out.aliases.emplace_back(*text);
          }
          ++i;
        }
      }
    }
    if (out.vulnerability.empty()) {
      json_.error(pointer + "/vulnerability", "the vulnerability needs a name");
      return false;
    }
    auto status = json_.string_at(statement, "status", pointer);
    auto parsed_status = status ? status_of(*status) : std::nullopt;
    if (!parsed_status) {
      json_.error(pointer + "/status", "status must be not_affected, affected, fixed or under_investigation");
      return false;
    }
    out.status = *parsed_status;
    out.justification = std::string(json_.string_at(statement, "justification", pointer).value_or(""));
    out.impact_statement = std::string(json_.string_at(statement, "impact_statement", pointer).value_or(""));
    out.action_statement = std::string(json_.string_at(statement, "action_statement", pointer).value_or(""));
    if (out.status == VexStatus::not_affected && out.justification.empty() &&
        out.impact_statement.empty()) {
      json_.warning(pointer, "a not_affected statement needs a justification or an impact "
                             "statement; it suppresses nothing");
    }
    if (out.status == VexStatus::affected && out.action_statement.empty()) {
      json_.warning(pointer, "an affected statement needs an action statement");
    }
    auto products = json_.array_at(statement, "products", pointer);
    if (!products || products->size() == 0) {
      // Products can be inherited from an enclosing document (an attestation's subject): given
      // with a scan, the statement speaks for the scanned product.
      json_.warning(pointer, "no 'products': the statement applies to the scanned product");
      return true;
    }
    std::size_t index = 0;
    for (element item : *products) {
      const std::string product_pointer = json_pointer(pointer + "/products", index++);
      VexProduct product;
      std::string_view text;
      object product_object;
      if (!item.get_string().get(text)) {  // 0.0.1
        product.id = std::string(text);
      } else if (!item.get_object().get(product_object)) {
        product.id = std::string(json_.string_at(product_object, "@id", product_pointer).value_or(""));
        if (auto identifiers = json_.object_at(product_object, "identifiers", product_pointer)) {
          if (auto purl = json_.string_at(*identifiers, "purl", product_pointer + "/identifiers")) {
            if (product.id.empty() || !product.id.starts_with("pkg:")) product.id = std::string(*purl);
          }
        }
        if (auto subcomponents = json_.array_at(product_object, "subcomponents", product_pointer)) {
          std::size_t i = 0;
          for (element sub : *subcomponents) {
            const std::string sub_pointer = json_pointer(product_pointer + "/subcomponents", i++);
            std::string_view sub_text;
            object sub_object;
            if (!sub.get_string().get(sub_text)) {
              product.subcomponents.emplace_back(sub_text);
            } else if (auto sub_object_value = json_.as_object(sub, sub_pointer)) {
              if (auto id = json_.string_at(*sub_object_value, "@id", sub_pointer)) {
                product.subcomponents.emplace_back(*id);
              }
            }
          }
        }
      } else {
        json_.error(product_pointer, "a product is a string or an object");
        continue;
      }
      if (product.id.empty()) {
        json_.error(product_pointer, "a product needs '@id'");
        continue;
      }
      out.products.push_back(std::move(product));
    }
    return !out.products.empty();
  }

  JsonReader json_;
  VexParseResult& result_;
  const ParseLimits& limits_;
};

}  // namespace

VexParseResult parse_openvex(std::string_view bytes, std::string_view file,
                             const ParseLimits& limits) {
  VexParseResult result;
  const auto first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && bytes[first] == '{') {
    OpenVexParser(file, result, limits).parse(bytes);
    stamp_vex_evidence(result, bytes, "OpenVEX");
    return result;
  }
  // YAML: read as the JSON it stands for (its plain numbers and booleans typed, as OpenVEX's
  // `version` is a number), located by JSON pointer; the evidence is the YAML as written.
  auto text = yaml_as_json(bytes, file, limits, YamlScalars::typed, result.diagnostics);
  if (!text) return result;
  ParseLimits text_limits = limits;
  text_limits.readable_padding = 0;  // the JSON text is not the caller's padded buffer
  OpenVexParser(file, result, text_limits).parse(*text);
  stamp_vex_evidence(result, bytes, "OpenVEX YAML");
  return result;
}

}  // namespace cradle
