// The memory allocator the cradle binary runs on: mimalloc (Debian's libmimalloc) in release
// builds, for its cheaper small allocations (reading an SBOM or building an advisory index makes
// millions); the system's malloc in sanitized and fuzz builds, where AddressSanitizer owns it.
// Linking cli/allocator.cpp into an executable replaces its operator new and delete.
//
// Threads: the allocator serves every thread; allocator_name() may be called from any.
#pragma once

#include <string>

namespace cradle {

// "mimalloc 2.0.9" when mimalloc serves both malloc and operator new in this process (checked
// on live allocations, not assumed from the build), else "system malloc".
std::string allocator_in_use();

}  // namespace cradle
