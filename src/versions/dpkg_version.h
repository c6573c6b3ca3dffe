// Debian and Ubuntu package versions, ordered as dpkg orders them (deb-version(7), Debian Policy
// 5.6.12): [epoch:]upstream[-revision]. The epoch compares numerically; upstream and revision
// compare as alternating runs of non-digits and digits, where '~' sorts before everything, even
// the end of the string, and letters sort before other characters. A missing revision equals "0".
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <compare>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "model/error.h"

namespace cradle {

struct DpkgVersion {
  std::uint32_t epoch = 0;
  std::string upstream;
  std::string revision;  // empty when absent
};

// The checks dpkg's parseversion() makes: non-empty, no spaces, a numeric epoch up to 2^31-1,
// upstream starting with a digit and made of [A-Za-z0-9.+~:-], revision of [A-Za-z0-9.+~].
std::expected<DpkgVersion, Error> parse_dpkg_version(std::string_view text);

std::strong_ordering compare(const DpkgVersion& a, const DpkgVersion& b);

// [epoch:]upstream[-revision], the epoch only when non-zero or when the upstream version holds
// a ':'.
std::string to_string(const DpkgVersion& version);

}  // namespace cradle
