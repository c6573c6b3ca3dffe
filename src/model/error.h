// Error: why an operation could not produce its value. Returned in std::expected, never thrown.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <string>

#include "model/diagnostic.h"

namespace cradle {

enum class ErrorCode {
  invalid_input,   // the input does not follow its format
  unsupported,     // a valid input cradle does not handle (an unknown spec version, say)
  limit_exceeded,  // the input is larger or deeper than cradle accepts
  io,              // reading or writing failed
  busy,            // the store stayed locked by another writer beyond the lock timeout
};

struct Error {
  ErrorCode code = ErrorCode::invalid_input;
  std::string message;
  SourceLocation location;
};

}  // namespace cradle
