// OSV vulnerability records (OSV schema 1.x), JSON or YAML -> Advisory. Pure: bytes in, the
// record and diagnostics (with JSON pointers; YAML syntax errors with line:column) out.
//
// Checked beyond types: `id` and `modified` are required; an affected package names its
// ecosystem and name; a range has a known type, at least one `introduced` event, never both
// `fixed` and `last_affected`, and a GIT range its `repo`; each event has exactly one of
// introduced / fixed / last_affected / limit.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "formats/parse_limits.h"
#include "model/advisory.h"
#include "model/diagnostic.h"

namespace cradle {

struct AdvisoryParseResult {
  std::optional<Advisory> advisory;  // empty only when nothing usable could be read
  std::vector<Diagnostic> diagnostics;

  bool accepted() const { return advisory.has_value() && !has_errors(diagnostics); }
};

AdvisoryParseResult parse_osv_json(std::string_view bytes, std::string_view file,
                                   const ParseLimits& limits = {});
AdvisoryParseResult parse_osv_yaml(std::string_view bytes, std::string_view file,
                                   const ParseLimits& limits = {});
// JSON when the first non-blank character is '{', YAML otherwise.
AdvisoryParseResult parse_osv(std::string_view bytes, std::string_view file,
                              const ParseLimits& limits = {});

}  // namespace cradle
