// What the advisory data behind an answer lets it say, per OSV ecosystem its components need
// (model/advisory_coverage.h): covered; not loaded (no source delivered the ecosystem: its
// components are not_covered, never clean); stale (its newest load is older than the age the
// user accepts: a clean answer from old data is a guess); or incomplete (the last load of one
// of its sources had records that did not parse). Anything but covered is a gap, which every
// answer states and a scan's exit code reports.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/advisory_coverage.h"
#include "model/finding.h"

namespace cradle {

enum class CoverageState : std::uint8_t { covered, not_loaded, stale, incomplete };
std::string_view to_string(CoverageState state);

struct EcosystemCoverage {
  std::string ecosystem;
  CoverageState state = CoverageState::not_loaded;
  std::string reason;                // empty when covered
  std::size_t components = 0;        // components of the answer in this ecosystem
  std::vector<EcosystemLoad> loads;  // the sources that delivered it, by source
};

struct CoverageCheck {
  std::vector<EcosystemCoverage> ecosystems;  // by name
  bool example_data = false;                  // some load the answer rests on is example data

  bool has_gaps() const;
  std::size_t gaps() const;
};

// Data older than `max_age` at `now` is stale; a load without a time (records given on the
// command line, read now) never is.
struct FreshnessRule {
  std::chrono::sys_seconds now;
  std::chrono::seconds max_age{std::chrono::days(7)};
};

// Why a component of an ecosystem no source delivered is not covered, with what to run.
std::string not_loaded_reason(std::string_view ecosystem);

// The coverage of each ecosystem that the results' clean, affected and not covered components
// are in.
CoverageCheck check_coverage(const AdvisoryCoverage& coverage,
                             std::span<const ComponentResult> results, const FreshnessRule& rule);

// The coverage of every ecosystem some source delivered (what `db status` shows), no component
// counted.
CoverageCheck check_loaded_ecosystems(const AdvisoryCoverage& coverage, const FreshnessRule& rule);

// "7d", "12h", "90m", "30s": a positive age; nullopt otherwise.
std::optional<std::chrono::seconds> parse_age(std::string_view text);

}  // namespace cradle
