// What every VEX reader returns: the statements it read, and diagnostics with JSON pointers.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"
#include "model/vex.h"

namespace cradle {

struct VexParseResult {
  std::vector<VexStatement> statements;
  std::vector<Diagnostic> diagnostics;
  bool read = false;  // the document could be read as VEX of its kind at all

  bool accepted() const { return read && !has_errors(diagnostics); }
};

// Every statement's evidence: the SHA-256 of the document's bytes, its kind, and the
// statement's own time as the time it was produced.
inline void stamp_vex_evidence(VexParseResult& result, std::string_view bytes, std::string_view kind) {
  const std::string sha256 = sha256_hex(bytes);
  for (VexStatement& statement : result.statements) {
    statement.evidence.sha256 = sha256;
    statement.evidence.kind = std::string(kind);
    statement.evidence.produced_at = statement.timestamp;
  }
}

}  // namespace cradle
