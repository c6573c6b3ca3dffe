#include "versions/composer_version.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "versions/version_text.h"

namespace cradle {
namespace {

std::string_view trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\n\r\v\f");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t\n\r\v\f");
  return text.substr(begin, end + 1 - begin);
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_lower(text[i]) != ascii_lower(prefix[i])) return false;
  }
  return true;
}

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         starts_with_ignoring_case(text.substr(text.size() - suffix.size()), suffix);
}

// Composer's stability modifier: [._-]?(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*)?
// ([.-]?dev)?, matched at `pos` through the end. Returns the text Composer appends.
std::optional<std::string> modifier(std::string_view text) {
  std::size_t pos = 0;
  if (pos < text.size() && (text[pos] == '.' || text[pos] == '_' || text[pos] == '-')) ++pos;
  std::string out;
  // The longest stability word that matches, in the regex's alternation order.
  static constexpr std::array<std::string_view, 9> kWords{"stable", "beta", "b",  "rc", "alpha",
                                                          "a",      "patch", "pl", "p"};
  std::string_view word;
  for (std::string_view candidate : kWords) {
    if (starts_with_ignoring_case(text.substr(pos), candidate)) {
      word = candidate;
      break;
    }
  }
  bool stable = false;
  if (!word.empty()) {
    pos += word.size();
    // ((?:[.-]?\d+)*)
    std::size_t numbers_start = pos;
    while (true) {
      std::size_t probe = pos;
      if (probe < text.size() && (text[probe] == '.' || text[probe] == '-')) ++probe;
      std::size_t digits = probe;
      while (digits < text.size() && is_ascii_digit(text[digits])) ++digits;
      if (digits == probe) break;
      pos = digits;
    }
    std::string_view numbers = text.substr(numbers_start, pos - numbers_start);
    stable = word == "stable";
    if (!stable) {
      std::string expanded(word);
      if (word == "a") expanded = "alpha";
      if (word == "b") expanded = "beta";
      if (word == "p" || word == "pl") expanded = "patch";
      if (word == "rc") expanded = "RC";
      while (!numbers.empty() && (numbers.front() == '.' || numbers.front() == '-')) {
        numbers.remove_prefix(1);
      }
      out = "-" + expanded + std::string(numbers);
    }
  } else {
    pos = 0;  // no word: the optional separator belongs to "-dev"
  }
  // ([.-]?dev)?
  std::string_view rest = text.substr(pos);
  if (!rest.empty()) {
    if (rest.front() == '.' || rest.front() == '-') rest.remove_prefix(1);
    if (rest.size() != 3 || !starts_with_ignoring_case(rest, "dev")) return std::nullopt;
    if (stable) return std::string();  // Composer returns the bare version for "stable"
    out += "-dev";
  }
  return out;
}

// The digit runs of classical versioning: v?(\d{1,5})(\.\d+)?(\.\d+)?(\.\d+)?, the rest after.
std::optional<std::string> classical(std::string_view version) {
  std::size_t pos = 0;
  if (pos < version.size() && (version[pos] == 'v' || version[pos] == 'V')) ++pos;
  std::size_t start = pos;
  while (pos < version.size() && is_ascii_digit(version[pos])) ++pos;
  if (pos == start || pos - start > 5) return std::nullopt;
  std::string out(version.substr(start, pos - start));
  int parts = 1;
  while (parts < 4 && pos + 1 < version.size() && version[pos] == '.' &&
         is_ascii_digit(version[pos + 1])) {
    std::size_t part_start = ++pos;
    while (pos < version.size() && is_ascii_digit(version[pos])) ++pos;
    out += "." + std::string(version.substr(part_start, pos - part_start));
    ++parts;
  }
  for (; parts < 4; ++parts) out += ".0";
  auto suffix = modifier(version.substr(pos));
  if (!suffix) return std::nullopt;
  return out + *suffix;
}

// Date versioning: v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){0,2}), non-digits become '.'.
std::optional<std::string> date_based(std::string_view version) {
  std::size_t pos = 0;
  if (pos < version.size() && (version[pos] == 'v' || version[pos] == 'V')) ++pos;
  const std::size_t start = pos;
  std::size_t end = pos;
  while (end < version.size() &&
         (is_ascii_digit(version[end]) || version[end] == '.' || version[end] == ':' ||
          version[end] == '-')) {
    ++end;
  }
  // Try the longest date prefix that leaves a valid modifier.
  for (std::size_t cut = end; cut > start + 5; --cut) {
    std::string_view date = version.substr(start, cut - start);
    if (date.size() < 6 || !std::all_of(date.begin(), date.begin() + 4, is_ascii_digit)) continue;
    // \d{4}, then 1-6 groups of [.:-]?\d{2}, then 0-2 groups of [.:-]?\d{1,3}.
    std::size_t i = 4;
    int two_digit_groups = 0;
    auto group = [&](std::size_t min_digits, std::size_t max_digits) {
      std::size_t j = i;
      if (j < date.size() && (date[j] == '.' || date[j] == ':' || date[j] == '-')) ++j;
      std::size_t digits = j;
      while (digits < date.size() && digits - j < max_digits && is_ascii_digit(date[digits])) ++digits;
      if (digits - j < min_digits) return false;
      i = digits;
      return true;
    };
    while (two_digit_groups < 6 && group(2, 2)) ++two_digit_groups;
    if (two_digit_groups == 0) continue;
    int short_groups = 0;
    while (short_groups < 2 && group(1, 3)) ++short_groups;
    if (i != date.size()) continue;
    auto suffix = modifier(version.substr(cut));
    if (!suffix) continue;
    std::string out(date);
    std::ranges::replace_if(out, [](char c) { return !is_ascii_digit(c); }, '.');
    return out + *suffix;
  }
  return std::nullopt;
}

