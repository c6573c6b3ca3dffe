// OpenSSF Scorecard results (the JSON v2 format `scorecard --format=json`, the public API and the
// BigQuery export write): bytes -> Signals + diagnostics. One signal for the aggregate score and
// one per check, each with its score (-1, "inconclusive", becomes no score) and reason.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <string_view>
#include <vector>

#include "formats/parse_limits.h"
#include "model/diagnostic.h"
#include "model/signal.h"

namespace cradle {

struct SignalParseResult {
  std::vector<Signal> signals;
  std::vector<Diagnostic> diagnostics;

  bool accepted() const { return !signals.empty() && !has_errors(diagnostics); }
};

// Each signal's evidence: the SHA-256 of `bytes`, the kind "OpenSSF Scorecard", the document's
// date as the time it was produced.
SignalParseResult parse_scorecard(std::string_view bytes, std::string_view file,
                                  const ParseLimits& limits = {});

}  // namespace cradle
