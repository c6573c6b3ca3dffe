// ParseLimits: how large and how deep an input cradle accepts before refusing it, and what the
// caller guarantees about the bytes it passes.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>

namespace cradle {

struct ParseLimits {
  std::size_t max_bytes = std::size_t{1} << 30;  // 1 GiB
  std::size_t max_depth = 512;                   // nesting of JSON / XML / components
  // Bytes past the end of the input that are allocated, initialised and readable (the input
  // being all of one buffer, as read_input_file() pads it). With at least simdjson's padding
  // (64), JSON is parsed in place instead of being copied first.
  std::size_t readable_padding = 0;
};

}  // namespace cradle
