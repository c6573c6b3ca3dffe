// RubyGems versions, ordered as Gem::Version orders them: the text (with '-' read as ".pre.") is
// split into runs of digits and runs of letters; trailing zeros are dropped from the numeric
// prefix and from the rest (1.0 == 1); missing segments count as 0; letters sort before numbers,
// so any letter makes a pre-release (1.0.a < 1.0); letter runs compare byte-wise. Numbers are
// compared at any size.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <compare>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.h"

namespace cradle {

struct RubyGemsVersion {
  struct Segment {
    bool numeric = false;
    std::string text;  // digits without leading zeros ("0" for zero), or letters
  };
  std::vector<Segment> segments;  // canonical: trailing zeros dropped as Gem::Version does
  std::string text;               // as given, stripped, '-' replaced by ".pre."
};

// Gem::Version's pattern: [0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?, with
// surrounding whitespace. Deviation: the empty string (Gem::Version reads it as "0") is an error.
std::expected<RubyGemsVersion, Error> parse_rubygems_version(std::string_view text);

std::strong_ordering compare(const RubyGemsVersion& a, const RubyGemsVersion& b);

}  // namespace cradle
