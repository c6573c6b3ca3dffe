#include "versions/version_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace cradle {

std::optional<std::uint64_t> parse_decimal(std::string_view digits, bool allow_leading_zero) {
  if (digits.empty()) return std::nullopt;
  if (!allow_leading_zero && digits.size() > 1 && digits.front() == '0') return std::nullopt;
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

std::string decimal_problem(std::string_view digits, bool allow_leading_zero) {
  if (digits.empty()) return "an empty part";
  const bool all_digits = std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; });
  if (!all_digits) return fmt::format("'{}' is not a number", digits);
  if (!allow_leading_zero && digits.size() > 1 && digits.front() == '0') {
    return fmt::format("'{}' has a leading zero", digits);
  }
  return fmt::format("'{}' is a number above 2^64-1", digits);
}

Error version_error(std::string message, std::size_t offset) {
  Error error;
  error.code = ErrorCode::invalid_input;
  error.message = std::move(message);
  error.location.column = static_cast<int>(offset + 1);
  return error;
}

}  // namespace cradle
