#include "versions/conan_version.h"

#include <algorithm>

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

std::strong_ordering compare_items(const ConanVersionItem& a, const ConanVersionItem& b) {
  if (a.number && b.number && a.text.size() != b.text.size())
    return a.text.size() <=> b.text.size();
  // Equal-length numbers compare as their digits; a number and a text as their spellings.
  if (const int order = a.text.compare(b.text); order != 0) return order <=> 0;
  // Equal spellings: only a number and the text of its digits could be, and a text item is never
  // all digits.
  return a.number <=> b.number;
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
