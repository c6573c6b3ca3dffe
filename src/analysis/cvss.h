// CVSS v3.0 / v3.1 base scores, computed from the vector string (FIRST CVSS v3.1 specification,
// section 7 and appendix A), and the qualitative rating of a score.
//
// Only the base metrics are scored; temporal and environmental metrics in the vector are checked
// for known names and then ignored (advisories publish base vectors). CVSS v4.0 vectors are not
// scored yet: they return an error saying so, never a guess.
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
  std::string version;  // "3.0" or "3.1"
};

std::expected<CvssScore, Error> score_cvss3(std::string_view vector);

SeverityRating rating_for(double score);
std::string_view to_string(SeverityRating rating);
// "low", "medium", "high", "critical" (and "none"), case-insensitive.
std::optional<SeverityRating> parse_rating(std::string_view text);

}  // namespace cradle
