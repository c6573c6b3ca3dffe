// CVSS scores computed from vector strings, and the qualitative rating of a score:
// - v3.0 / v3.1 base scores (FIRST CVSS v3.1 specification, section 7 and appendix A); temporal
//   and environmental metrics in the vector are checked for known names and then ignored
//   (advisories publish base vectors);
// - v4.0 scores (FIRST CVSS v4.0 specification, section 8: MacroVectors and interpolation), with
//   the threat and environmental metrics the vector gives (CVSS-B, -BT, -BE or -BTE). Metrics may
//   come in any order; each at most once, the eleven base metrics required.
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
  std::string version;  // "3.0", "3.1" or "4.0"
};

std::expected<CvssScore, Error> score_cvss3(std::string_view vector);
std::expected<CvssScore, Error> score_cvss4(std::string_view vector);
// By the vector's prefix: CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/.
std::expected<CvssScore, Error> score_cvss(std::string_view vector);

SeverityRating rating_for(double score);
std::string_view to_string(SeverityRating rating);
// "low", "medium", "high", "critical" (and "none"), case-insensitive.
std::optional<SeverityRating> parse_rating(std::string_view text);

}  // namespace cradle
