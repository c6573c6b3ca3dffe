// JsonReader: the fully validated simdjson DOM of one JSON input, plus the typed field access
// and diagnostics (with JSON pointers) that the JSON-based format parsers share.
//
// The DOM parse validates every byte of the document, including values no parser reads: a
// malformed document is rejected with its line and column, never half-accepted. Wrong types
// and missing required fields become diagnostics at the field's JSON pointer; the caller goes on.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parse_limits.h"
#include "model/diagnostic.h"

namespace cradle {

class JsonReader {
 public:
  JsonReader(std::string_view file, std::vector<Diagnostic>& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  // Parses `bytes`; on malformed input records an error with line:column and returns nullopt.
  std::optional<simdjson::dom::element> parse(std::string_view bytes, const ParseLimits& limits);

  // parse(), then the root as an object (or a diagnostic saying the document is not one).
  std::optional<simdjson::dom::object> parse_object(std::string_view bytes, const ParseLimits& limits) {
    auto root = parse(bytes, limits);
    if (!root) return std::nullopt;
    return as_object(*root, "");
  }

  void error(std::string_view pointer, std::string message);
  void warning(std::string_view pointer, std::string message);

  // A string member: nullopt when absent; a diagnostic when present with another type.
  std::optional<std::string_view> string_at(simdjson::dom::object object, std::string_view key,
                                            std::string_view pointer);
  static bool has(simdjson::dom::object object, std::string_view key) {
    simdjson::dom::element ignored;
    return !object.at_key(key).get(ignored);
  }
  // An array member: nullopt when absent; a diagnostic when present with another type.
  std::optional<simdjson::dom::array> array_at(simdjson::dom::object object, std::string_view key,
                                               std::string_view pointer);
  std::optional<simdjson::dom::object> object_at(simdjson::dom::object object,
                                                 std::string_view key, std::string_view pointer);
  // The element as an object, or a diagnostic naming `what` was expected at `pointer`.
  std::optional<simdjson::dom::object> as_object(simdjson::dom::element element,
                                                 std::string_view pointer);
  std::optional<std::string_view> as_string(simdjson::dom::element element,
                                            std::string_view pointer);

 private:
  std::string_view file_;
  std::vector<Diagnostic>& diagnostics_;
  simdjson::dom::parser parser_;
};

// "/a/b" + key, escaped per RFC 6901.
std::string json_pointer(std::string_view parent, std::string_view key);
std::string json_pointer(std::string_view parent, std::size_t index);

std::string_view json_type_name(simdjson::dom::element_type type);

}  // namespace cradle
