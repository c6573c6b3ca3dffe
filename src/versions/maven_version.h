// Maven versions, ordered as Maven's ComparableVersion (maven-artifact 3.8) orders them.
//
// The text is lowercased and split at '.', '-' and changes between digits and letters. '-', a
// digit/letter change and a qualifier following other items ("1.0.RC1", "1.0.xyz") open a
// sub-list; trailing "null" items (0, "", "ga", "final", "release")
// of each list are dropped, so 1.0 == 1 and 1.0-ga == 1. Qualifiers order as
// alpha (a) < beta (b) < milestone (m) < rc = cr < snapshot < release < sp < unknown ones (as text).
// Numbers beat qualifiers and sub-lists; sub-lists beat qualifiers.
//
// ComparableVersion is not transitive in corner cases (1 < 1-sp < 1-0m1, yet 1-0m1 < 1); cradle
// follows Maven there too, since Maven decides what a Maven range means.
//
// Deviation, by choice: only ASCII digits count as digits and only ASCII letters are lowercased,
// where Java also accepts other Unicode digits and case mappings.
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

struct MavenVersion {
  struct Item {
    enum class Kind : std::uint8_t { number, qualifier };
    Kind kind = Kind::number;
    std::string digits;  // number: without leading zeros ("0" for zero)
    std::string qualifier_key;  // qualifier: the text that orders it ("0".."6" or "7-<text>")
  };
  // ComparableVersion's nested lists form a chain: list i holds its items, then list i + 1 (when
  // there is one) as its last item.
  std::vector<std::vector<Item>> lists;
  std::string text;
};

// Every string is a Maven version; only the empty string is refused.
std::expected<MavenVersion, Error> parse_maven_version(std::string_view text);

std::strong_ordering compare(const MavenVersion& a, const MavenVersion& b);

}  // namespace cradle
