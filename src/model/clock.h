// Clock: where cradle takes "now" from when it stamps what it records (an ingest, an
// evaluation, a job, a delivery). The wall clock, or a fixed instant for tests and `--now`, so
// that the same inputs record the same times. A time read from a document is never the clock's.
//
// Threads: a value; safe to read from several threads.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "model/date_time.h"

namespace cradle {

class Clock {
 public:
  Clock() = default;  // the wall clock
  static Clock fixed(std::chrono::sys_seconds at) {
    Clock clock;
    clock.fixed_ = at;
    return clock;
  }

  std::chrono::system_clock::time_point now() const {
    return fixed_ ? std::chrono::system_clock::time_point(*fixed_) : std::chrono::system_clock::now();
  }
  // RFC 3339 UTC, to the second.
  std::string now_text() const { return format_rfc3339_utc(now()); }
  bool is_fixed() const { return fixed_.has_value(); }

 private:
  std::optional<std::chrono::sys_seconds> fixed_;
};

}  // namespace cradle
