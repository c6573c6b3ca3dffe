#include "analysis/cvss.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <map>
#include <optional>
#include <utility>

#include "model/ascii.h"

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
  const std::string lower = ascii_lowercase(text);
  for (auto rating : {SeverityRating::none, SeverityRating::low, SeverityRating::medium,
                      SeverityRating::high, SeverityRating::critical}) {
    if (lower == to_string(rating)) return rating;
  }
  return std::nullopt;
}

namespace {

// Metric -> value of a vector's "M:V/M:V" part; every metric at most once.
using Metrics = std::map<std::string, std::string, std::less<>>;

std::expected<Metrics, Error> split_metrics(std::string_view rest) {
  Metrics metrics;
  while (!rest.empty()) {
    const std::size_t end = std::min(rest.find('/'), rest.size());
    std::string_view part = rest.substr(0, end);
    const std::size_t colon = part.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == part.size()) {
      return std::unexpected(cvss_error(fmt::format("'{}' is not a metric:value pair", part)));
    }
    if (!metrics.emplace(std::string(part.substr(0, colon)), std::string(part.substr(colon + 1)))
             .second) {
      return std::unexpected(
          cvss_error(fmt::format("metric '{}' appears twice", part.substr(0, colon))));
    }
    rest = end == rest.size() ? std::string_view{} : rest.substr(end + 1);
  }
  return metrics;
}

// One metric: its values and their weights, and whether the vector must give it.
struct MetricWeights {
  std::string_view name;
  bool required;
  std::initializer_list<std::pair<std::string_view, double>> values;
};

// The weight of each metric of `table` in `metrics` (absent optional metrics weigh as their first
// value, "not defined"); an unknown metric or value is an error.
template <std::size_t N>
std::expected<std::array<std::string_view, N>, Error> metric_values(
    const Metrics& metrics, const std::array<MetricWeights, N>& table) {
  std::array<std::string_view, N> values{};
  for (const auto& [metric, value] : metrics) {
    auto it = std::ranges::find(table, metric, &MetricWeights::name);
    if (it == table.end()) return std::unexpected(cvss_error(fmt::format("unknown metric '{}'", metric)));
    if (std::ranges::find(it->values, value, &std::pair<std::string_view, double>::first) ==
        it->values.end()) {
      return std::unexpected(cvss_error(fmt::format("'{}:{}' is not a valid value", metric, value)));
    }
    values[static_cast<std::size_t>(it - table.begin())] = value;
  }
  for (std::size_t i = 0; i < N; ++i) {
    if (!values[i].empty()) continue;
    if (table[i].required) {
      return std::unexpected(cvss_error(fmt::format("base metric '{}' is missing", table[i].name)));
    }
    values[i] = table[i].values.begin()->first;
  }
  return values;
}

double weight(const MetricWeights& metric, std::string_view value) {
  for (const auto& [name, w] : metric.values) {
    if (name == value) return w;
  }
  return 0.0;
}

// CVSS v3.x metrics in the specification's order; weights of PR (and MPR) are those of an
// unchanged scope (scored separately when the scope changes).
enum V3 { AV, AC, PR, UI, S, C, I, A, E, RL, RC, CR, IR, AR, MAV, MAC, MPR, MUI, MS, MC, MI, MA };
const std::array<MetricWeights, 22> kCvss3{{
    {"AV", true, {{"N", 0.85}, {"A", 0.62}, {"L", 0.55}, {"P", 0.2}}},
    {"AC", true, {{"L", 0.77}, {"H", 0.44}}},
    {"PR", true, {{"N", 0.85}, {"L", 0.62}, {"H", 0.27}}},
    {"UI", true, {{"N", 0.85}, {"R", 0.62}}},
    {"S", true, {{"U", 0.0}, {"C", 0.0}}},
    {"C", true, {{"H", 0.56}, {"L", 0.22}, {"N", 0.0}}},
    {"I", true, {{"H", 0.56}, {"L", 0.22}, {"N", 0.0}}},
    {"A", true, {{"H", 0.56}, {"L", 0.22}, {"N", 0.0}}},
    {"E", false, {{"X", 1.0}, {"H", 1.0}, {"F", 0.97}, {"P", 0.94}, {"U", 0.91}}},
    {"RL", false, {{"X", 1.0}, {"U", 1.0}, {"W", 0.97}, {"T", 0.96}, {"O", 0.95}}},
    {"RC", false, {{"X", 1.0}, {"C", 1.0}, {"R", 0.96}, {"U", 0.92}}},
    {"CR", false, {{"X", 1.0}, {"H", 1.5}, {"M", 1.0}, {"L", 0.5}}},
    {"IR", false, {{"X", 1.0}, {"H", 1.5}, {"M", 1.0}, {"L", 0.5}}},
    {"AR", false, {{"X", 1.0}, {"H", 1.5}, {"M", 1.0}, {"L", 0.5}}},
    {"MAV", false, {{"X", 0.0}, {"N", 0.85}, {"A", 0.62}, {"L", 0.55}, {"P", 0.2}}},
    {"MAC", false, {{"X", 0.0}, {"L", 0.77}, {"H", 0.44}}},
    {"MPR", false, {{"X", 0.0}, {"N", 0.85}, {"L", 0.62}, {"H", 0.27}}},
    {"MUI", false, {{"X", 0.0}, {"N", 0.85}, {"R", 0.62}}},
    {"MS", false, {{"X", 0.0}, {"U", 0.0}, {"C", 0.0}}},
    {"MC", false, {{"X", 0.0}, {"H", 0.56}, {"L", 0.22}, {"N", 0.0}}},
    {"MI", false, {{"X", 0.0}, {"H", 0.56}, {"L", 0.22}, {"N", 0.0}}},
    {"MA", false, {{"X", 0.0}, {"H", 0.56}, {"L", 0.22}, {"N", 0.0}}},
}};

