#include "versions/rubygems_version.h"

#include <fmt/format.h>

#include <algorithm>

#include "versions/version_text.h"

namespace cradle {
namespace {

using Segment = RubyGemsVersion::Segment;

bool is_zero(const Segment& segment) { return segment.numeric && segment.text == "0"; }

// Checks [0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)? and returns the offset of
// the first character that breaks it, or npos.
std::size_t first_invalid(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && is_ascii_digit(text[i])) ++i;
  if (i == 0) return 0;
  // Release part: '.' then [0-9a-zA-Z]+, repeated.
  while (i < text.size() && text[i] == '.') {
    std::size_t start = ++i;
    while (i < text.size() && is_ascii_alnum(text[i])) ++i;
    if (i == start) return i;
  }
  if (i == text.size()) return std::string_view::npos;
  if (text[i] != '-') return i;
  // Pre-release part: '-' then [0-9A-Za-z-]+ ('.' [0-9A-Za-z-]+)*.
  auto is_pre_char = [](char c) { return is_ascii_alnum(c) || c == '-'; };
  ++i;
  while (true) {
    std::size_t start = i;
    while (i < text.size() && is_pre_char(text[i])) ++i;
    if (i == start) return i;
    if (i == text.size()) return std::string_view::npos;
    if (text[i] != '.') return i;
    ++i;
  }
}

void drop_trailing_zeros(std::vector<Segment>& segments, std::size_t from) {
  while (segments.size() > from && is_zero(segments.back())) segments.pop_back();
}

int compare_segments(const Segment& a, const Segment& b) {
  if (a.numeric != b.numeric) return a.numeric ? 1 : -1;
  if (a.numeric && a.text.size() != b.text.size()) return a.text.size() < b.text.size() ? -1 : 1;
  int c = a.text.compare(b.text);
  return (c > 0) - (c < 0);
}

}  // namespace

std::expected<RubyGemsVersion, Error> parse_rubygems_version(std::string_view raw) {
  const std::size_t lead = std::min(raw.find_first_not_of(" \t\n\r\f\v"), raw.size());
  const std::size_t trail = raw.find_last_not_of(" \t\n\r\f\v");
  const std::string_view text =
      trail == std::string_view::npos ? std::string_view{} : raw.substr(lead, trail + 1 - lead);
  if (text.empty()) return std::unexpected(version_error("empty version", 0));
  if (auto bad = first_invalid(text); bad != std::string_view::npos) {
    return std::unexpected(version_error(
        bad < text.size() ? fmt::format("'{}' is not allowed here in a RubyGems version", text[bad])
                          : std::string("a RubyGems version does not end with a separator"),
        lead + bad));
  }
  RubyGemsVersion version;
  for (char c : text) {
    if (c == '-') {
      version.text += ".pre.";
    } else {
      version.text.push_back(c);
    }
  }
  // Runs of digits and of letters; everything else separates.
  std::vector<Segment> segments;
  std::string_view t = version.text;
  for (std::size_t i = 0; i < t.size();) {
    if (!is_ascii_alnum(t[i])) {
      ++i;
      continue;
    }
    const bool numeric = is_ascii_digit(t[i]);
    std::size_t end = i;
    while (end < t.size() && (numeric ? is_ascii_digit(t[end]) : is_ascii_alpha(t[end]))) ++end;
    std::string_view run = t.substr(i, end - i);
    if (numeric) {
      while (run.size() > 1 && run.front() == '0') run.remove_prefix(1);
    }
    segments.push_back(Segment{numeric, std::string(run)});
    i = end;
  }
  // canonical_segments: the numeric prefix and the rest, each without trailing zeros.
  const auto first_text = std::ranges::find_if(segments, [](const Segment& s) { return !s.numeric; });
  const std::size_t split = static_cast<std::size_t>(first_text - segments.begin());
  std::vector<Segment> rest(segments.begin() + static_cast<std::ptrdiff_t>(split), segments.end());
  segments.resize(split);
  drop_trailing_zeros(segments, 0);
  drop_trailing_zeros(rest, 0);
  segments.insert(segments.end(), std::make_move_iterator(rest.begin()),
                  std::make_move_iterator(rest.end()));
  version.segments = std::move(segments);
  return version;
}

std::strong_ordering compare(const RubyGemsVersion& a, const RubyGemsVersion& b) {
  if (a.text == b.text) return std::strong_ordering::equal;
  static const RubyGemsVersion::Segment kZero{true, "0"};
  const std::size_t n = std::max(a.segments.size(), b.segments.size());
  for (std::size_t i = 0; i < n; ++i) {
    const Segment& x = i < a.segments.size() ? a.segments[i] : kZero;
    const Segment& y = i < b.segments.size() ? b.segments[i] : kZero;
    if (int c = compare_segments(x, y); c != 0) return c <=> 0;
  }
  return std::strong_ordering::equal;
}

}  // namespace cradle
