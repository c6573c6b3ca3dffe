#include "versions/dpkg_version.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "versions/version_text.h"

namespace cradle {
namespace {

// The weight of one character of a non-digit run; the end of the string weighs 0.
int order(char c) {
  if (is_ascii_digit(c)) return 0;
  if (is_ascii_alpha(c)) return static_cast<unsigned char>(c);
  if (c == '~') return -1;
  return static_cast<unsigned char>(c) + 256;
}

std::strong_ordering compare_part(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  auto at = [](std::string_view s, std::size_t k) { return k < s.size() ? s[k] : '\0'; };
  while (i < a.size() || j < b.size()) {
    // A run of non-digits, character by character ('\0' past the end weighs 0).
    while ((i < a.size() && !is_ascii_digit(a[i])) || (j < b.size() && !is_ascii_digit(b[j]))) {
      int x = i < a.size() ? order(a[i]) : 0;
      int y = j < b.size() ? order(b[j]) : 0;
      if (x != y) return x <=> y;
      ++i;
      ++j;
    }
    // A run of digits, numerically: skip leading zeros, then the longer run is larger, else
    // the first differing digit decides.
    while (at(a, i) == '0') ++i;
    while (at(b, j) == '0') ++j;
    int first_difference = 0;
    while (is_ascii_digit(at(a, i)) && is_ascii_digit(at(b, j))) {
      if (first_difference == 0) first_difference = a[i] - b[j];
      ++i;
      ++j;
    }
    if (is_ascii_digit(at(a, i))) return std::strong_ordering::greater;
    if (is_ascii_digit(at(b, j))) return std::strong_ordering::less;
    if (first_difference != 0) return first_difference <=> 0;
  }
  return std::strong_ordering::equal;
}

}  // namespace

std::expected<DpkgVersion, Error> parse_dpkg_version(std::string_view text) {
  if (text.empty()) return std::unexpected(version_error("empty version", 0));
  if (auto space = text.find_first_of(" \t\n\r"); space != std::string_view::npos) {
    return std::unexpected(version_error("a version contains no whitespace", space));
  }
  DpkgVersion version;
  std::size_t upstream_start = 0;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    std::string_view epoch = text.substr(0, colon);
    if (epoch.empty()) return std::unexpected(version_error("empty epoch before ':'", 0));
    auto number = parse_decimal(epoch, /*allow_leading_zero=*/true);
    if (!number) return std::unexpected(version_error("the epoch is not a number", 0));
    if (*number > static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max())) {
      return std::unexpected(version_error("the epoch is too large", 0));
    }
    version.epoch = static_cast<std::uint32_t>(*number);
    upstream_start = colon + 1;
    if (upstream_start == text.size()) {
      return std::unexpected(version_error("nothing after the epoch's ':'", colon));
    }
  }
  std::string_view rest = text.substr(upstream_start);
  std::string_view upstream = rest;
  if (auto dash = rest.rfind('-'); dash != std::string_view::npos) {
    upstream = rest.substr(0, dash);
    std::string_view revision = rest.substr(dash + 1);
    if (revision.empty()) {
      return std::unexpected(version_error("empty revision after '-'", upstream_start + dash));
    }
    auto bad = std::ranges::find_if_not(
        revision, [](char c) { return is_ascii_alnum(c) || c == '.' || c == '+' || c == '~'; });
    if (bad != revision.end()) {
      return std::unexpected(version_error(
          fmt::format("'{}' is not allowed in a revision", *bad),
          upstream_start + dash + 1 + static_cast<std::size_t>(bad - revision.begin())));
    }
    version.revision = std::string(revision);
  }
  if (upstream.empty()) return std::unexpected(version_error("empty upstream version", upstream_start));
  if (!is_ascii_digit(upstream.front())) {
    return std::unexpected(
        version_error("the upstream version does not start with a digit", upstream_start));
  }
  auto bad = std::ranges::find_if_not(upstream, [](char c) {
    return is_ascii_alnum(c) || c == '.' || c == '+' || c == '~' || c == '-' || c == ':';
  });
  if (bad != upstream.end()) {
    return std::unexpected(
        version_error(fmt::format("'{}' is not allowed in an upstream version", *bad),
                      upstream_start + static_cast<std::size_t>(bad - upstream.begin())));
  }
  version.upstream = std::string(upstream);
  return version;
}

std::strong_ordering compare(const DpkgVersion& a, const DpkgVersion& b) {
  if (auto c = a.epoch <=> b.epoch; c != 0) return c;
  if (auto c = compare_part(a.upstream, b.upstream); c != 0) return c;
  return compare_part(a.revision, b.revision);
}

std::string to_string(const DpkgVersion& version) {
  std::string out;
  // A ':' in the upstream version needs the epoch written, even 0, or it would read as one.
  if (version.epoch != 0 || version.upstream.find(':') != std::string::npos) {
    out = fmt::format("{}:", version.epoch);
  }
  out += version.upstream;
  if (!version.revision.empty()) {
    out.push_back('-');
    out += version.revision;
  }
  return out;
}

}  // namespace cradle
