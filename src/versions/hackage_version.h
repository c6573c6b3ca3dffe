// Version numbers as Haskell's Data.Version orders them, used by Hackage (PVP), and as R orders
// package_version, used by CRAN: sequences of non-negative integers compared part by part, where a
// version that is a prefix of another is smaller (1.0 < 1.0.0). Hackage separates parts with '.';
// CRAN also accepts '-' (1.2-3).
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <compare>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.h"

namespace cradle {

struct NumericVersion {
  std::vector<std::uint64_t> parts;
  std::string text;
};

// Hackage: N(.N)*.
std::expected<NumericVersion, Error> parse_hackage_version(std::string_view text);
// CRAN: at least two numbers separated by '.' or '-'.
std::expected<NumericVersion, Error> parse_cran_version(std::string_view text);

std::strong_ordering compare(const NumericVersion& a, const NumericVersion& b);

}  // namespace cradle
