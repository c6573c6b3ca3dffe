// ParseLimits: how large and how deep an input cradle accepts before refusing it.
#pragma once

#include <cstddef>

namespace cradle {

struct ParseLimits {
  std::size_t max_bytes = std::size_t{1} << 30;  // 1 GiB
  std::size_t max_depth = 512;                   // nesting of JSON / XML / components
};

}  // namespace cradle
