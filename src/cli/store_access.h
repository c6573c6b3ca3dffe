// What the commands that work on the evidence store share: opening it from --db / CRADLE_DB
// with the error reported once, and the one-line account of an advisory update.
#pragma once

#include <memory>
#include <string>

#include "store/advisory_update.h"
#include "store/store.h"

namespace cradle {

// The store `option` (or CRADLE_DB, or the default) names; nullptr after printing why it could
// not be opened.
std::unique_ptr<Store> open_store_or_report(const std::string& option, OpenMode mode);

// Diagnostics on stderr, then "SOURCE: N records read: ..." on stdout.
void print_advisory_update(const AdvisoryUpdate& update);

}  // namespace cradle