// CVSS v2 metrics (CVSS v2 guide, section 3.2).
enum V2 { AV2, AC2, AU2, C2, I2, A2, E2, RL2, RC2, CDP2, TD2, CR2, IR2, AR2 };
const std::array<MetricWeights, 14> kCvss2{{
    {"AV", true, {{"L", 0.395}, {"A", 0.646}, {"N", 1.0}}},
    {"AC", true, {{"H", 0.35}, {"M", 0.61}, {"L", 0.71}}},
    {"Au", true, {{"M", 0.45}, {"S", 0.56}, {"N", 0.704}}},
    {"C", true, {{"N", 0.0}, {"P", 0.275}, {"C", 0.660}}},
    {"I", true, {{"N", 0.0}, {"P", 0.275}, {"C", 0.660}}},
    {"A", true, {{"N", 0.0}, {"P", 0.275}, {"C", 0.660}}},
    {"E", false, {{"ND", 1.0}, {"U", 0.85}, {"POC", 0.9}, {"F", 0.95}, {"H", 1.0}}},
    {"RL", false, {{"ND", 1.0}, {"OF", 0.87}, {"TF", 0.90}, {"W", 0.95}, {"U", 1.0}}},
    {"RC", false, {{"ND", 1.0}, {"UC", 0.90}, {"UR", 0.95}, {"C", 1.0}}},
    {"CDP", false, {{"ND", 0.0}, {"N", 0.0}, {"L", 0.1}, {"LM", 0.3}, {"MH", 0.4}, {"H", 0.5}}},
    {"TD", false, {{"ND", 1.0}, {"N", 0.0}, {"L", 0.25}, {"M", 0.75}, {"H", 1.0}}},
    {"CR", false, {{"ND", 1.0}, {"L", 0.5}, {"M", 1.0}, {"H", 1.51}}},
    {"IR", false, {{"ND", 1.0}, {"L", 0.5}, {"M", 1.0}, {"H", 1.51}}},
    {"AR", false, {{"ND", 1.0}, {"L", 0.5}, {"M", 1.0}, {"H", 1.51}}},
}};

// v2's rounding: to one decimal, half up (computed on integers against floating-point noise).
double round_to_1_decimal(double value) {
  return static_cast<double>(std::llround(std::floor(value * 10.0 + 0.5 + 1e-9))) / 10.0;
}

}  // namespace

