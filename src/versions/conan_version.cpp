#include "versions/conan_version.h"

#include <algorithm>
#include <utility>

#include "versions/version_text.h"

namespace cradle {
namespace {

// Dotted items, trailing zero items dropped.
std::vector<ConanVersionItem> items_of(std::string_view text) {
  std::vector<ConanVersionItem> items;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    const std::string_view item =
        text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    const bool number = !item.empty() && std::ranges::all_of(item, is_ascii_digit);
    std::string_view spelled = item;
    if (number) {
      while (spelled.size() > 1 && spelled.front() == '0') spelled.remove_prefix(1);
    }
    items.push_back(ConanVersionItem{number, std::string(spelled)});
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  while (!items.empty() && items.back().number && items.back().text == "0") items.pop_back();
  return items;
}

// Where an item sorts: text led by a character below '0' (and the empty item), then numbers
// and text led by a digit, then text led by a character above '9'. Bytes compare unsigned, as
// std::string::compare does.
int band(const ConanVersionItem& item) {
  if (item.number) return 1;
  if (item.text.empty()) return 0;
  const auto first = static_cast<unsigned char>(item.text.front());
  return first < '0' ? 0 : first <= '9' ? 1 : 2;
}

// An item of the middle band as its leading digits (leading zeros dropped) and the rest.
std::pair<std::string_view, std::string_view> digits_and_rest(std::string_view text) {
  const std::size_t end = std::min(text.find_first_not_of("0123456789"), text.size());
  std::string_view digits = text.substr(0, end);
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return {digits, text.substr(end)};
}

std::strong_ordering compare_items(const ConanVersionItem& a, const ConanVersionItem& b) {
  if (const auto order = band(a) <=> band(b); order != 0) return order;
  if (band(a) == 1) {
    const auto [a_digits, a_rest] = digits_and_rest(a.text);
    const auto [b_digits, b_rest] = digits_and_rest(b.text);
    if (a_digits.size() != b_digits.size()) return a_digits.size() <=> b_digits.size();
    if (const int order = a_digits.compare(b_digits); order != 0) return order <=> 0;
    if (const int order = a_rest.compare(b_rest); order != 0) return order <=> 0;
  }
  // Same band and, in the middle one, the same number and rest: the spellings decide ("01a"
  // before "1a"; numbers are spelled without leading zeros, so equal numbers are equal).
  return a.text.compare(b.text) <=> 0;
}

std::strong_ordering compare_lists(const std::vector<ConanVersionItem>& a,
                                   const std::vector<ConanVersionItem>& b) {
  return std::lexicographical_compare_three_way(a.begin(), a.end(), b.begin(), b.end(),
                                                compare_items);
}

// No build (or pre-release) sorts before any.
std::strong_ordering compare_optional(const std::optional<std::vector<ConanVersionItem>>& a,
                                      const std::optional<std::vector<ConanVersionItem>>& b) {
  if (!a || !b) return a.has_value() <=> b.has_value();
  return compare_lists(*a, *b);
}

}  // namespace

std::expected<ConanVersion, Error> parse_conan_version(std::string_view text) {
  if (text.empty()) return std::unexpected(version_error("an empty version", 0));
  if (auto bad =
          std::ranges::find_if(text, [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
      bad != text.end()) {
    return std::unexpected(version_error("a Conan version has no whitespace",
                                         static_cast<std::size_t>(bad - text.begin())));
  }
  ConanVersion out;
  out.text = std::string(text);
  std::string_view rest = text;
  if (const auto plus = rest.rfind('+'); plus != std::string_view::npos) {
    out.build = items_of(rest.substr(plus + 1));
    rest = rest.substr(0, plus);
  }
  if (const auto dash = rest.find('-'); dash != std::string_view::npos) {
    out.pre = items_of(rest.substr(dash + 1));
    rest = rest.substr(0, dash);
  }
  out.main = items_of(rest);
  return out;
}

std::strong_ordering compare(const ConanVersion& a, const ConanVersion& b) {
  const std::strong_ordering main = compare_lists(a.main, b.main);
  if (a.pre.has_value() != b.pre.has_value()) {
    // A pre-release sorts before the same version released; otherwise the versions decide.
    if (main != 0) return main;
    return a.pre ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  if (main != 0) return main;
  if (const auto pre = compare_optional(a.pre, b.pre); pre != 0) return pre;
  return compare_optional(a.build, b.build);
}

}  // namespace cradle
