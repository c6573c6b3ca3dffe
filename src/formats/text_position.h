// Text positions for diagnostics: byte offsets turned into 1-based line and column, and the
// place where a text stops being valid UTF-8.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"

namespace cradle {

// Line and column (in bytes, 1-based) of `offset` in `text`; offsets past the end clamp.
SourceLocation position_at(std::string_view text, std::size_t offset);

// Line starts of a text, for many offset -> line:column look-ups in O(log lines) each.
class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);
  SourceLocation position(std::size_t offset) const;

 private:
  std::vector<std::size_t> line_starts_;
};

// Offset of the first byte that is not part of valid UTF-8, or nullopt when all of it is.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// The UTF-8 byte-order mark some editors put first. JSON text must not start with one (RFC 8259,
// section 8.1) but parsers may ignore it: the JSON readers do, with a warning; YAML and XML
// parsers read it themselves.
inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";
inline constexpr std::string_view kByteOrderMarkWarning =
    "the file starts with a UTF-8 byte-order mark, which JSON text must not have (RFC 8259, 8.1); "
    "read without it";

}  // namespace cradle
