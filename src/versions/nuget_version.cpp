#include "versions/nuget_version.h"

#include <fmt/format.h>

#include <algorithm>

#include "versions/version_text.h"

namespace cradle {
namespace {

bool all_digits(std::string_view text) { return !text.empty() && std::ranges::all_of(text, is_ascii_digit); }

int compare_labels_ignoring_case(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = ascii_lower(a[i]);
    const char y = ascii_lower(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

}  // namespace

std::expected<NuGetVersion, Error> parse_nuget_version(std::string_view text) {
  if (text.empty()) return std::unexpected(version_error("empty version", 0));
  NuGetVersion version;
  std::string_view rest = text;
  if (auto plus = rest.find('+'); plus != std::string_view::npos) {
    version.metadata = std::string(rest.substr(plus + 1));
    if (version.metadata.empty()) return std::unexpected(version_error("empty build metadata", plus));
    rest = rest.substr(0, plus);
  }
  std::string_view labels;
  const std::size_t dash = rest.find('-');
  if (dash != std::string_view::npos) {
    labels = rest.substr(dash + 1);
    rest = rest.substr(0, dash);
    if (labels.empty()) return std::unexpected(version_error("empty pre-release label", dash));
  }
  std::size_t start = 0;
  std::size_t count = 0;
  while (true) {
    const std::size_t end = std::min(rest.find('.', start), rest.size());
    std::string_view part = rest.substr(start, end - start);
    if (count == 4) return std::unexpected(version_error("more than four numeric parts", start));
    if (!all_digits(part)) {
      return std::unexpected(version_error("expected a number", start));
    }
    auto number = parse_decimal(part, /*allow_leading_zero=*/true);
    if (!number || *number > 2147483647u) {
      return std::unexpected(version_error("a version part above 2147483647", start));
    }
    version.numbers[count++] = *number;
    if (end == rest.size()) break;
    start = end + 1;
  }
  if (!labels.empty()) {
    const std::size_t base = dash + 1;
    std::size_t label_start = 0;
    while (true) {
      const std::size_t end = std::min(labels.find('.', label_start), labels.size());
      std::string_view label = labels.substr(label_start, end - label_start);
      auto bad = std::ranges::find_if_not(label, [](char c) { return is_ascii_alnum(c) || c == '-'; });
      if (label.empty() || bad != label.end()) {
        return std::unexpected(version_error("a pre-release label is [0-9A-Za-z-]+", base + label_start));
      }
      version.labels.emplace_back(label);
      if (end == labels.size()) break;
      label_start = end + 1;
    }
  }
  return version;
}

std::strong_ordering compare(const NuGetVersion& a, const NuGetVersion& b) {
  if (auto c = a.numbers <=> b.numbers; c != 0) return c;
  if (a.labels.empty() != b.labels.empty()) {
    return a.labels.empty() ? std::strong_ordering::greater : std::strong_ordering::less;
  }
  const std::size_t n = std::min(a.labels.size(), b.labels.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& x = a.labels[i];
    const std::string& y = b.labels[i];
    const bool x_numeric = all_digits(x);
    const bool y_numeric = all_digits(y);
    if (x_numeric && y_numeric) {
      // Compare as numbers of any size: fewer digits (after leading zeros) is smaller.
      std::string_view p = x;
      std::string_view q = y;
      while (p.size() > 1 && p.front() == '0') p.remove_prefix(1);
      while (q.size() > 1 && q.front() == '0') q.remove_prefix(1);
      if (p.size() != q.size()) return p.size() <=> q.size();
      if (int c = p.compare(q); c != 0) return c <=> 0;
    } else if (x_numeric != y_numeric) {
      return x_numeric ? std::strong_ordering::less : std::strong_ordering::greater;
    } else if (int c = compare_labels_ignoring_case(x, y); c != 0) {
      return c <=> 0;
    }
  }
  return a.labels.size() <=> b.labels.size();
}

std::string to_string(const NuGetVersion& version) {
  std::string out = fmt::format("{}.{}.{}", version.numbers[0], version.numbers[1], version.numbers[2]);
  if (version.numbers[3] != 0) out += fmt::format(".{}", version.numbers[3]);
  for (std::size_t i = 0; i < version.labels.size(); ++i) {
    out.push_back(i == 0 ? '-' : '.');
    out += version.labels[i];
  }
  return out;
}

}  // namespace cradle
