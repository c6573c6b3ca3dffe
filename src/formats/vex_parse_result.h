// What every VEX reader returns: the statements it read, and diagnostics with JSON pointers.
#pragma once

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

}  // namespace cradle
