// libFuzzer target for the version schemes and vers: ranges. The first byte picks a scheme; the
// rest is up to three lines. Beyond crashes it checks that each ordering is a total preorder:
// reflexive, antisymmetric and transitive (except Maven's, see below) on the versions that parse, and that normalize() gives
// a version equal to the original (except for Composer, see below). A fourth line is read as a vers: range and tested against
// the first version.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

#include "fuzz_checks.h"
#include "versions/vers_range.h"
#include "versions/version.h"

using cradle::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  constexpr std::size_t kSchemes = std::size(cradle::kAllVersionSchemes);
  const cradle::VersionScheme scheme = cradle::kAllVersionSchemes[data[0] % kSchemes];
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::array<std::string_view, 4> lines{};
  for (auto& line : lines) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    line = rest.substr(0, end);
    rest = end < rest.size() ? rest.substr(end + 1) : std::string_view{};
  }

  std::vector<cradle::Version> versions;
  for (std::size_t i = 0; i < 3; ++i) {
    auto version = cradle::parse_version(scheme, lines[i]);
    if (!version) {
      require(!version.error().message.empty(), "an error without a message");
      continue;
    }
    require(cradle::compare(*version, *version) == 0, "a version differs from itself");
    auto again = cradle::parse_version(scheme, cradle::normalize(*version));
    require(again.has_value(), "the normalised form does not parse");
    // Composer's own normalisation is not idempotent for dates (2024-01-02 -> 2024.01.02, which
    // reads back as 2024.01.02.0 and sorts below it), and cradle follows Composer.
    if (scheme != cradle::VersionScheme::composer) {
      require(cradle::compare(*again, *version) == 0, "the normalised form orders differently");
    }
    versions.push_back(std::move(*version));
  }
  for (const auto& a : versions) {
    for (const auto& b : versions) {
      require(cradle::compare(a, b) == (0 <=> cradle::compare(b, a)),
              "compare is not antisymmetric");
      // Maven's ComparableVersion is not transitive in corner cases (1 < 1-sp < 1-0m1 < 1, see
      // tests/data/versions/ordering.tsv), and cradle follows Maven.
      if (scheme == cradle::VersionScheme::maven) continue;
      for (const auto& c : versions) {
        if (cradle::compare(a, b) <= 0 && cradle::compare(b, c) <= 0) {
          require(cradle::compare(a, c) <= 0, "compare is not transitive");
        }
      }
    }
  }
  // Not for Maven: with a non-transitive order, sorting depends on the input order, so the
  // canonical form of a pathological Maven range need not be a fixed point.
  if (auto range = cradle::parse_vers(lines[3]); range && !versions.empty() &&
      range->versioning_scheme() != "all" && range->versioning_scheme() != "none" &&
      range->versioning_scheme() != "maven") {
    (void)range->contains(lines[0]);
    auto reparsed = cradle::parse_vers(cradle::to_string(*range));
    require(reparsed.has_value(), "the canonical vers form does not parse");
    require(cradle::to_string(*reparsed) == cradle::to_string(*range),
            "vers canonical form is not a fixed point");
  }
  return 0;
}
