// A compact binary form of a parsed Advisory, kept in the store beside the record's bytes so
// that a scan need not parse JSON again: length-prefixed fields in a fixed order behind a
// magic and format version. The stored record's bytes stay the evidence; the snapshot is a
// cache of what parse_osv() read from them, and a snapshot of another format version (or a
// damaged one) is refused, never half-read, so the caller parses the bytes instead.
// The evidence (source, hash, times) is not in the snapshot: it comes with the stored document.
//
// Threads: plain functions of their arguments.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/advisory.h"

namespace cradle {

std::string write_advisory_snapshot(const Advisory& advisory);
std::optional<Advisory> read_advisory_snapshot(std::string_view bytes);

}  // namespace cradle
