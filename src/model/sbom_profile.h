// The profiles an SBOM's conformance is checked against (analysis/sbom_conformance.h says what
// each asks), and the verdicts of a check: what ingest stores per SBOM and a policy's SBOM rules
// weigh.
//
// Threads: plain values and functions.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cradle {

enum class SbomProfile { ntia, bsi_2_0, bsi_2_1, cra };

inline constexpr std::array<std::string_view, 4> kSbomProfileNames{"ntia", "bsi-2.0", "bsi-2.1",
                                                                   "cra"};
inline constexpr std::array kSbomProfiles{SbomProfile::ntia, SbomProfile::bsi_2_0,
                                          SbomProfile::bsi_2_1, SbomProfile::cra};

constexpr std::string_view to_string(SbomProfile profile) {
  return kSbomProfileNames[static_cast<std::size_t>(profile)];
}

constexpr std::optional<SbomProfile> parse_sbom_profile(std::string_view text) {
  const auto* found = std::ranges::find(kSbomProfileNames, text);
  if (found == kSbomProfileNames.end()) return std::nullopt;
  return static_cast<SbomProfile>(found - kSbomProfileNames.begin());
}

// "conformant": every requirement met or not applicable; "nonconformant": one not met;
// "undetermined": none unmet, one the SBOM cannot show. Only what was checked is conformant.
inline constexpr std::array<std::string_view, 3> kConformanceVerdicts{"conformant", "nonconformant",
                                                                      "undetermined"};

// An SBOM's conformance to one profile, as ingest checked it: the verdict and how many results
// had each status.
struct SbomConformance {
  std::string profile;  // one of kSbomProfileNames
  std::string verdict;  // one of kConformanceVerdicts
  std::size_t met = 0;
  std::size_t not_met = 0;
  std::size_t cannot_tell = 0;
  std::size_t not_applicable = 0;
  bool operator==(const SbomConformance&) const = default;
};

}  // namespace cradle
