// CVSS v4.0 scores (FIRST CVSS v4.0 specification, section 8): the vector's MacroVector (six
// equivalence classes EQ1-EQ6) gives the score of its highest-severity vector from the
// specification's table; the vector's severity distance from that highest vector, relative to
// the depth of the MacroVector, moves the score towards the next lower MacroVectors.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <vector>

#include "analysis/cvss.h"

namespace cradle {
namespace {

struct MetricSpec {
  std::string_view key;
  std::array<std::string_view, 5> values;  // allowed values; "X" (not defined) for optional ones
  bool mandatory;
};

// In the specification's order.
constexpr std::array kMetrics{
    MetricSpec{"AV", {"N", "A", "L", "P"}, true},  MetricSpec{"AC", {"L", "H"}, true},
    MetricSpec{"AT", {"N", "P"}, true},            MetricSpec{"PR", {"N", "L", "H"}, true},
    MetricSpec{"UI", {"N", "P", "A"}, true},       MetricSpec{"VC", {"H", "L", "N"}, true},
    MetricSpec{"VI", {"H", "L", "N"}, true},       MetricSpec{"VA", {"H", "L", "N"}, true},
    MetricSpec{"SC", {"H", "L", "N"}, true},       MetricSpec{"SI", {"H", "L", "N"}, true},
    MetricSpec{"SA", {"H", "L", "N"}, true},       MetricSpec{"E", {"X", "A", "P", "U"}, false},
    MetricSpec{"CR", {"X", "H", "M", "L"}, false}, MetricSpec{"IR", {"X", "H", "M", "L"}, false},
    MetricSpec{"AR", {"X", "H", "M", "L"}, false}, MetricSpec{"MAV", {"X", "N", "A", "L", "P"}, false},
    MetricSpec{"MAC", {"X", "L", "H"}, false},     MetricSpec{"MAT", {"X", "N", "P"}, false},
    MetricSpec{"MPR", {"X", "N", "L", "H"}, false}, MetricSpec{"MUI", {"X", "N", "P", "A"}, false},
    MetricSpec{"MVC", {"X", "H", "L", "N"}, false}, MetricSpec{"MVI", {"X", "H", "L", "N"}, false},
    MetricSpec{"MVA", {"X", "H", "L", "N"}, false}, MetricSpec{"MSC", {"X", "H", "L", "N"}, false},
    MetricSpec{"MSI", {"X", "S", "H", "L", "N"}, false}, MetricSpec{"MSA", {"X", "S", "H", "L", "N"}, false},
    MetricSpec{"S", {"X", "N", "P"}, false},       MetricSpec{"AU", {"X", "N", "Y"}, false},
    MetricSpec{"R", {"X", "A", "U", "I"}, false},  MetricSpec{"V", {"X", "D", "C"}, false},
    MetricSpec{"RE", {"X", "L", "M", "H"}, false}, MetricSpec{"U", {"X", "Clear", "Green", "Amber", "Red"}, false},
};

constexpr std::optional<std::size_t> metric_index(std::string_view key) {
  for (std::size_t i = 0; i < kMetrics.size(); ++i) {
    if (kMetrics[i].key == key) return i;
  }
  return std::nullopt;
}

// The score of each MacroVector's highest-severity vector (the specification's table), indexed
// by eq1*108 + eq2*54 + eq3*18 + eq4*6 + eq5*2 + eq6; -1 where no vector has that MacroVector.
constexpr double kMacroVectorScores[] = {
#include "analysis/cvss4_macrovectors.inc"
};

// The highest-severity vectors of each level of each EQ (EQ3 with EQ6, which are scored
// together), as metric:value lists.
constexpr std::array<std::array<std::string_view, 3>, 3> kMaxEq1{{
    {"AV:N/PR:N/UI:N"},
    {"AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"},
    {"AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"},
}};
constexpr std::array<std::array<std::string_view, 2>, 2> kMaxEq2{{
    {"AC:L/AT:N"},
    {"AC:H/AT:N", "AC:L/AT:P"},
}};
// [eq3][eq6]
constexpr std::array<std::array<std::array<std::string_view, 5>, 2>, 3> kMaxEq3Eq6{{
    {{{"VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"},
      {"VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"}}},
    {{{"VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"},
      {"VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
       "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"}}},
    {{{}, {"VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"}}},
}};
constexpr std::array<std::string_view, 3> kMaxEq4{"SC:H/SI:S/SA:S", "SC:H/SI:H/SA:H", "SC:L/SI:L/SA:L"};
constexpr std::array<std::string_view, 3> kMaxEq5{"E:A", "E:P", "E:U"};

// The depth of each MacroVector level in severity steps of 0.1.
constexpr std::array<double, 3> kDepthEq1{1, 4, 5};
constexpr std::array<double, 2> kDepthEq2{1, 2};
constexpr std::array<std::array<double, 2>, 3> kDepthEq3Eq6{{{7, 6}, {8, 8}, {0, 10}}};
constexpr std::array<double, 3> kDepthEq4{6, 5, 4};

// A metric value's severity level in steps (0 the most severe); the specification counts a
// step as 0.1, and integers keep the distances exact.
int level(std::string_view key, std::string_view value) {
  struct Level {
    std::string_view key;
    std::string_view value;
    int level;
  };
  static constexpr Level kLevels[] = {
      {"AV", "N", 0}, {"AV", "A", 1}, {"AV", "L", 2}, {"AV", "P", 3}, {"PR", "N", 0},
      {"PR", "L", 1}, {"PR", "H", 2}, {"UI", "N", 0}, {"UI", "P", 1}, {"UI", "A", 2},
      {"AC", "L", 0}, {"AC", "H", 1}, {"AT", "N", 0}, {"AT", "P", 1}, {"VC", "H", 0},
      {"VC", "L", 1}, {"VC", "N", 2}, {"VI", "H", 0}, {"VI", "L", 1}, {"VI", "N", 2},
      {"VA", "H", 0}, {"VA", "L", 1}, {"VA", "N", 2}, {"SC", "H", 1}, {"SC", "L", 2},
      {"SC", "N", 3}, {"SI", "S", 0}, {"SI", "H", 1}, {"SI", "L", 2}, {"SI", "N", 3},
      {"SA", "S", 0}, {"SA", "H", 1}, {"SA", "L", 2}, {"SA", "N", 3}, {"CR", "H", 0},
      {"CR", "M", 1}, {"CR", "L", 2}, {"IR", "H", 0}, {"IR", "M", 1}, {"IR", "L", 2},
      {"AR", "H", 0}, {"AR", "M", 1}, {"AR", "L", 2}, {"E", "U", 2},  {"E", "P", 1},
      {"E", "A", 0},
  };
  for (const Level& entry : kLevels) {
    if (entry.key == key && entry.value == value) return entry.level;
  }
  return 0;
}

// The value of `key` in a "K:V/K:V" list.
std::string_view value_in(std::string_view list, std::string_view key) {
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t end = list.find('/', start);
    if (end == std::string_view::npos) end = list.size();
    const std::string_view part = list.substr(start, end - start);
    if (part.size() > key.size() && part.substr(0, key.size()) == key && part[key.size()] == ':') {
      return part.substr(key.size() + 1);
    }
    start = end + 1;
  }
  return {};
}

class Cvss4Vector {
 public:
  std::array<std::string_view, kMetrics.size()> values{};

