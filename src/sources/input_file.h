// Reading a user's input file (or "-" for standard input) whole, with a size limit.
#pragma once

#include <cstddef>
#include <expected>
#include <string>

#include "model/error.h"

namespace cradle {

std::expected<std::string, Error> read_input_file(const std::string& path, std::size_t max_bytes);

}  // namespace cradle
