#include "analysis/coverage_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "model/date_time.h"

namespace cradle {
namespace {

std::string update_hint(std::string_view ecosystem) {
  return fmt::format("run `cradle db update --ecosystem {}`", base_ecosystem(ecosystem));
}

// "16 days", "5 hours", "40 minutes": an age as a reader wants it, rounded down.
std::string describe_age(std::chrono::seconds age) {
  using namespace std::chrono;
  auto plural = [](long long n, std::string_view unit) {
    return fmt::format("{} {}{}", n, unit, n == 1 ? "" : "s");
  };
  if (age >= days(2)) return plural(duration_cast<days>(age).count(), "day");
  if (age >= hours(2)) return plural(duration_cast<hours>(age).count(), "hour");
  if (age >= minutes(2)) return plural(duration_cast<minutes>(age).count(), "minute");
  return plural(age.count(), "second");
}

EcosystemCoverage assess(const std::string& ecosystem, std::span<const EcosystemLoad> loads,
                         const FreshnessRule& rule) {
  EcosystemCoverage out;
  out.ecosystem = ecosystem;
  out.loads.assign(loads.begin(), loads.end());
  if (loads.empty()) {
    out.state = CoverageState::not_loaded;
    out.reason = not_loaded_reason(ecosystem);
    return out;
  }
  for (const EcosystemLoad& load : loads) {
    if (load.unreadable == 0) continue;
    out.state = CoverageState::incomplete;
    out.reason = fmt::format(
        "{} record{} of {} did not parse at its last load: some {} advisories may be missing "
        "(fix the source and load it again)",
        load.unreadable, load.unreadable == 1 ? "" : "s", load.source, ecosystem);
    return out;
  }
  // The freshest load counts: one up-to-date source is enough.
  std::optional<std::chrono::sys_seconds> newest;
  bool timeless = false;
  for (const EcosystemLoad& load : loads) {
    if (load.loaded_at.empty()) {
      timeless = true;
      continue;
    }
    if (auto at = parse_rfc3339(load.loaded_at)) newest = std::max(newest.value_or(*at), *at);
  }
  if (!timeless && newest && rule.now - *newest > rule.max_age) {
    out.state = CoverageState::stale;
    out.reason =
        fmt::format("{} advisories last loaded {} ({} ago, more than the {} accepted): {}",
                    ecosystem, format_rfc3339_utc(*newest), describe_age(rule.now - *newest),
                    describe_age(rule.max_age), update_hint(ecosystem));
    return out;
  }
  out.state = CoverageState::covered;
  return out;
}

}  // namespace

std::string_view to_string(CoverageState state) {
  switch (state) {
    case CoverageState::covered:
      return "covered";
    case CoverageState::not_loaded:
      return "not_loaded";
    case CoverageState::stale:
      return "stale";
    case CoverageState::incomplete:
      return "incomplete";
  }
  return "unknown";
}

bool CoverageCheck::has_gaps() const { return gaps() > 0; }

std::size_t CoverageCheck::gaps() const {
  return static_cast<std::size_t>(std::ranges::count_if(
      ecosystems, [](const EcosystemCoverage& e) { return e.state != CoverageState::covered; }));
}

std::string not_loaded_reason(std::string_view ecosystem) {
  if (ecosystem.starts_with("Maven:")) {
    return fmt::format(
        "no advisories loaded for the Maven repository {}: OSV's Maven records are Maven "
        "Central's",
        ecosystem.substr(6));
  }
  return fmt::format("no {} advisories loaded: {}", ecosystem, update_hint(ecosystem));
}

CoverageCheck check_coverage(const AdvisoryCoverage& coverage,
                             std::span<const ComponentResult> results, const FreshnessRule& rule) {
  std::map<std::string, std::size_t> needed;
  for (const ComponentResult& result : results) {
    if (result.ecosystem.empty() || result.state == ComponentState::not_scannable) continue;
    ++needed[result.ecosystem];
  }
  CoverageCheck out;
  for (const auto& [ecosystem, components] : needed) {
    EcosystemCoverage& entry =
        out.ecosystems.emplace_back(assess(ecosystem, coverage.loads_of(ecosystem), rule));
    entry.components = components;
    for (const EcosystemLoad& load : entry.loads)
      out.example_data = out.example_data || load.example;
  }
  return out;
}

CoverageCheck check_loaded_ecosystems(const AdvisoryCoverage& coverage, const FreshnessRule& rule) {
  CoverageCheck out;
  for (const EcosystemLoad& load : coverage.loads()) {
    out.example_data = out.example_data || load.example;
    if (!out.ecosystems.empty() && out.ecosystems.back().ecosystem == load.ecosystem) continue;
    out.ecosystems.push_back(assess(load.ecosystem, coverage.loads_of(load.ecosystem), rule));
  }
  return out;
}

std::optional<std::chrono::seconds> parse_age(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  long long count = 0;
  const char* end = text.data() + text.size() - 1;
  auto [stop, error] = std::from_chars(text.data(), end, count);
  if (error != std::errc() || stop != end || count <= 0) return std::nullopt;
  switch (text.back()) {
    case 'd':
      return std::chrono::days(count);
    case 'h':
      return std::chrono::hours(count);
    case 'm':
      return std::chrono::minutes(count);
    case 's':
      return std::chrono::seconds(count);
    default:
      return std::nullopt;
  }
}

}  // namespace cradle
