// libFuzzer target for parse_license_expression: no crash; what is not an expression says at
// least one error at a column inside the text (or just past it); and the canonical form of an
// expression is a fixed point that keeps its verdict.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "formats/spdx/license_expression.h"
#include "fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using cradle::fuzz::require;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = cradle::parse_license_expression(text);
  for (const auto& problem : parsed.problems) {
    require(!problem.message.empty(), "a problem has no message");
    require(problem.column >= 1 && problem.column <= size + 1,
            "a problem's column is outside the text");
  }
  if (!parsed.expression) {
    require(!parsed.problems.empty() && !parsed.valid(), "no expression, and no error saying why");
    return 0;
  }
  const std::string canonical = cradle::to_string(*parsed.expression);
  const auto reparsed = cradle::parse_license_expression(canonical);
  require(reparsed.expression.has_value(), "the canonical form is not an expression");
  require(cradle::to_string(*reparsed.expression) == canonical,
          "the canonical form is not a fixed point");
  require(reparsed.valid() == parsed.valid(), "the canonical form changes the verdict");
  return 0;
}
