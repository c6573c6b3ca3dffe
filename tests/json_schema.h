// Validating a JSON document against a JSON Schema file with valijson, $refs to sibling files
// resolved by name: the check every test of an output against its published schema uses.
#pragma once

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "shared_data.h"

namespace cradle::testing {

// Each violation as "<where>: <what>"; empty when the document is valid.
inline std::vector<std::string> schema_errors(const std::filesystem::path& schema_file,
                                              const nlohmann::json& document) {
  std::map<std::string, std::unique_ptr<nlohmann::json>> loaded;
  auto fetch = [&](const std::string& uri) -> const nlohmann::json* {
    const std::string name = std::filesystem::path(uri.substr(0, uri.find('#'))).filename().string();
    auto& slot = loaded[name];
    if (!slot) slot = std::make_unique<nlohmann::json>(nlohmann::json::parse(read_file(schema_file.parent_path() / name)));
    return slot.get();
  };
  const nlohmann::json schema_document = nlohmann::json::parse(read_file(schema_file));
  valijson::Schema schema;
  valijson::SchemaParser parser;
  valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_document);
  parser.populateSchema(schema_adapter, schema, std::function<const nlohmann::json*(const std::string&)>(fetch),
                        std::function<void(const nlohmann::json*)>([](const nlohmann::json*) {}));
  valijson::Validator validator;
  valijson::adapters::NlohmannJsonAdapter target(document);
  valijson::ValidationResults results;
  std::vector<std::string> errors;
  if (!validator.validate(schema, target, &results)) {
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
      std::string where;
      for (const std::string& part : error.context) where += part;
      errors.push_back(where + ": " + error.description);
    }
  }
  return errors;
}

}  // namespace cradle::testing
