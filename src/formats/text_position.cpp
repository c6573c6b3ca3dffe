#include "formats/text_position.h"

#include <simdjson.h>

#include <algorithm>

namespace cradle {

SourceLocation position_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::string_view before = text.substr(0, offset);
  auto line = std::ranges::count(before, '\n') + 1;
  auto line_start = before.rfind('\n');
  std::size_t column = line_start == std::string_view::npos ? offset + 1 : offset - line_start;
  return SourceLocation{static_cast<int>(line), static_cast<int>(column), {}};
}

LineIndex::LineIndex(std::string_view text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SourceLocation LineIndex::position(std::size_t offset) const {
  if (line_starts_.empty()) return SourceLocation{1, static_cast<int>(offset) + 1, {}};
  auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::size_t>(next - line_starts_.begin());  // 1-based
  return SourceLocation{static_cast<int>(line),
                        static_cast<int>(offset - line_starts_[line - 1]) + 1, {}};
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  if (simdjson::validate_utf8(text.data(), text.size())) return std::nullopt;
  // The shortest invalid prefix ends within the first bad character; a prefix that merely
  // cuts a valid multi-byte character short is invalid too, so step back to its lead byte.
  std::size_t low = 0;
  std::size_t high = text.size();  // invalid
  while (high - low > 1) {
    std::size_t mid = low + (high - low) / 2;
    if (simdjson::validate_utf8(text.data(), mid)) {
      low = mid;
    } else {
      high = mid;
    }
  }
  std::size_t at = high - 1;
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80 && high - at < 4) --at;
  return at;
}

}  // namespace cradle
