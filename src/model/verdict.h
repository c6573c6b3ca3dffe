// Verdict: what evaluating an advisory's ranges says of an installed version, and so what a
// finding's matches say of its component: affected, not affected, or unknown (the ranges could
// not be evaluated: no ordering for the ecosystem, a version that does not parse, commit
// ranges only). A finding is `affected` when one matching record says so, else `unknown`.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <string_view>

namespace cradle {

enum class Verdict : std::uint8_t { affected, not_affected, unknown };

constexpr std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::affected:
      return "affected";
    case Verdict::not_affected:
      return "not_affected";
    case Verdict::unknown:
      return "unknown";
  }
  return "unknown";
}

// The verdict a text names ("affected", "not_affected", "unknown"); unknown for any other text.
constexpr Verdict parse_verdict(std::string_view text) {
  if (text == "affected") return Verdict::affected;
  if (text == "not_affected") return Verdict::not_affected;
  return Verdict::unknown;
}

}  // namespace cradle
