// SPDX licence expressions: the grammar of SPDX 2.3 Annex D and SPDX 3.0 (AND, OR, WITH, '+',
// parentheses; LicenseRef-, DocumentRef-...:LicenseRef-, AdditionRef-), validated against the
// SPDX License List (formats/spdx/spdx_license_list.h).
//
// Precedence, tightest first: '+', WITH, AND, OR. Operators are written AND/and, OR/or,
// WITH/with (the grammar's case-sensitive alternatives); ids match in any case and are read back
// in the list's spelling.
//
// What the parser finds is graded:
//  - syntax errors (a dangling operator, an unclosed parenthesis, a character no id holds):
//    the text is not an expression, and `expression` is absent;
//  - validity errors (an id on neither list, an exception where a licence belongs or the
//    reverse): the text is an expression, kept with those terms marked, but not a valid one;
//  - warnings (a deprecated id, an id in another case than the list's): valid, said so.
//
// Threads: plain functions of their arguments.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"

namespace cradle {

// Where an id comes from.
enum class LicenseIdSource {
  listed,     // on the SPDX License List (licences) or its exception list (WITH)
  reference,  // LicenseRef-... or AdditionRef-..., possibly DocumentRef-...: before it
  unlisted,   // shaped as an id, on no list: a validity error
};

// A simple expression: one licence, '+' for "or later", and its exception if WITH gives one.
struct LicenseTerm {
  std::string id;  // as the list spells it when listed, else as written
  LicenseIdSource source = LicenseIdSource::listed;
  bool or_later = false;
  bool deprecated = false;
  std::string exception;  // empty without WITH
  LicenseIdSource exception_source = LicenseIdSource::listed;
  bool exception_deprecated = false;
};

struct LicenseExpression {
  enum class Kind { term, all_of /* AND */, any_of /* OR */ };
  Kind kind = Kind::term;
  LicenseTerm term;                         // kind == term
  std::vector<LicenseExpression> operands;  // all_of, any_of: two or more, none of this kind
};

struct LicenseExpressionProblem {
  Severity severity = Severity::error;
  std::size_t column = 0;  // 1-based byte column of the expression text it concerns
  std::string message;
};

struct ParsedLicenseExpression {
  std::optional<LicenseExpression> expression;  // absent after a syntax error
  std::vector<LicenseExpressionProblem> problems;

  // An expression with no error: well-formed, and every id on its list or a reference.
  bool valid() const;
  // The first problem that is an error, or nullptr.
  const LicenseExpressionProblem* first_error() const;
};

// Nested parentheses allowed (the parser and the tree's walks recurse once per level).
inline constexpr int kMaxLicenseExpressionDepth = 64;

ParsedLicenseExpression parse_license_expression(std::string_view text);

// The expression in SPDX's canonical form: ids spelled as the list does, operators in capitals,
// one space around each, parentheses only where precedence needs them. Equal expressions that
// differ in case, spacing or redundant parentheses read back the same.
std::string to_string(const LicenseExpression& expression);
// One licence as the canonical form writes it: "GPL-2.0-or-later WITH Classpath-exception-2.0".
std::string to_string(const LicenseTerm& term);

// What an SBOM reader warns about a licence field that holds an expression: "" when it is valid
// (warnings aside), else "licence expression '...' is not valid: column N: <first error>"
// (with how many more problems there are). The field is kept as written either way.
std::string license_expression_error(std::string_view text);

// Every term, left to right.
void for_each_term(const LicenseExpression& expression,
                   const std::function<void(const LicenseTerm&)>& visit);

}  // namespace cradle
