// What every fuzz target checks beyond "no crash": an invariant that aborts with its name, and
// the diagnostics contract (each names the input file and says something).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"

namespace cradle::fuzz {

inline constexpr std::string_view kFile = "fuzz-input";

inline void require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
    std::abort();
  }
}

inline void require_located_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics) {
    require(diagnostic.file == kFile, "a diagnostic does not name the input file");
    require(!diagnostic.message.empty(), "a diagnostic has no message");
  }
}

}  // namespace cradle::fuzz
