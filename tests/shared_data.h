// Where the public test data set lives: $CRADLE_SHARED_DATA, else ../shared/data beside the
// checkout. Tests that need it skip, saying so, when it is absent.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace cradle::testing {

inline std::filesystem::path shared_data_dir() {
  if (const char* env = std::getenv("CRADLE_SHARED_DATA"); env != nullptr && *env != '\0') {
    return env;
  }
  return CRADLE_DEFAULT_SHARED_DATA;
}

inline std::filesystem::path test_data_dir() { return CRADLE_TEST_DATA_DIR; }
// The checkout's root (tests/data's grandparent): examples/, schemas and scripts are under it.
inline std::filesystem::path project_root() { return test_data_dir().parent_path().parent_path(); }

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace cradle::testing

#define CRADLE_REQUIRE_SHARED_DATA()                                                     \
  do {                                                                                   \
    if (!std::filesystem::is_directory(::cradle::testing::shared_data_dir())) {          \
      GTEST_SKIP() << "public data set not found at "                                    \
                   << ::cradle::testing::shared_data_dir()                               \
                   << " (set CRADLE_SHARED_DATA to run this test)";                      \
    }                                                                                    \
  } while (false)
