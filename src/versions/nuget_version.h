// NuGet package versions (learn.microsoft.com/nuget/concepts/package-versioning): SemVer 2.0 plus
// NuGet's legacy forms: 1 to 4 numeric parts (a missing part is 0, so 1.0 == 1.0.0.0), leading
// zeros allowed in them, pre-release labels compared case-insensitively, '+metadata' ignored.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.h"

namespace cradle {

struct NuGetVersion {
  std::array<std::uint64_t, 4> numbers{};  // major, minor, patch, revision
  std::vector<std::string> labels;          // pre-release labels, as written
  std::string metadata;
};

std::expected<NuGetVersion, Error> parse_nuget_version(std::string_view text);

std::strong_ordering compare(const NuGetVersion& a, const NuGetVersion& b);

// NuGet's normalised form: at least three parts, the fourth only when non-zero, no leading zeros,
// labels as written, no metadata (1.01 -> 1.1.0, 1.0.0.0-Beta -> 1.0.0-Beta).
std::string to_string(const NuGetVersion& version);

}  // namespace cradle
