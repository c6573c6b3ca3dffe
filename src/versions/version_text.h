// Small text helpers the version schemes share: ASCII classes (locale-free, as the reference
// implementations use), bounded decimal parsing, and the Error a scheme returns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/error.h"

namespace cradle {

constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_ascii_alnum(char c) { return is_ascii_digit(c) || is_ascii_alpha(c); }
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::string ascii_lowercase(std::string_view text);

// Digits only, at most 2^64-1; "0" but no other leading zero unless `allow_leading_zero`.
std::optional<std::uint64_t> parse_decimal(std::string_view digits, bool allow_leading_zero);
// Why parse_decimal() refused `digits`, as an error message names it: "an empty part", "'0123'
// has a leading zero", "'99999999999999999999' is a number above 2^64-1", "'1a' is not a number".
std::string decimal_problem(std::string_view digits, bool allow_leading_zero);

// An invalid_input Error whose location column is `offset` + 1 (columns count from 1).
Error version_error(std::string message, std::size_t offset);

}  // namespace cradle
