// Packagist (Composer) versions, ordered as Composer orders them: the version is normalised by
// Composer's VersionParser (v1.2 -> 1.2.0.0, 1.0-beta2 -> 1.0.0.0-beta2, 1.0.x-dev ->
// 1.0.9999999.9999999-dev, dates -> 2024.01.02), then compared with PHP's version_compare():
// parts split at '.', '-', '_', '+' and digit/letter changes; numbers numerically; words by their
// stability: dev < alpha = a < beta = b < RC = rc < (number) < patch = pl = p; other words sort
// below dev. Named branches (dev-main) have no order, as in Composer, and are refused.
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

struct ComposerVersion {
  struct Part {
    bool numeric = false;
    std::uint64_t number = 0;  // numeric parts
    int rank = 0;              // words: PHP's special-form order
  };
  std::string normalized;  // Composer's normalised form, e.g. 1.2.0.0-beta2
  std::vector<Part> parts;
};

std::expected<ComposerVersion, Error> parse_composer_version(std::string_view text);

std::strong_ordering compare(const ComposerVersion& a, const ComposerVersion& b);

inline std::string to_string(const ComposerVersion& version) { return version.normalized; }

}  // namespace cradle