  std::string_view get(std::string_view key) const { return values[*metric_index(key)]; }

  // The value scoring uses: a modified (environmental) value overrides the base one; E, CR, IR
  // and AR not defined count as their most severe values.
  std::string_view effective(std::string_view key) const {
    const std::string_view value = get(key);
    if (value == "X") {
      if (key == "E") return "A";
      if (key == "CR" || key == "IR" || key == "AR") return "H";
    }
    const std::string modified = fmt::format("M{}", key);
    if (auto index = metric_index(modified); index && values[*index] != "X") return values[*index];
    return value;
  }
};

std::expected<Cvss4Vector, Error> parse_vector(std::string_view text) {
  auto fail = [](std::string message, std::size_t column) {
    return std::unexpected(Error{ErrorCode::invalid_input, std::move(message),
                                 SourceLocation{1, static_cast<int>(column) + 1, {}}});
  };
  constexpr std::string_view kPrefix = "CVSS:4.0/";
  if (!text.starts_with(kPrefix)) return fail("a CVSS v4.0 vector starts with 'CVSS:4.0/'", 0);
  Cvss4Vector vector;
  for (std::size_t i = 0; i < kMetrics.size(); ++i) {
    if (!kMetrics[i].mandatory) vector.values[i] = "X";
  }
  std::array<bool, kMetrics.size()> seen{};
  std::size_t start = kPrefix.size();
  while (start <= text.size()) {
    std::size_t end = text.find('/', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part = text.substr(start, end - start);
    const std::size_t colon = part.find(':');
    if (colon == std::string_view::npos) return fail(fmt::format("'{}' is not metric:value", part), start);
    const std::string_view key = part.substr(0, colon);
    const std::string_view value = part.substr(colon + 1);
    auto index = metric_index(key);
    if (!index) return fail(fmt::format("unknown CVSS v4.0 metric '{}'", key), start);
    if (seen[*index]) return fail(fmt::format("metric '{}' is given twice", key), start);
    seen[*index] = true;
    const MetricSpec& spec = kMetrics[*index];
    bool allowed = false;
    for (std::string_view candidate : spec.values) {
      if (!candidate.empty() && candidate == value) {
        allowed = true;
        vector.values[*index] = candidate;
      }
    }
    if (!allowed) return fail(fmt::format("'{}' is not a value of {}", value, key), start + colon + 1);
    start = end + 1;
  }
  for (std::size_t i = 0; i < kMetrics.size(); ++i) {
    if (kMetrics[i].mandatory && !seen[i]) {
      return fail(fmt::format("the base metric '{}' is missing", kMetrics[i].key), text.size());
    }
  }
  return vector;
}

std::optional<double> macrovector_score(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) {
  if (eq1 > 2 || eq2 > 1 || eq3 > 2 || eq4 > 2 || eq5 > 2 || eq6 > 1) return std::nullopt;
  const double score = kMacroVectorScores[eq1 * 108 + eq2 * 54 + eq3 * 18 + eq4 * 6 + eq5 * 2 + eq6];
  if (score < 0) return std::nullopt;
  return score;
}

double score(const Cvss4Vector& v) {
  auto is = [&](std::string_view key, std::string_view value) { return v.effective(key) == value; };
  if (is("VC", "N") && is("VI", "N") && is("VA", "N") && is("SC", "N") && is("SI", "N") && is("SA", "N")) {
    return 0.0;
  }
  const bool all_n = is("AV", "N") && is("PR", "N") && is("UI", "N");
  const bool any_n = is("AV", "N") || is("PR", "N") || is("UI", "N");
  const int eq1 = all_n ? 0 : (any_n && !is("AV", "P")) ? 1 : 2;
  const int eq2 = is("AC", "L") && is("AT", "N") ? 0 : 1;
  const bool ci_high = is("VC", "H") && is("VI", "H");
  const bool any_high = is("VC", "H") || is("VI", "H") || is("VA", "H");
  const int eq3 = ci_high ? 0 : any_high ? 1 : 2;
  const int eq4 = is("MSI", "S") || is("MSA", "S") ? 0
                  : (is("SC", "H") || is("SI", "H") || is("SA", "H")) ? 1
                                                                       : 2;
  const int eq5 = is("E", "A") ? 0 : is("E", "P") ? 1 : 2;
  const int eq6 = (is("CR", "H") && is("VC", "H")) || (is("IR", "H") && is("VI", "H")) ||
                          (is("AR", "H") && is("VA", "H"))
                      ? 0
                      : 1;
  const double value = *macrovector_score(eq1, eq2, eq3, eq4, eq5, eq6);

  // The next lower MacroVector of each EQ, when there is one (EQ3 and EQ6 move together).
  const auto lower_eq1 = macrovector_score(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
  const auto lower_eq2 = macrovector_score(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
  std::optional<double> lower_eq3eq6;
  if (eq3 == 0 && eq6 == 0) {
    auto left = macrovector_score(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
    auto right = macrovector_score(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
    if (left && right) lower_eq3eq6 = std::max(*left, *right);
  } else if (eq3 == 1 && eq6 == 0) {
    lower_eq3eq6 = macrovector_score(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
  } else if (eq6 == 1 && eq3 < 2) {
    lower_eq3eq6 = macrovector_score(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
  }
  const auto lower_eq4 = macrovector_score(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
  const auto lower_eq5 = macrovector_score(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

  // The first highest-severity vector of the MacroVector that is at least as severe as this
  // one in every metric, and this vector's distance from it.
  static constexpr std::array<std::string_view, 15> kDistanceMetrics{
      "AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR", "E"};
  std::array<int, kDistanceMetrics.size()> distance{};
  auto distances_to = [&](const std::string& max) {
    for (std::size_t i = 0; i < kDistanceMetrics.size(); ++i) {
      const std::string_view key = kDistanceMetrics[i];
      distance[i] = level(key, v.effective(key)) - level(key, value_in(max, key));
    }
    return std::ranges::all_of(distance, [](int d) { return d >= 0; });
  };
  bool found = false;
  for (std::string_view m1 : kMaxEq1[eq1]) {
    for (std::string_view m2 : kMaxEq2[eq2]) {
      for (std::string_view m3 : kMaxEq3Eq6[eq3][eq6]) {
        if (found || m1.empty() || m2.empty() || m3.empty()) continue;
        const std::string max = fmt::format("{}/{}/{}/{}/{}", m1, m2, m3, kMaxEq4[eq4], kMaxEq5[eq5]);
        found = distances_to(max);
      }
    }
  }
  const int distance_eq1 = distance[0] + distance[1] + distance[2];
  const int distance_eq2 = distance[3] + distance[4];
  const int distance_eq3eq6 = distance[5] + distance[6] + distance[7] + distance[11] + distance[12] + distance[13];
  const int distance_eq4 = distance[8] + distance[9] + distance[10];

  // Each EQ with a lower MacroVector moves the score by the share of the MacroVector's depth
  // this vector is away from its highest vector, times the score gap to the lower MacroVector.
  double total = 0;
  int lowers = 0;
  auto add = [&](const std::optional<double>& lower, int own_distance, double depth) {
    if (!lower) return;
    ++lowers;
    total += own_distance / depth * (value - *lower);
  };
  add(lower_eq1, distance_eq1, kDepthEq1[eq1]);
  add(lower_eq2, distance_eq2, kDepthEq2[eq2]);
  add(lower_eq3eq6, distance_eq3eq6, kDepthEq3Eq6[eq3][eq6]);
  add(lower_eq4, distance_eq4, kDepthEq4[eq4]);
  if (lower_eq5) ++lowers;  // EQ5 has no depth: it counts, with no distance
  const double mean = lowers == 0 ? 0.0 : total / lowers;
  const double clamped = std::max(0.0, std::min(10.0, value - mean));
  // Half up, to one decimal; the small bias absorbs binary noise in decimal differences, so that
  // an exact x.x5 rounds up as it does in exact arithmetic.
  return std::floor((clamped + 1e-6) * 10 + 0.5) / 10;
}

}  // namespace

std::expected<CvssScore, Error> score_cvss4(std::string_view vector) {
  auto parsed = parse_vector(vector);
  if (!parsed) return std::unexpected(parsed.error());
  CvssScore result;
  result.base = score(*parsed);
  result.rating = rating_for(result.base);
  result.version = "4.0";
  return result;
}

}  // namespace cradle
