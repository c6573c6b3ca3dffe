// OnDemandReader: one JSON input read with simdjson On-Demand, for the parsers of large
// documents: no DOM is built, the values a parser asks for are read in document order, straight
// into its records, and strings without escapes are views of the input bytes.
//
// On-Demand checks only what is read, so the reader validates every value a parser does not
// read (skip()): a malformed document is still rejected whole, with its line and column, as the
// DOM-based JsonReader rejects it. Wrong types are diagnostics at the value's JSON pointer and
// the parse goes on; a syntax error stops it (ok() turns false) and finish() reports it.
//
// Views returned by the reader are valid while the reader lives and the input is unchanged.
//
// Threads: as JsonReader: one thread per reader, readers on different threads independent.
#pragma once

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "formats/json_path.h"
#include "formats/parse_limits.h"
#include "model/diagnostic.h"

namespace cradle {

class OnDemandReader {
 public:
  OnDemandReader(std::string_view file, std::vector<Diagnostic>& diagnostics);
  ~OnDemandReader();
  OnDemandReader(const OnDemandReader&) = delete;
  OnDemandReader& operator=(const OnDemandReader&) = delete;

  // Indexes `bytes` and returns the root object; nullopt, with an error, when the input cannot
  // be indexed (too large, invalid UTF-8, an unclosed string) or its root is not an object.
  std::optional<simdjson::ondemand::object> root_object(std::string_view bytes,
                                                        const ParseLimits& limits);
  // The root object again, from its first member: a second pass over the same index.
  std::optional<simdjson::ondemand::object> rewind_root();

  // False, and the parse failed, when `code` is an error: the first one is kept for finish().
  bool ok(simdjson::error_code code) {
    if (code == simdjson::SUCCESS) return true;
    if (failure_ == simdjson::SUCCESS) failure_ = code;
    return false;
  }
  bool failed() const { return failure_ != simdjson::SUCCESS; }
  // Checks that nothing follows the root; on a syntax error met anywhere, records it with its
  // line and column, in place of what was said about the document's content. Returns whether
  // the document was well-formed.
  bool finish();

  // The field's key, unescaped; nullopt after a syntax error.
  std::optional<std::string_view> key(simdjson::ondemand::field& field);

  // A value of the expected type, or nullopt: a diagnostic at `at` saying what was expected and
  // found (the value is then validated and skipped), or a syntax error.
  std::optional<std::string_view> as_string(simdjson::ondemand::value& value, const JsonPath& at);
  std::optional<simdjson::ondemand::object> as_object(simdjson::ondemand::value& value,
                                                      const JsonPath& at);
  std::optional<simdjson::ondemand::array> as_array(simdjson::ondemand::value& value,
                                                    const JsonPath& at);
  std::optional<bool> as_bool(simdjson::ondemand::value& value, const JsonPath& at);
  // An integer, or nullopt without a diagnostic when the value is anything else.
  std::optional<std::int64_t> if_int64(simdjson::ondemand::value& value);

  // Validates a value no parser reads: every string, number and literal in it.
  void skip(simdjson::ondemand::value& value);

  // Calls visit(key, value) for each member of `object` in document order, until a syntax
  // error. `visit` reads or skip()s the value; a `visit` that returns bool stops the walk by
  // returning false (the members after it are then neither read nor validated).
  template <class Visit>
  void for_each_member(simdjson::ondemand::object& object, Visit&& visit) {
    for (auto item : object) {
      if (failed()) return;
      simdjson::ondemand::field field;
      if (!ok(std::move(item).get(field))) return;
      auto name = key(field);
      if (!name) return;
      simdjson::ondemand::value& member = field.value();
      if constexpr (std::is_same_v<decltype(visit(*name, member)), bool>) {
        if (!visit(*name, member)) return;
      } else {
        visit(*name, member);
      }
    }
  }
  // Calls visit(index, value) for each element of `array`, until a syntax error.
  template <class Visit>
  void for_each_element(simdjson::ondemand::array& array, Visit&& visit) {
    std::size_t index = 0;
    for (auto item : array) {
      if (failed()) return;
      simdjson::ondemand::value value;
      if (!ok(std::move(item).get(value))) return;
      visit(index++, value);
    }
  }

  void error(const JsonPath& at, std::string message);
  void warning(const JsonPath& at, std::string message);

  // The 1-based line where `value` starts, before it is read; 0 when it cannot tell. Cheap for
  // values asked in document order (it counts newlines from the last one asked).
  std::uint32_t line_of(simdjson::ondemand::value& value);

 private:
  bool is_type(simdjson::ondemand::value& value, simdjson::ondemand::json_type expected,
               std::string_view expected_name, const JsonPath& at);

  std::string_view file_;
  std::vector<Diagnostic>& diagnostics_;
  std::string_view bytes_;  // as the caller gave them
  std::size_t max_depth_ = 0;
  std::size_t first_diagnostic_ = 0;  // the first one about this document
  simdjson::padded_string copy_;  // the input, when the caller's buffer has no padding
  std::unique_ptr<simdjson::ondemand::parser> parser_;
  simdjson::ondemand::document document_;
  simdjson::error_code failure_ = simdjson::SUCCESS;
  const char* input_ = nullptr;  // the bytes simdjson iterates: bytes_ or copy_
  std::size_t line_offset_ = 0;  // line_of()'s last answer: an offset and its line
  std::uint32_t line_ = 1;
};

// The keys of one object that a parser reads, each claimed once: a key given twice counts once,
// the first wins (as with JsonReader's Members); the repeat is skipped. `keys` must outlive it.
template <std::size_t N>
class MemberKeys {
  static_assert(N <= 64);

 public:
  explicit MemberKeys(const std::array<std::string_view, N>& keys) : keys_(keys) {}
  // The index of `key` among the keys, or N when it is none of them or was claimed before.
  std::size_t claim(std::string_view key) {
    for (std::size_t i = 0; i < N; ++i) {
      // Length and first byte first: most keys differ there, without a call to memcmp.
      if (keys_[i].size() == key.size() && !key.empty() && keys_[i][0] == key[0] &&
          keys_[i] == key) {
        const std::uint64_t bit = std::uint64_t{1} << i;
        if ((claimed_ & bit) != 0) return N;
        claimed_ |= bit;
        return i;
      }
    }
    return N;
  }
  bool claimed(std::size_t i) const { return (claimed_ & (std::uint64_t{1} << i)) != 0; }

 private:
  const std::array<std::string_view, N>& keys_;
  std::uint64_t claimed_ = 0;
};

// Reads a string value: in place when it has no escapes, else unescaped into the parser's
// buffer (and its escapes checked).
simdjson::error_code read_json_string(simdjson::ondemand::value& value, std::string_view& text);

// Reads a field's key: in place when it has no escapes, else unescaped (and checked).
simdjson::error_code read_json_key(simdjson::ondemand::field& field, std::string_view& key);

// Walks a value with On-Demand, reading every atom: the first syntax error in it (DEPTH_ERROR
// where arrays and objects nest deeper than `max_depth`), or SUCCESS.
simdjson::error_code validate_json_value(simdjson::ondemand::value value, std::size_t max_depth);

// The error diagnostic for a document simdjson rejected with `code`: invalid UTF-8 where it is,
// else the first syntax error with its line and column (found by walking the document again).
Diagnostic json_syntax_error(std::string_view bytes, simdjson::error_code code,
                             std::size_t max_depth, std::string_view file);

std::string_view json_type_name(simdjson::ondemand::json_type type);

}  // namespace cradle
