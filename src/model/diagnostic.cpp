#include "model/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/display_text.h"

namespace cradle {

std::string format_diagnostic(const Diagnostic& diagnostic) {
  // Printed on a terminal: what the input holds is shown escaped (model/display_text.h).
  std::string out = diagnostic.file.empty() ? std::string("<input>") : shown(diagnostic.file);
  const SourceLocation& at = diagnostic.location;
  if (at.line > 0) {
    out += fmt::format(":{}:{}", at.line, at.column);
  }
  // A diagnostic is a line or two: a value it echoes (an invalid purl, a key) is clipped.
  if (!at.json_pointer.empty()) {
    out += ": ";
    append_shown_clipped(out, at.json_pointer, 300);
  }
  out += diagnostic.severity == Severity::error ? ": error: " : ": warning: ";
  append_shown_clipped(out, diagnostic.message, 600);
  return out;
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::ranges::any_of(
      diagnostics, [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void make_warnings_errors(std::vector<Diagnostic>& diagnostics) {
  for (Diagnostic& d : diagnostics) {
    if (d.severity != Severity::warning) continue;
    d.severity = Severity::error;
    d.message += " (an error under --strict)";
  }
}

const Diagnostic* first_error(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& diagnostic : diagnostics) {
    if (diagnostic.severity == Severity::error) return &diagnostic;
  }
  return nullptr;
}

}  // namespace cradle
