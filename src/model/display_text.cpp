#include "model/display_text.h"

namespace cradle {
namespace {

// The length of the control character that starts `text` at `i` (0 when there is none): one
// byte for C0 and DEL, two for C1 (U+0080 to U+009F), two or three for the bidi controls.
std::size_t control_at(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t at) -> unsigned {
    return at < text.size() ? static_cast<unsigned char>(text[at]) : 0u;
  };
  const unsigned c = byte(i);
  if (c < 0x20 || c == 0x7f) return 1;
  if (c == 0xc2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9f) return 2;
  if (c == 0xd8 && byte(i + 1) == 0x9c) return 2;  // U+061C ARABIC LETTER MARK
  if (c == 0xe2 && byte(i + 1) == 0x80) {
    const unsigned third = byte(i + 2);
    if (third == 0x8e || third == 0x8f || (third >= 0xaa && third <= 0xae)) return 3;
  }
  if (c == 0xe2 && byte(i + 1) == 0x81 && byte(i + 2) >= 0xa6 && byte(i + 2) <= 0xa9) return 3;
  return 0;
}

// The code point of a control of `length` bytes at `i`.
unsigned code_point(std::string_view text, std::size_t i, std::size_t length) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  if (length == 1) return byte(i);
  if (length == 2) return ((byte(i) & 0x1fu) << 6) | (byte(i + 1) & 0x3fu);
  return ((byte(i) & 0x0fu) << 12) | ((byte(i + 1) & 0x3fu) << 6) | (byte(i + 2) & 0x3fu);
}

}  // namespace

void append_shown(std::string& out, std::string_view text, bool keep_newlines) {
  std::size_t plain = 0;  // the start of the run of ordinary text not appended yet
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = control_at(text, i);
    if (length == 0 || (keep_newlines && text[i] == '\n')) {
      ++i;
      continue;
    }
    out.append(text.substr(plain, i - plain));
    const unsigned point = code_point(text, i, length);
    switch (point) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case 0x1b: out += "\\e"; break;
      default:
        out += point < 0x100 ? fmt::format("\\x{:02x}", point) : fmt::format("\\u{{{:04x}}}", point);
    }
    i += length;
    plain = i;
  }
  out.append(text.substr(plain));
}

bool has_controls(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (control_at(text, i) > 0) return true;
  }
  return false;
}

std::string shown(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_shown(out, text);
  return out;
}

std::string shown_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_shown(out, text, true);
  return out;
}

void append_shown_clipped(std::string& out, std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) {
    append_shown(out, text);
    return;
  }
  std::size_t cut = max_bytes;
  // Not inside a UTF-8 sequence: back to the byte that starts a character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  append_shown(out, text.substr(0, cut));
  out += fmt::format(" ... ({} more bytes)", text.size() - cut);
}

}  // namespace cradle
