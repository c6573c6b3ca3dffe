// JsonReader: the fully validated simdjson DOM of one JSON input, plus the typed field access
// and diagnostics (with JSON pointers) that the JSON-based format parsers share.
//
// The DOM parse validates every byte of the document, including values no parser reads: a
// malformed document is rejected with its line and column, never half-accepted. Wrong types
// and missing required fields become diagnostics at the field's JSON pointer; the caller goes on.
//
// Threads: a reader is used by one thread; readers on different threads are independent (each
// thread keeps its own spare parser), so a batch of documents may be parsed on every core.
#pragma once

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/json_path.h"
#include "formats/parse_limits.h"
#include "model/diagnostic.h"

namespace cradle {

class JsonReader {
 public:
  JsonReader(std::string_view file, std::vector<Diagnostic>& diagnostics);
  ~JsonReader();
  JsonReader(const JsonReader&) = delete;
  JsonReader& operator=(const JsonReader&) = delete;

  // Parses `bytes`; on malformed input records an error with line:column and returns nullopt.
  std::optional<simdjson::dom::element> parse(std::string_view bytes, const ParseLimits& limits);

  // parse(), then the root as an object (or a diagnostic saying the document is not one).
  std::optional<simdjson::dom::object> parse_object(std::string_view bytes, const ParseLimits& limits) {
    auto root = parse(bytes, limits);
    if (!root) return std::nullopt;
    return as_object(*root, "");
  }

  void error(const JsonPath& at, std::string message);
  void warning(const JsonPath& at, std::string message);

  // A string member: nullopt when absent; a diagnostic when present with another type.
  std::optional<std::string_view> string_at(simdjson::dom::object object, std::string_view key,
                                            const JsonPath& at);
  static bool has(simdjson::dom::object object, std::string_view key) {
    simdjson::dom::element ignored;
    return !object.at_key(key).get(ignored);
  }
  // An array member: nullopt when absent; a diagnostic when present with another type.
  std::optional<simdjson::dom::array> array_at(simdjson::dom::object object, std::string_view key,
                                               const JsonPath& at);
  std::optional<simdjson::dom::object> object_at(simdjson::dom::object object,
                                                 std::string_view key, const JsonPath& at);
  // The element as an object (a string, an array), or a diagnostic at `at` saying what was
  // expected and found.
  std::optional<simdjson::dom::object> as_object(simdjson::dom::element element,
                                                 const JsonPath& at);
  std::optional<std::string_view> as_string(simdjson::dom::element element, const JsonPath& at);
  std::optional<simdjson::dom::array> as_array(simdjson::dom::element element, const JsonPath& at);

  // The same for a member picked out by Members (nullopt when absent).
  std::optional<std::string_view> as_string(const simdjson::dom::element* element,
                                            const JsonPath& at) {
    if (element == nullptr) return std::nullopt;
    return as_string(*element, at);
  }
  std::optional<simdjson::dom::array> as_array(const simdjson::dom::element* element,
                                               const JsonPath& at) {
    if (element == nullptr) return std::nullopt;
    return as_array(*element, at);
  }
  std::optional<simdjson::dom::object> as_object(const simdjson::dom::element* element,
                                                 const JsonPath& at) {
    if (element == nullptr) return std::nullopt;
    return as_object(*element, at);
  }

 private:
  std::string_view file_;
  std::vector<Diagnostic>& diagnostics_;
  // Taken from a per-thread spare on construction and given back on destruction, so that a
  // batch of documents does not allocate (and page in) a DOM's buffers once per document.
  std::unique_ptr<simdjson::dom::parser> parser_;
};

// The members of one object that a parser reads, picked out in a single pass over the object:
// asking at_key() for each of N optional members scans the object N times. `keys` must outlive
// the Members (a static array); a key given twice in the object counts once, first one wins, as
// with at_key().
template <std::size_t N>
class Members {
  static_assert(N <= 64);

 public:
  Members(simdjson::dom::object object, const std::array<std::string_view, N>& keys) {
    for (auto [key, value] : object) {
      for (std::size_t i = 0; i < N; ++i) {
        // Length and first byte first: most keys differ there, without a call to memcmp.
        if (keys[i].size() == key.size() && !key.empty() && keys[i][0] == key[0] &&
            keys[i] == key) {
          if ((found_ & (std::uint64_t{1} << i)) == 0) {
            values_[i] = value;
            found_ |= std::uint64_t{1} << i;
          }
          break;
        }
      }
    }
  }
  // The member with keys[i], or nullptr when absent.
  const simdjson::dom::element* get(std::size_t i) const {
    return (found_ & (std::uint64_t{1} << i)) != 0 ? &values_[i] : nullptr;
  }
  bool has(std::size_t i) const { return get(i) != nullptr; }

 private:
  std::array<simdjson::dom::element, N> values_{};
  std::uint64_t found_ = 0;
};

// "/a/b" + key, escaped per RFC 6901.
std::string json_pointer(std::string_view parent, std::string_view key);
std::string json_pointer(std::string_view parent, std::size_t index);

std::string_view json_type_name(simdjson::dom::element_type type);

}  // namespace cradle
