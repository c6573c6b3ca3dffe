// SbomParseResult: what a format parser returns: the model it could build and what it found.
//
// `sbom` is empty only when nothing usable could be read (not the format, malformed syntax).
// A document is accepted when it has an sbom and no error diagnostics; warnings never reject.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <optional>
#include <vector>

#include "model/diagnostic.h"
#include "model/sbom.h"

namespace cradle {

struct SbomParseResult {
  std::optional<Sbom> sbom;
  std::vector<Diagnostic> diagnostics;

  bool accepted() const { return sbom.has_value() && !has_errors(diagnostics); }
};

}  // namespace cradle
