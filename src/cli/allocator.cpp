#include "cli/allocator.h"

#include <cstdlib>
#include <memory>

#if CRADLE_MIMALLOC
#include <fmt/format.h>
#include <mimalloc-new-delete.h>  // operator new and delete, once for the whole executable
#include <mimalloc.h>
#endif

namespace cradle {

std::string allocator_in_use() {
#if CRADLE_MIMALLOC
  // malloc reaches mimalloc only if the dynamic linker binds it before libc's.
  void* from_malloc = std::malloc(16);
  auto from_new = std::make_unique<char[]>(16);
  const bool served = mi_is_in_heap_region(from_malloc) && mi_is_in_heap_region(from_new.get());
  std::free(from_malloc);
  if (served) {
    const int version = mi_version();  // 209 for 2.0.9
    return fmt::format("mimalloc {}.{}.{}", version / 100, version / 10 % 10, version % 10);
  }
#endif
  return "system malloc";
}

}  // namespace cradle
