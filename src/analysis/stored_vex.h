// stored_vex_statements(): the VEX statements the store keeps, as evaluation applies them
// (analysis/vex.h): the rows of vex_statements, and for documents kept before statements had
// rows (schema version 6) the statements parsed again from the document's bytes.
//
// Threads: plain functions of their arguments.
#pragma once

#include <expected>
#include <span>
#include <string>
#include <vector>

#include "model/diagnostic.h"
#include "model/error.h"
#include "model/vex.h"
#include "store/vex_store.h"

namespace cradle {

// Every statement kept, or, with `naming` given, those of the documents naming one of these ids.
// A kept document that no longer parses adds its diagnostics and no statements.
std::expected<std::vector<VexStatement>, Error> stored_vex_statements(
    VexStore& store, std::vector<Diagnostic>& diagnostics, std::span<const std::string> naming = {});

}  // namespace cradle
