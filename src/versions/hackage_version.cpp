#include "versions/hackage_version.h"

#include <algorithm>

#include "versions/version_text.h"

namespace cradle {
namespace {

std::expected<NumericVersion, Error> parse_numbers(std::string_view text, std::string_view separators,
                                                   std::size_t minimum_parts) {
  if (text.empty()) return std::unexpected(version_error("empty version", 0));
  NumericVersion version;
  version.text = std::string(text);
  std::size_t start = 0;
  while (true) {
    std::size_t end = std::min(text.find_first_of(separators, start), text.size());
    auto number = parse_decimal(text.substr(start, end - start), /*allow_leading_zero=*/true);
    if (!number) {
      return std::unexpected(version_error(
          decimal_problem(text.substr(start, end - start), /*allow_leading_zero=*/true), start));
    }
    version.parts.push_back(*number);
    if (end == text.size()) break;
    start = end + 1;
  }
  if (version.parts.size() < minimum_parts) {
    return std::unexpected(version_error("expected at least two numbers", 0));
  }
  return version;
}

}  // namespace

std::expected<NumericVersion, Error> parse_hackage_version(std::string_view text) {
  return parse_numbers(text, ".", 1);
}

std::expected<NumericVersion, Error> parse_cran_version(std::string_view text) {
  return parse_numbers(text, ".-", 2);
}

std::strong_ordering compare(const NumericVersion& a, const NumericVersion& b) {
  return std::lexicographical_compare_three_way(a.parts.begin(), a.parts.end(), b.parts.begin(),
                                                b.parts.end());
}

}  // namespace cradle
