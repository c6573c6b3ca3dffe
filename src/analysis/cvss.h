// CVSS scores computed from vector strings, and the qualitative rating of a score:
// - v3.0 / v3.1 base, temporal and environmental scores (FIRST CVSS v3.1 specification, section 7
//   and appendix A; v3.0's Roundup and modified impact where they differ); metrics the vector does
//   not give are "not defined";
// - v2 base, temporal and environmental scores (FIRST CVSS v2 guide, section 3.2), the vector with
//   or without parentheses;
// - v4.0 scores (FIRST CVSS v4.0 specification, section 8: MacroVectors and interpolation), with
//   the threat and environmental metrics the vector gives (CVSS-B, -BT, -BE or -BTE). Metrics may
//   come in any order; each at most once, the eleven base metrics required.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "model/error.h"

namespace cradle {

enum class SeverityRating : std::uint8_t { none, low, medium, high, critical };

struct CvssScore {
  double base = 0.0;  // 0.0 - 10.0, one decimal
  SeverityRating rating = SeverityRating::none;
  std::string version;  // "2.0", "3.0", "3.1" or "4.0"
  // v2 and v3 only: the scores with the vector's temporal and environmental metrics.
  std::optional<double> temporal;
  std::optional<double> environmental;
};

std::expected<CvssScore, Error> score_cvss3(std::string_view vector);
std::expected<CvssScore, Error> score_cvss4(std::string_view vector);
std::expected<CvssScore, Error> score_cvss2(std::string_view vector);
// By the vector's prefix: CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/.
std::expected<CvssScore, Error> score_cvss(std::string_view vector);

SeverityRating rating_for(double score);
std::string_view to_string(SeverityRating rating);
// "low", "medium", "high", "critical" (and "none"), case-insensitive.
std::optional<SeverityRating> parse_rating(std::string_view text);

}  // namespace cradle
