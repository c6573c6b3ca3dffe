// counted(): a number with its noun, singular or plural as the number asks ("1 component",
// "2 components", "1 dependency", "3 dependencies"), for every line cradle prints.
//
// Threads: plain functions of their arguments.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace cradle {

// `plural` defaults to the singular with an "s" (a "y" after a consonant becoming "ies").
inline std::string counted(std::size_t n, std::string_view singular, std::string_view plural = {}) {
  if (n == 1) return fmt::format("1 {}", singular);
  if (!plural.empty()) return fmt::format("{} {}", n, plural);
  if (singular.size() > 1 && singular.back() == 'y' &&
      std::string_view("aeiou").find(singular[singular.size() - 2]) == std::string_view::npos) {
    return fmt::format("{} {}ies", n, singular.substr(0, singular.size() - 1));
  }
  return fmt::format("{} {}s", n, singular);
}

}  // namespace cradle
