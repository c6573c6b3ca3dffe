// What a licence asks of those who ship software under it, in the coarse classes a licence
// policy decides by. Which licence is in which class is a table cradle ships
// (analysis/licence_policy.cpp, documented there); anything not in it is `unknown`, never
// guessed.
//
// Threads: plain values and functions.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace cradle {

enum class LicenceCategory {
  permissive,        // notice and attribution: MIT, BSD, Apache-2.0, ISC, Zlib, CC0-1.0
  weak_copyleft,     // changes to the licensed files stay open: LGPL, MPL, EPL, CDDL
  strong_copyleft,   // a work that includes it, distributed, is under it: GPL, EUPL-1.0, CC-BY-SA
  network_copyleft,  // as strong, and offering it over a network counts: AGPL, SSPL, OSL, EUPL-1.2
  proprietary,       // not open source: non-commercial, no-derivatives, source-available terms
  unknown,           // not in cradle's table, a LicenseRef-, an id on no list, or no licence stated
};

inline constexpr std::array kLicenceCategories{
    LicenceCategory::permissive,      LicenceCategory::weak_copyleft,
    LicenceCategory::strong_copyleft, LicenceCategory::network_copyleft,
    LicenceCategory::proprietary,     LicenceCategory::unknown};

// "permissive", "weak-copyleft", "strong-copyleft", "network-copyleft", "proprietary", "unknown".
constexpr std::string_view to_string(LicenceCategory category) {
  switch (category) {
    case LicenceCategory::permissive:
      return "permissive";
    case LicenceCategory::weak_copyleft:
      return "weak-copyleft";
    case LicenceCategory::strong_copyleft:
      return "strong-copyleft";
    case LicenceCategory::network_copyleft:
      return "network-copyleft";
    case LicenceCategory::proprietary:
      return "proprietary";
    case LicenceCategory::unknown:
      return "unknown";
  }
  return "unknown";
}

constexpr std::optional<LicenceCategory> parse_licence_category(std::string_view text) {
  for (LicenceCategory category : kLicenceCategories) {
    if (to_string(category) == text) return category;
  }
  return std::nullopt;
}

}  // namespace cradle
