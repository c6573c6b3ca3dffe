// Go module versions, ordered as golang.org/x/mod/semver orders them: SemVer with a 'v' prefix
// and the shorthands v1 and v1.2 (for v1.0.0 and v1.2.0). OSV stores Go versions without the
// 'v', so it is optional here. Pseudo-versions (v0.0.0-20191109021931-daa7c04131f5) are
// pre-releases and need nothing special; "+incompatible" is build metadata and never compared.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <compare>
#include <expected>
#include <string>
#include <string_view>

#include "versions/semver.h"

namespace cradle {

struct GoVersion {
  SemVer semver;
};

inline std::expected<GoVersion, Error> parse_go_version(std::string_view text) {
  auto parsed = parse_semver(text, SemVerSyntax{.allow_shorthand = true});
  if (!parsed) return std::unexpected(std::move(parsed.error()));
  return GoVersion{std::move(*parsed)};
}

inline std::strong_ordering compare(const GoVersion& a, const GoVersion& b) {
  return compare(a.semver, b.semver);
}

// vMAJOR.MINOR.PATCH[-pre][+build], the spelling Go tools use.
inline std::string to_string(const GoVersion& version) { return "v" + to_string(version.semver); }

}  // namespace cradle
