#include "versions/apk_version.h"

#include <array>

#include "versions/version_text.h"

namespace cradle {
namespace {

using Token = ApkVersion::Token;

constexpr std::array<std::string_view, 4> kPreSuffixes{"alpha", "beta", "pre", "rc"};
constexpr std::array<std::string_view, 5> kPostSuffixes{"cvs", "svn", "git", "hg", "p"};

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// The kind of the token that starts at `pos` after a token of kind `current`, consuming the
// separator; nullopt when the text breaks the grammar.
std::optional<Token> next_token(Token current, std::string_view text, std::size_t& pos) {
  const char c = text[pos];
  std::optional<Token> next;
  if ((current == Token::digit || current == Token::digit_or_zero) && is_lower(c)) {
    next = Token::letter;
  } else if (current == Token::letter && is_ascii_digit(c)) {
    next = Token::digit;
  } else if (current == Token::suffix && is_ascii_digit(c)) {
    next = Token::suffix_number;
  } else {
    if (c == '.') {
      next = Token::digit_or_zero;
    } else if (c == '_') {
      next = Token::suffix;
    } else if (c == '-' && pos + 1 < text.size() && text[pos + 1] == 'r') {
      next = Token::revision;
      ++pos;
    }
    ++pos;
  }
  // Kinds only move forward, except: digits after a dot, a letter or a suffix number may repeat.
  if (next && *next < current) {
    const bool allowed = (*next == Token::digit_or_zero && current == Token::digit) ||
                         (*next == Token::suffix && current == Token::suffix_number) ||
                         (*next == Token::digit && current == Token::letter);
    if (!allowed) next.reset();
  }
  return next;
}

}  // namespace

std::expected<ApkVersion, Error> parse_apk_version(std::string_view text) {
  if (text.empty()) return std::unexpected(version_error("empty version", 0));
  ApkVersion version;
  version.text = std::string(text);
  Token token = Token::digit;
  std::size_t pos = 0;
  while (true) {
    const std::size_t start = pos;
    std::int64_t value = 0;
    std::optional<Token> following;
    switch (token) {
      case Token::digit_or_zero:
        if (text[pos] == '0') {
          // Leading zeros after a dot: the more zeros, the lower, and a number token follows,
          // empty when no digit does (1.01 -> 1, -1, 1; 1.0.1 -> 1, -1, 0, 1). As in apk-tools,
          // this empty number puts 1.0_rc1 above 1.0 (but 1.1_rc1 below 1.1).
          while (pos < text.size() && text[pos] == '0') ++pos;
          value = -static_cast<std::int64_t>(pos - start);
          following = Token::digit;
          break;
        }
        [[fallthrough]];
      case Token::digit:
      case Token::suffix_number:
      case Token::revision: {
        while (pos < text.size() && is_ascii_digit(text[pos])) ++pos;
        if (pos - start > 18) return std::unexpected(version_error("number too large", start));
        auto number = parse_decimal(text.substr(start, pos - start), true);
        value = number ? static_cast<std::int64_t>(*number) : 0;
        break;
      }
      case Token::letter:
        value = static_cast<unsigned char>(text[pos++]);
        break;
      case Token::suffix: {
        std::string_view rest = text.substr(pos);
        bool found = false;
        for (std::size_t i = 0; i < kPreSuffixes.size() && !found; ++i) {
          if (rest.starts_with(kPreSuffixes[i])) {
            value = static_cast<std::int64_t>(i) - static_cast<std::int64_t>(kPreSuffixes.size());
            pos += kPreSuffixes[i].size();
            found = true;
          }
        }
        for (std::size_t i = 0; i < kPostSuffixes.size() && !found; ++i) {
          if (rest.starts_with(kPostSuffixes[i])) {
            value = static_cast<std::int64_t>(i);
            pos += kPostSuffixes[i].size();
            found = true;
          }
        }
        if (!found) return std::unexpected(version_error("unknown suffix after '_'", start));
        break;
      }
      case Token::end:
        break;
    }
    version.parts.push_back({token, value});
    if (pos >= text.size()) break;
    if (following) {
      token = *following;
      continue;
    }
    const std::size_t at = pos;
    auto next = next_token(token, text, pos);
    if (!next) return std::unexpected(version_error("unexpected character in an apk version", at));
    if (pos == text.size()) {
      // A trailing separator ("1.", "1.0-r"): apk-tools reads an empty token worth 0. A bare
      // '_' names no suffix; apk-tools lets it through, we refuse it.
      if (*next == Token::suffix) return std::unexpected(version_error("'_' without a suffix", at));
      version.parts.push_back({*next, 0});
      break;
    }
    token = *next;
  }
  return version;
}

std::strong_ordering compare(const ApkVersion& a, const ApkVersion& b) {
  // apk_version_compare: walk both token lists while kinds and values agree.
  auto kind = [](const ApkVersion& v, std::size_t i) {
    return i < v.parts.size() ? v.parts[i].token : Token::end;
  };
  std::size_t i = 0;
  std::int64_t av = 0;
  std::int64_t bv = 0;
  Token at = Token::digit;
  Token bt = Token::digit;
  while (at == bt && at != Token::end && av == bv) {
    av = a.parts[i].value;
    bv = b.parts[i].value;
    ++i;
    at = kind(a, i);
    bt = kind(b, i);
  }
  if (av != bv) return av <=> bv;
  if (at == bt) return std::strong_ordering::equal;
  // Equal so far: the longer one is greater, unless what follows is a pre-release suffix.
  if (at == Token::suffix && a.parts[i].value < 0) return std::strong_ordering::less;
  if (bt == Token::suffix && b.parts[i].value < 0) return std::strong_ordering::greater;
  return at > bt ? std::strong_ordering::less : std::strong_ordering::greater;
}

}  // namespace cradle
