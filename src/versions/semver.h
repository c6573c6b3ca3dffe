// SemVer 2.0.0 (semver.org), the ordering OSV's SEMVER ranges use: npm, crates.io, Hex, Pub,
// SwiftURL, ConanCenter, Bitnami, GitHub Actions, and Go (see go_version.h).
//
// Precedence: major, minor, patch numerically; a pre-release sorts before its release; pre-release
// identifiers compare dot by dot, numbers numerically and below text, text in ASCII order, and a
// longer list wins a tie. Build metadata is kept but never compared.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <compare>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.h"

namespace cradle {

struct SemVerIdentifier {
  bool numeric = false;
  std::uint64_t number = 0;  // when numeric
  std::string text;          // as written

  bool operator==(const SemVerIdentifier&) const = default;
};

struct SemVer {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  std::uint64_t patch = 0;
  std::vector<SemVerIdentifier> prerelease;
  std::string build;  // without the '+'

  bool operator==(const SemVer&) const = default;
};

struct SemVerSyntax {
  // Go's shorthand: "1" and "1.2" stand for 1.0.0 and 1.2.0 (golang.org/x/mod/semver).
  bool allow_shorthand = false;
};

// Parses a SemVer version. A single leading 'v' is accepted and dropped (node-semver and Go write
// it); leading zeros, empty identifiers and characters outside [0-9A-Za-z-] are errors, and so is
// a number above 2^64-1.
std::expected<SemVer, Error> parse_semver(std::string_view text, SemVerSyntax syntax = {});

std::strong_ordering compare(const SemVer& a, const SemVer& b);

// MAJOR.MINOR.PATCH[-pre][+build], without a 'v'.
std::string to_string(const SemVer& version);

}  // namespace cradle