std::expected<CvssScore, Error> score_cvss3(std::string_view vector) {
  CvssScore score;
  if (vector.starts_with("CVSS:3.1/")) {
    score.version = "3.1";
  } else if (vector.starts_with("CVSS:3.0/")) {
    score.version = "3.0";
  } else {
    return std::unexpected(cvss_error(fmt::format("'{}' is not a CVSS v3 vector", vector)));
  }
  auto metrics = split_metrics(vector.substr(9));
  if (!metrics) return std::unexpected(metrics.error());
  auto given = metric_values(*metrics, kCvss3);
  if (!given) return std::unexpected(given.error());
  const auto& v = *given;
  auto w = [&](V3 metric) { return weight(kCvss3[metric], v[metric]); };
  // A modified metric that is not defined takes the base metric's value.
  auto modified = [&](V3 metric, V3 base) { return v[metric] == "X" ? v[base] : v[metric]; };
  auto privileges = [](std::string_view pr, bool changed) {
    return pr == "N" ? 0.85 : pr == "L" ? (changed ? 0.68 : 0.62) : (changed ? 0.5 : 0.27);
  };
  const bool v31 = score.version == "3.1";
  const auto roundup = v31 ? roundup_31 : roundup_30;

  const bool changed = v[S] == "C";
  const double iss = 1.0 - (1.0 - w(C)) * (1.0 - w(I)) * (1.0 - w(A));
  const double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
  const double exploitability = 8.22 * w(AV) * w(AC) * privileges(v[PR], changed) * w(UI);
  if (impact <= 0.0) {
    score.base = 0.0;
  } else {
    score.base = roundup(std::min((changed ? 1.08 : 1.0) * (impact + exploitability), 10.0));
  }
  score.rating = rating_for(score.base);
  const double temporal_factor = w(E) * w(RL) * w(RC);
  score.temporal = roundup(score.base * temporal_factor);

  const bool modified_changed = modified(MS, S) == "C";
  auto modified_weight = [&](V3 metric, V3 base) { return weight(kCvss3[base], modified(metric, base)); };
  const double miss = std::min(1.0 - (1.0 - w(CR) * modified_weight(MC, C)) *
                                         (1.0 - w(IR) * modified_weight(MI, I)) *
                                         (1.0 - w(AR) * modified_weight(MA, A)),
                               0.915);
  double modified_impact = 6.42 * miss;
  if (modified_changed) {
    modified_impact = v31 ? 7.52 * (miss - 0.029) - 3.25 * std::pow(miss * 0.9731 - 0.02, 13)
                          : 7.52 * (miss - 0.029) - 3.25 * std::pow(miss - 0.02, 15);
  }
  const double modified_exploitability = 8.22 * modified_weight(MAV, AV) *
                                         modified_weight(MAC, AC) *
                                         privileges(modified(MPR, PR), modified_changed) *
                                         modified_weight(MUI, UI);
  if (modified_impact <= 0.0) {
    score.environmental = 0.0;
  } else {
    const double sum = (modified_changed ? 1.08 : 1.0) * (modified_impact + modified_exploitability);
    score.environmental = roundup(roundup(std::min(sum, 10.0)) * temporal_factor);
  }
  return score;
}

std::expected<CvssScore, Error> score_cvss2(std::string_view vector) {
  auto metrics = split_metrics(vector.starts_with('(') && vector.ends_with(')')
                                   ? vector.substr(1, vector.size() - 2)
                                   : vector);
  if (!metrics) return std::unexpected(metrics.error());
  auto given = metric_values(*metrics, kCvss2);
  if (!given) return std::unexpected(given.error());
  const auto& v = *given;
  auto w = [&](V2 metric) { return weight(kCvss2[metric], v[metric]); };
  const double exploitability = 20.0 * w(AV2) * w(AC2) * w(AU2);
  auto base_for = [&](double impact) {
    const double f = impact == 0.0 ? 0.0 : 1.176;
    return round_to_1_decimal(((0.6 * impact) + (0.4 * exploitability) - 1.5) * f);
  };
  const double temporal_factor = w(E2) * w(RL2) * w(RC2);
  CvssScore score;
  score.version = "2.0";
  score.base = base_for(10.41 * (1.0 - (1.0 - w(C2)) * (1.0 - w(I2)) * (1.0 - w(A2))));
  score.rating = rating_for(score.base);
  score.temporal = round_to_1_decimal(score.base * temporal_factor);
  const double adjusted_impact =
      std::min(10.0, 10.41 * (1.0 - (1.0 - w(C2) * w(CR2)) * (1.0 - w(I2) * w(IR2)) *
                                        (1.0 - w(A2) * w(AR2))));
  const double adjusted_temporal = round_to_1_decimal(base_for(adjusted_impact) * temporal_factor);
  score.environmental =
      round_to_1_decimal((adjusted_temporal + (10.0 - adjusted_temporal) * w(CDP2)) * w(TD2));
  // A vector without environmental metrics has the base score as its environmental score, as
  // the CSAF validator's calculator has it (the formula would give the temporal score).
  const bool environmental_given = std::ranges::any_of(
      std::array{CDP2, TD2, CR2, IR2, AR2},
      [&](V2 metric) { return metrics->contains(kCvss2[metric].name); });
  if (!environmental_given) score.environmental = score.base;
  return score;
}

std::expected<CvssScore, Error> score_cvss(std::string_view vector) {
  if (vector.starts_with("CVSS:4.0/")) return score_cvss4(vector);
  return score_cvss3(vector);
}

}  // namespace cradle
