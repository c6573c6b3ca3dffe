// Conan's version ordering (Conan 2's own scheme, not SemVer), which the ConanCenter ecosystem
// uses: any number of dot-separated items (`1.0`, `1.1.1.3`, `1.0.0.a`), each a number or text;
// `-pre` (from the first '-') and `+build` (from the last '+'), themselves dotted items.
//
// Items compare as numbers when both are, else as text, and a shorter list of items sorts first.
// Trailing zero items do not count (1 = 1.0 = 1.0.0). A pre-release sorts before the same version
// without one; builds order versions otherwise equal, no build first.
//
// Where cradle departs from Conan: Conan compares a number with a text item by spelling
// ("10" < "1a" < "2"), which with numeric order between numbers (2 < 10) is not transitive, and
// a sort over such versions has no defined result. cradle orders a text item led by digits by
// that number first, then the rest (1a < 2 < 10 < 10a, and 1.9a < 1.10 where Conan says the
// reverse); every other pair orders as in Conan.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <compare>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.h"

namespace cradle {

struct ConanVersionItem {
  bool number = false;
  std::string text;  // a number's digits without leading zeros ("0" for zero)
};

struct ConanVersion {
  std::vector<ConanVersionItem> main;  // trailing zero items dropped
  std::optional<std::vector<ConanVersionItem>> pre;
  std::optional<std::vector<ConanVersionItem>> build;
  std::string text;
};

std::expected<ConanVersion, Error> parse_conan_version(std::string_view text);

std::strong_ordering compare(const ConanVersion& a, const ConanVersion& b);

}  // namespace cradle
