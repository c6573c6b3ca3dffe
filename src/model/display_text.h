// Text from documents made fit for a terminal. A name, a purl or a summary in an SBOM or an
// advisory may hold control characters: ESC and OSC sequences that clear the screen, set the
// window title or plant hyperlinks, a carriage return or newline that forges a whole line, bidi
// overrides that show text in another order than it is. Every table and diagnostic cradle prints
// shows them escaped instead, as C would write them (`\e`, `\r`, `\n`, `\x07`, `\u{202e}`); the
// JSON, SARIF and VEX outputs escape them as their formats do.
//
// Threads: plain functions of their arguments.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace cradle {

// Appends `text` to `out` with every control character escaped: C0 (newlines too unless
// `keep_newlines`), DEL, C1, and the bidi controls (U+061C, U+200E, U+200F, U+202A to U+202E,
// U+2066 to U+2069).
void append_shown(std::string& out, std::string_view text, bool keep_newlines = false);

// Whether `text` holds a control character append_shown() escapes (newlines included).
bool has_controls(std::string_view text);

// One field, every control escaped.
std::string shown(std::string_view text);
// A whole text of lines (a table), every control but the newline escaped.
std::string shown_lines(std::string_view text);

// Appends at most `max_bytes` of `text` escaped (cut at a character boundary), then, when it was
// cut, " ... (N more bytes)": for values a diagnostic echoes, which may be as long as the input.
void append_shown_clipped(std::string& out, std::string_view text, std::size_t max_bytes);

// A field written escaped by fmt: fmt::format("{}", Shown{name}).
struct Shown {
  std::string_view text;
};

}  // namespace cradle

template <>
struct fmt::formatter<cradle::Shown> : fmt::formatter<std::string_view> {
  auto format(const cradle::Shown& field, format_context& context) const {
    if (!cradle::has_controls(field.text)) {
      return fmt::formatter<std::string_view>::format(field.text, context);
    }
    return fmt::formatter<std::string_view>::format(cradle::shown(field.text), context);
  }
};
