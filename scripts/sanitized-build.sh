# Sourced by scripts/test.sh --sanitize and scripts/fuzz.sh: the one sanitized build tree both
# use. clang-16 with AddressSanitizer + UBSan at -O1 (line tables only) with assertions on, the
# test suite and the libFuzzer targets side by side in build-asan/, so that the library is
# compiled once for both.
sanitized_build_dir=build-asan
sanitized_cmake_args=(-DCMAKE_CXX_COMPILER=clang++-16 -DCMAKE_BUILD_TYPE=RelWithDebInfo
                      "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" -DCRADLE_SANITIZE=ON -DCRADLE_FUZZ=ON
                      -DCRADLE_TESTS=ON -DCRADLE_BENCH=OFF)
