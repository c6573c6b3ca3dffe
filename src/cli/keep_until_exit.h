// keep_until_exit(): a command hands its large results over to the end of the process instead
// of freeing them. A scan's report, advisory index and SBOM are hundreds of thousands of small
// allocations: freeing them one by one costs a tenth of the scan, and the operating system takes
// the memory back at once when the process ends. For plain data only: nothing runs their
// destructors, so nothing that must be flushed or closed. They stay reachable, so leak checkers
// (LeakSanitizer in the sanitizer build) do not report them.
//
// Threads: for the main thread, while the command line is set up.
#pragma once

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace cradle {

template <typename... Values>
void keep_until_exit(Values&&... values) {
  static auto* const kept = new std::vector<std::shared_ptr<const void>>();
  (kept->push_back(std::make_shared<const std::remove_cvref_t<Values>>(std::forward<Values>(values))),
   ...);
}

}  // namespace cradle
