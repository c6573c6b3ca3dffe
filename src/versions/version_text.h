// Small text helpers the version schemes share: bounded decimal parsing and the Error a scheme
// returns (ASCII classes are model/ascii.h's).
//
// Threads: plain functions of their arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/ascii.h"
#include "model/error.h"

namespace cradle {

// Digits only, at most 2^64-1; "0" but no other leading zero unless `allow_leading_zero`.
std::optional<std::uint64_t> parse_decimal(std::string_view digits, bool allow_leading_zero);
// Why parse_decimal() refused `digits`, as an error message names it: "an empty part", "'0123'
// has a leading zero", "'99999999999999999999' is a number above 2^64-1", "'1a' is not a number".
std::string decimal_problem(std::string_view digits, bool allow_leading_zero);

// An invalid_input Error whose location column is `offset` + 1 (columns count from 1).
Error version_error(std::string message, std::size_t offset);

}  // namespace cradle
