#include "analysis/cvss.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

namespace cradle {
namespace {

Error cvss_error(std::string message) {
  return Error{ErrorCode::invalid_input, std::move(message), {}};
}

// CVSS v3.1 Roundup (appendix A): the smallest number with one decimal that is >= the input,
// computed on integers so that floating-point noise does not round 4.0000001 up to 4.1.
double roundup_31(double value) {
  const auto scaled = static_cast<long long>(std::llround(value * 100000.0));
  if (scaled % 10000 == 0) return static_cast<double>(scaled) / 100000.0;
  return (std::floor(static_cast<double>(scaled) / 10000.0) + 1.0) / 10.0;
}

// CVSS v3.0's Roundup: ceil to one decimal.
double roundup_30(double value) { return std::ceil(value * 10.0) / 10.0; }

}  // namespace

SeverityRating rating_for(double score) {
  if (score <= 0.0) return SeverityRating::none;
  if (score < 4.0) return SeverityRating::low;
  if (score < 7.0) return SeverityRating::medium;
  if (score < 9.0) return SeverityRating::high;
  return SeverityRating::critical;
}

std::string_view to_string(SeverityRating rating) {
  switch (rating) {
    case SeverityRating::none: return "none";
    case SeverityRating::low: return "low";
    case SeverityRating::medium: return "medium";
    case SeverityRating::high: return "high";
    case SeverityRating::critical: return "critical";
  }
  return "none";
}

std::optional<SeverityRating> parse_rating(std::string_view text) {
  std::string lower(text);
  std::ranges::transform(lower, lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  });
  for (auto rating : {SeverityRating::none, SeverityRating::low, SeverityRating::medium,
                      SeverityRating::high, SeverityRating::critical}) {
    if (lower == to_string(rating)) return rating;
  }
  return std::nullopt;
}

std::expected<CvssScore, Error> score_cvss3(std::string_view vector) {
  CvssScore score;
  if (vector.starts_with("CVSS:3.1/")) {
    score.version = "3.1";
  } else if (vector.starts_with("CVSS:3.0/")) {
    score.version = "3.0";
  } else {
    return std::unexpected(cvss_error(fmt::format("'{}' is not a CVSS v3 vector", vector)));
  }
  // Metric -> value letter; every metric once.
  std::map<std::string, char, std::less<>> metrics;
  std::string_view rest = vector.substr(9);
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find('/'), rest.size());
    std::string_view part = rest.substr(0, end);
    const std::size_t colon = part.find(':');
    if (colon == std::string_view::npos || colon == 0 || part.size() != colon + 2) {
      return std::unexpected(cvss_error(fmt::format("'{}' is not a metric:value pair", part)));
    }
    if (!metrics.emplace(std::string(part.substr(0, colon)), part[colon + 1]).second) {
      return std::unexpected(
          cvss_error(fmt::format("metric '{}' appears twice", part.substr(0, colon))));
    }
    rest = end == rest.size() ? std::string_view{} : rest.substr(end + 1);
  }
  auto value = [&](std::string_view metric, std::string_view allowed) -> std::expected<char, Error> {
    auto it = metrics.find(metric);
    if (it == metrics.end()) {
      return std::unexpected(cvss_error(fmt::format("base metric '{}' is missing", metric)));
    }
    if (allowed.find(it->second) == std::string_view::npos) {
      return std::unexpected(
          cvss_error(fmt::format("'{}:{}' is not a valid value", metric, it->second)));
    }
    return it->second;
  };
  const auto av = value("AV", "NALP");
  const auto ac = value("AC", "LH");
  const auto pr = value("PR", "NLH");
  const auto ui = value("UI", "NR");
  const auto s = value("S", "UC");
  const auto c = value("C", "HLN");
  const auto i = value("I", "HLN");
  const auto a = value("A", "HLN");
  for (const auto* v : {&av, &ac, &pr, &ui, &s, &c, &i, &a}) {
    if (!*v) return std::unexpected(v->error());
  }
  // Temporal and environmental metrics may follow; anything else is an error.
  static constexpr std::array<std::string_view, 22> kKnown{
      "AV", "AC", "PR", "UI", "S",   "C",   "I",   "A",   "E",  "RL", "RC",
      "CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"};
  for (const auto& [metric, letter] : metrics) {
    if (std::ranges::find(kKnown, metric) == kKnown.end()) {
      return std::unexpected(cvss_error(fmt::format("unknown metric '{}'", metric)));
    }
  }

  const bool changed = *s == 'C';
  const double attack_vector = *av == 'N' ? 0.85 : *av == 'A' ? 0.62 : *av == 'L' ? 0.55 : 0.2;
  const double complexity = *ac == 'L' ? 0.77 : 0.44;
  const double privileges = *pr == 'N' ? 0.85 : *pr == 'L' ? (changed ? 0.68 : 0.62)
                                                            : (changed ? 0.5 : 0.27);
  const double interaction = *ui == 'N' ? 0.85 : 0.62;
  auto cia = [](char letter) { return letter == 'H' ? 0.56 : letter == 'L' ? 0.22 : 0.0; };
  const double iss = 1.0 - (1.0 - cia(*c)) * (1.0 - cia(*i)) * (1.0 - cia(*a));
  const double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
  const double exploitability = 8.22 * attack_vector * complexity * privileges * interaction;
  const auto roundup = score.version == "3.1" ? roundup_31 : roundup_30;
  if (impact <= 0.0) {
    score.base = 0.0;
  } else if (changed) {
    score.base = roundup(std::min(1.08 * (impact + exploitability), 10.0));
  } else {
    score.base = roundup(std::min(impact + exploitability, 10.0));
  }
  score.rating = rating_for(score.base);
  return score;
}

std::expected<CvssScore, Error> score_cvss(std::string_view vector) {
  if (vector.starts_with("CVSS:4.0/")) return score_cvss4(vector);
  return score_cvss3(vector);
}

}  // namespace cradle
