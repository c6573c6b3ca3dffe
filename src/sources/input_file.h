// Reading a user's input file (or "-" for standard input) whole, with a size limit.
//
// Threads: plain functions; each call reads its own file.
#pragma once

#include <cstddef>
#include <expected>
#include <string>

#include "model/error.h"

namespace cradle {

// The bytes returned are followed, in the same allocation, by kInputPadding zero bytes (the
// string's capacity covers them), so that a parser may read past the end (ParseLimits::
// readable_padding) while the string is unchanged.
inline constexpr std::size_t kInputPadding = 64;

std::expected<std::string, Error> read_input_file(const std::string& path, std::size_t max_bytes);

}  // namespace cradle
