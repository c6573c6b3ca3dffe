// Diagnostic: one thing a stage has to say about an input it read, with where it is.
//
// A location is either a text position (line and column, 1-based) or a JSON pointer into the
// document (RFC 6901), or both. Diagnostics are values; stages collect them and go on, so
// that one bad record never hides the rest of a batch.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <string>
#include <vector>

namespace cradle {

enum class Severity { error, warning };

struct SourceLocation {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  std::string json_pointer;

  bool empty() const { return line == 0 && json_pointer.empty(); }
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;
  SourceLocation location;
  std::string message;
};

// "file:line:column: error: message" or "file: /json/pointer: error: message".
std::string format_diagnostic(const Diagnostic& diagnostic);

bool has_errors(const std::vector<Diagnostic>& diagnostics);

// --strict: every warning becomes an error, saying so. A warning is a problem that changes
// nothing cradle matches (the input is read and used); some users want such input refused.
void make_warnings_errors(std::vector<Diagnostic>& diagnostics);

// The first error among `diagnostics`, or nullptr.
const Diagnostic* first_error(const std::vector<Diagnostic>& diagnostics);

}  // namespace cradle