// Composer's normalizeBranch for numeric branches: 1.0.x -> 1.0.9999999.9999999-dev.
std::optional<std::string> numeric_branch(std::string_view name) {
  std::size_t pos = 0;
  if (pos < name.size() && (name[pos] == 'v' || name[pos] == 'V')) ++pos;
  std::size_t start = pos;
  while (pos < name.size() && is_ascii_digit(name[pos])) ++pos;
  if (pos == start) return std::nullopt;
  std::string out(name.substr(start, pos - start));
  int parts = 1;
  while (pos < name.size() && parts < 4) {
    if (name[pos] != '.' || pos + 1 >= name.size()) return std::nullopt;
    ++pos;
    if (name[pos] == 'x' || name[pos] == 'X' || name[pos] == '*') {
      out += ".9999999";
      ++pos;
    } else {
      std::size_t part_start = pos;
      while (pos < name.size() && is_ascii_digit(name[pos])) ++pos;
      if (pos == part_start) return std::nullopt;
      out += "." + std::string(name.substr(part_start, pos - part_start));
    }
    ++parts;
  }
  if (pos != name.size()) return std::nullopt;
  for (; parts < 4; ++parts) out += ".9999999";
  return out + "-dev";
}

// PHP's special forms; anything else ranks below "dev".
int special_rank(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, int>, 10> kForms{{
      {"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2},
      {"RC", 3}, {"rc", 3}, {"#", 4}, {"pl", 5}, {"p", 5}}};
  for (const auto& [name, rank] : kForms) {
    if (word.starts_with(name)) return rank;  // PHP compares a prefix (strncmp)
  }
  return -6;
}

}  // namespace

std::expected<ComposerVersion, Error> parse_composer_version(std::string_view raw) {
  std::string_view version = trim(raw);
  if (version.empty()) return std::unexpected(version_error("empty version", 0));
  // Build metadata is dropped; a named branch has no order.
  if (starts_with_ignoring_case(version, "dev-") || version == "master" || version == "trunk" ||
      version == "default") {
    return std::unexpected(version_error(
        "a named branch (dev-...) has no version order in Composer", 0));
  }
  if (auto plus = version.find('+'); plus != std::string_view::npos) version = version.substr(0, plus);

  std::optional<std::string> normalized = classical(version);
  if (!normalized) normalized = date_based(version);
  if (!normalized && ends_with_ignoring_case(version, "dev")) {
    std::string_view name = version.substr(0, version.size() - 3);
    if (!name.empty() && (name.back() == '.' || name.back() == '-')) name.remove_suffix(1);
    normalized = numeric_branch(name);
  }
  if (!normalized) {
    return std::unexpected(version_error(fmt::format("'{}' is not a Composer version", version), 0));
  }

  ComposerVersion result;
  result.normalized = *normalized;
  // PHP's canonical form: '-', '_', '+' and other non-alphanumerics separate; so do changes
  // between digits and non-digits.
  const std::string& text = result.normalized;
  for (std::size_t i = 0; i < text.size();) {
    if (!is_ascii_alnum(text[i])) {
      ++i;
      continue;
    }
    const bool digits = is_ascii_digit(text[i]);
    std::size_t end = i;
    while (end < text.size() && is_ascii_alnum(text[end]) && is_ascii_digit(text[end]) == digits) ++end;
    std::string_view run = std::string_view(text).substr(i, end - i);
    ComposerVersion::Part part;
    part.numeric = digits;
    if (digits) {
      auto number = parse_decimal(run, true);
      if (!number) return std::unexpected(version_error("number too large", i));
      part.number = *number;
    } else {
      part.rank = special_rank(run);
    }
    result.parts.push_back(part);
    i = end;
  }
  return result;
}

std::strong_ordering compare(const ComposerVersion& a, const ComposerVersion& b) {
  // php_version_compare: a number meets a word as the special form "#" (rank 4).
  auto rank = [](const ComposerVersion::Part& part) { return part.numeric ? 4 : part.rank; };
  const std::size_t n = std::min(a.parts.size(), b.parts.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto& x = a.parts[i];
    const auto& y = b.parts[i];
    if (x.numeric && y.numeric) {
      if (auto c = x.number <=> y.number; c != 0) return c;
    } else if (auto c = rank(x) <=> rank(y); c != 0) {
      return c;
    }
  }
  // One ran out: a remaining number makes the longer one greater; a remaining word compares
  // with "#" (so 1.0 > 1.0-beta, 1.0 < 1.0-patch1).
  if (a.parts.size() > n) {
    return a.parts[n].numeric ? std::strong_ordering::greater : rank(a.parts[n]) <=> 4;
  }
  if (b.parts.size() > n) {
    return b.parts[n].numeric ? std::strong_ordering::less : 4 <=> rank(b.parts[n]);
  }
  return std::strong_ordering::equal;
}

}  // namespace cradle
