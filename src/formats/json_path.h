// JsonPath: where a value is in a JSON document, kept as a chain of keys and array indexes on
// the parser's stack and rendered as a JSON pointer (RFC 6901) only when something needs the
// text, typically a diagnostic. Parsers pass one per value they descend into; building one costs
// no allocation, so a document of a million values does not format a million pointers to report
// none of them.
//
// A path refers to its parent and to the key it was given, without owning them: keep the parent
// path and the key text alive as long as the child (parent paths are the callers' locals; keys
// are literals or strings of the parsed document).
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cradle {

class JsonPath {
 public:
  // A path given as pointer text, e.g. "" (the root) or "/metadata".
  JsonPath(std::string_view pointer) : text_(pointer) {}    // NOLINT: implicit by design
  JsonPath(const char* pointer) : text_(pointer) {}         // NOLINT
  JsonPath(const std::string& pointer) : text_(pointer) {}  // NOLINT
  JsonPath(const JsonPath& parent, std::string_view key)
      : parent_(&parent), text_(key), kind_(Kind::key) {}
  JsonPath(const JsonPath& parent, std::size_t index)
      : parent_(&parent), index_(index), kind_(Kind::index) {}

  // The JSON pointer, with '~' and '/' in keys escaped.
  std::string pointer() const;
  void append_to(std::string& out) const;

 private:
  enum class Kind { text, key, index };
  const JsonPath* parent_ = nullptr;
  std::string_view text_;  // Kind::text: the pointer; Kind::key: the unescaped key
  std::size_t index_ = 0;
  Kind kind_ = Kind::text;
};

}  // namespace cradle
