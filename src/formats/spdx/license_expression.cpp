#include "formats/spdx/license_expression.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "formats/spdx/spdx_license_list.h"
#include "model/ascii.h"
#include "model/display_text.h"

namespace cradle {
namespace {

enum class TokenKind { end, open, close, and_operator, or_operator, with_operator, word };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string_view text;
  std::size_t offset = 0;
};

constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
constexpr bool is_id_character(char c) { return is_ascii_alnum(c) || c == '-' || c == '.'; }

constexpr bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && ascii_iequals(text.substr(0, prefix.size()), prefix);
}

// A word as an operator would be written in another case ("And"): the grammar's operators are
// all capitals or all lowercase.
bool is_miscased_operator(std::string_view word) {
  return ascii_iequals(word, "AND") || ascii_iequals(word, "OR") || ascii_iequals(word, "WITH");
}

// An id or word of the input as a message quotes it: escaped, and at most 80 bytes of it (an
// SBOM may hold an "id" as long as the file).
std::string quote_input(std::string_view text) {
  std::string out = "'";
  append_shown_clipped(out, text, 80);
  return out + "'";
}

std::string describe(const Token& token) {
  switch (token.kind) {
    case TokenKind::end:
      return "the end";
    case TokenKind::open:
      return "'('";
    case TokenKind::close:
      return "')'";
    case TokenKind::and_operator:
    case TokenKind::or_operator:
    case TokenKind::with_operator:
      return fmt::format("the operator {}", token.text);
    case TokenKind::word:
      break;
  }
  return quote_input(token.text);
}

std::string deprecation_advice(const SpdxLicense& license, bool or_later) {
  if (license.replacement.empty()) return "the list names no single replacement";
  if (or_later && !license.replacement_or_later.empty()) {
    return fmt::format("use {}", license.replacement_or_later);
  }
  if (!license.replacement_or_later.empty()) {
    return fmt::format("use {} or {}, as the licence text says", license.replacement,
                       license.replacement_or_later);
  }
  return fmt::format("use {}", license.replacement);
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<LicenseExpressionProblem>& problems)
      : text_(text), problems_(problems) {}

  std::optional<LicenseExpression> parse() {
    if (peek().kind == TokenKind::end) {
      return fail(0, "an empty licence expression");
    }
    auto expression = any_of(0);
    if (!expression) return std::nullopt;
    if (const Token next = peek(); next.kind != TokenKind::end) return unexpected(next);
    return expression;
  }

 private:
  std::optional<LicenseExpression> any_of(int depth) {
    return joined(depth, TokenKind::or_operator);
  }

  // Operands joined by `op`: OR joins AND-groups, AND joins WITH-terms.
  std::optional<LicenseExpression> joined(int depth, TokenKind op) {
    auto operand = [&]() {
      return op == TokenKind::or_operator ? joined(depth, TokenKind::and_operator) : primary(depth);
    };
    auto first = operand();
    if (!first || peek().kind != op) return first;
    LicenseExpression out;
    out.kind = op == TokenKind::or_operator ? LicenseExpression::Kind::any_of
                                            : LicenseExpression::Kind::all_of;
    append(out, std::move(*first));
    while (peek().kind == op) {
      previous_ = take();
      auto next = operand();
      if (!next) return std::nullopt;
      append(out, std::move(*next));
    }
    return out;
  }

  // An operand of the same kind as `group` gives its operands ("(a OR b) OR c" is one OR).
  static void append(LicenseExpression& group, LicenseExpression operand) {
    if (operand.kind != group.kind) {
      group.operands.push_back(std::move(operand));
      return;
    }
    for (auto& inner : operand.operands) group.operands.push_back(std::move(inner));
  }

  std::optional<LicenseExpression> primary(int depth) {
    const Token token = take();
    switch (token.kind) {
      case TokenKind::open:
        return parenthesised(token, depth);
      case TokenKind::word:
        return term(token);
      case TokenKind::end:
        if (previous_.kind == TokenKind::end) return fail(token.offset, "expected a licence id");
        return fail(token.offset,
                    fmt::format("the expression ends after {}: a licence id is missing",
                                describe(previous_)));
      default:
        return fail(token.offset, fmt::format("expected a licence id, found {}", describe(token)));
    }
  }

  std::optional<LicenseExpression> parenthesised(const Token& open, int depth) {
    if (depth + 1 > kMaxLicenseExpressionDepth) {
      return fail(open.offset,
                  fmt::format("parentheses nested more than {} deep", kMaxLicenseExpressionDepth));
    }
    previous_ = open;
    auto inner = any_of(depth + 1);
    if (!inner) return std::nullopt;
    const Token close = peek();
    if (close.kind != TokenKind::close) {
      if (close.kind == TokenKind::end) {
        return fail(close.offset,
                    fmt::format("expected ')' to close the '(' at column {}", open.offset + 1));
      }
      return unexpected(close);
    }
    previous_ = take();
    if (peek().kind == TokenKind::with_operator) {
      return fail(peek().offset, "WITH follows a single licence, not a parenthesised expression");
    }
    return inner;
  }

  std::optional<LicenseExpression> term(const Token& word) {
    LicenseExpression out;
    if (!read_license(word, out.term)) return std::nullopt;
    previous_ = word;
    if (peek().kind != TokenKind::with_operator) return out;
    previous_ = take();
    const Token addition = take();
    if (addition.kind != TokenKind::word) {
      return fail(addition.offset,
                  fmt::format("expected an exception id after WITH, found {}", describe(addition)));
    }
    if (!read_addition(addition, out.term)) return std::nullopt;
    previous_ = addition;
    if (peek().kind == TokenKind::with_operator) {
      return fail(peek().offset, "a licence takes one exception: WITH appears twice");
    }
    return out;
  }

  // What follows a complete operand where an operator or the end belongs.
  std::nullopt_t unexpected(const Token& token) {
    if (token.kind == TokenKind::close) return fail(token.offset, "')' closes no '('");
    if (token.kind == TokenKind::word && is_miscased_operator(token.text)) {
      return fail(token.offset,
                  fmt::format("'{}' is not an operator: write {} or {}", token.text,
                              ascii_uppercase(token.text), ascii_lowercase(token.text)));
    }
    return fail(token.offset, fmt::format("{} follows {} with no operator between them: expected "
                                          "AND or OR",
                                          describe(token), describe(previous_)));
  }

  // The characters of an id: letters, digits, '-', '.', and where the grammar has them a final
  // '+' and the ':' after a DocumentRef-. False after saying which character is not.
  bool check_characters(const Token& word) {
    for (std::size_t i = 0; i < word.text.size(); ++i) {
      const char c = word.text[i];
      if (is_id_character(c) || c == '+' || c == ':') continue;
      std::size_t length = 1;  // the whole UTF-8 sequence, to show one character
      while (i + length < word.text.size() && (word.text[i + length] & 0xC0) == 0x80) ++length;
      fail(word.offset + i, fmt::format("'{}' cannot be part of a licence id: ids hold letters, "
                                        "digits, '-' and '.'",
                                        Shown{word.text.substr(i, length)}));
      return false;
    }
    return true;
  }

  // `text` as "[DocumentRef-<id>:]<prefix><id>", with both prefixes restored to their case
  // (warning when they were not in it); nullopt when it is not of that shape. A shape error
  // is said when `text` starts as one but does not finish.
  std::optional<std::string> reference(std::string_view text, std::size_t offset,
                                       std::string_view prefix, bool& bad) {
    std::string out;
    std::string_view rest = text;
    if (starts_with_ignoring_case(text, "DocumentRef-")) {
      const std::size_t colon = text.find(':');
      const std::string_view document =
          text.substr(12, colon == std::string_view::npos ? colon : colon - 12);
      if (colon == std::string_view::npos || document.empty() ||
          !std::ranges::all_of(document, is_id_character)) {
        bad = true;
        fail(offset, "DocumentRef- is followed by an id, ':' and a LicenseRef- or AdditionRef-");
        return std::nullopt;
      }
      out = fmt::format("DocumentRef-{}:", document);
      rest = text.substr(colon + 1);
    }
    if (!starts_with_ignoring_case(rest, prefix)) {
      if (!out.empty()) {
        bad = true;
        fail(offset, fmt::format("'{}' is followed by {}<id> here", out, prefix));
      }
      return std::nullopt;
    }
    const std::string_view id = rest.substr(prefix.size());
    if (id.empty() || !std::ranges::all_of(id, is_id_character)) {
      bad = true;
      fail(offset, fmt::format("{} is followed by an id of letters, digits, '-' and '.'", prefix));
      return std::nullopt;
    }
    out += prefix;
    out += id;
    if (out != text) {  // only a prefix can differ
      warn(offset, fmt::format("{} is written {}", quote_input(text), quote_input(out)));
    }
    return out;
  }

  bool read_license(const Token& word, LicenseTerm& term) {
    if (!check_characters(word)) return false;
    term.or_later = word.text.ends_with('+');
    const std::string_view base =
        term.or_later ? word.text.substr(0, word.text.size() - 1) : word.text;
    if (base.empty() || base.find('+') != std::string_view::npos) {
      fail(word.offset, "'+' comes once, right after a licence id");
      return false;
    }
    bool bad = false;
    if (auto ref = reference(base, word.offset, "LicenseRef-", bad)) {
      if (term.or_later) {
        fail(word.offset + base.size(), "'+' follows a listed licence id, not a LicenseRef-");
        return false;
      }
      term.id = std::move(*ref);
      term.source = LicenseIdSource::reference;
      return true;
    }
    if (bad) return false;
    if (base.find(':') != std::string_view::npos) {
      fail(word.offset + base.find(':'), "':' comes only after a DocumentRef-<id>");
      return false;
    }
    if (const SpdxLicense* listed = find_spdx_license(base)) {
      term.id = listed->id;
      if (listed->id != base) {
        warn(word.offset, fmt::format("{} is written '{}' on the SPDX licence list",
                                      quote_input(base), listed->id));
      }
      if (listed->deprecated) {
        term.deprecated = true;
        warn(word.offset,
             fmt::format("'{}{}' is deprecated on the SPDX licence list: {}", listed->id,
                         term.or_later ? "+" : "", deprecation_advice(*listed, term.or_later)));
      }
      return true;
    }
    term.id = base;
    term.source = LicenseIdSource::unlisted;
    if (base == "NONE" || base == "NOASSERTION") {
      invalid(word.offset,
              fmt::format("{} says that no licence is known: a licence field may hold it "
                          "alone, but it is no licence of an expression",
                          base));
    } else if (const SpdxException* exception = find_spdx_exception(base)) {
      invalid(word.offset,
              fmt::format("'{}' is a licence exception: it follows WITH after a licence",
                          exception->id));
    } else if (starts_with_ignoring_case(base, "AdditionRef-")) {
      invalid(word.offset,
              fmt::format("{} is an addition: it follows WITH after a licence", quote_input(base)));
    } else {
      invalid(word.offset, fmt::format("{} is not on the SPDX licence list (a licence of your own "
                                       "is written LicenseRef-{})",
                                       quote_input(base), shown(base.substr(0, 80))));
    }
    return true;
  }

  bool read_addition(const Token& word, LicenseTerm& term) {
    if (!check_characters(word)) return false;
    if (const std::size_t plus = word.text.find('+'); plus != std::string_view::npos) {
      fail(word.offset + plus, "'+' follows a licence id, not an exception");
      return false;
    }
    bool bad = false;
    if (auto ref = reference(word.text, word.offset, "AdditionRef-", bad)) {
      term.exception = std::move(*ref);
      term.exception_source = LicenseIdSource::reference;
      return true;
    }
    if (bad) return false;
    if (const std::size_t colon = word.text.find(':'); colon != std::string_view::npos) {
      fail(word.offset + colon, "':' comes only after a DocumentRef-<id>");
      return false;
    }
    if (const SpdxException* listed = find_spdx_exception(word.text)) {
      term.exception = listed->id;
      if (listed->id != word.text) {
        warn(word.offset, fmt::format("{} is written '{}' on the SPDX exception list",
                                      quote_input(word.text), listed->id));
      }
      if (listed->deprecated) {
        term.exception_deprecated = true;
        warn(word.offset, fmt::format("'{}' is deprecated on the SPDX exception list", listed->id));
      }
      return true;
    }
    term.exception = word.text;
    term.exception_source = LicenseIdSource::unlisted;
    if (starts_with_ignoring_case(word.text, "LicenseRef-") || find_spdx_license(word.text)) {
      invalid(word.offset, fmt::format("{} is a licence: WITH is followed by an exception or an "
                                       "AdditionRef-",
                                       quote_input(word.text)));
    } else {
      invalid(word.offset, fmt::format("{} is not on the SPDX exception list (an addition of your "
                                       "own is written AdditionRef-{})",
                                       quote_input(word.text), shown(word.text.substr(0, 80))));
    }
    return true;
  }

  Token peek() {
    if (!peeked_) peeked_ = lex();
    return *peeked_;
  }

  Token take() {
    const Token token = peek();
    peeked_.reset();
    return token;
  }

  Token lex() {
    while (position_ < text_.size() && is_space(text_[position_])) ++position_;
    const std::size_t start = position_;
    if (start == text_.size()) return {TokenKind::end, {}, start};
    const char c = text_[start];
    if (c == '(' || c == ')') {
      ++position_;
      return {c == '(' ? TokenKind::open : TokenKind::close, text_.substr(start, 1), start};
    }
    while (position_ < text_.size() && !is_space(text_[position_]) && text_[position_] != '(' &&
           text_[position_] != ')') {
      ++position_;
    }
    const std::string_view word = text_.substr(start, position_ - start);
    TokenKind kind = TokenKind::word;
    if (word == "AND" || word == "and") kind = TokenKind::and_operator;
    if (word == "OR" || word == "or") kind = TokenKind::or_operator;
    if (word == "WITH" || word == "with") kind = TokenKind::with_operator;
    return {kind, word, start};
  }

  std::nullopt_t fail(std::size_t offset, std::string message) {
    problems_.push_back({Severity::error, offset + 1, std::move(message)});
    return std::nullopt;
  }
  void invalid(std::size_t offset, std::string message) {
    problems_.push_back({Severity::error, offset + 1, std::move(message)});
  }
  void warn(std::size_t offset, std::string message) {
    problems_.push_back({Severity::warning, offset + 1, std::move(message)});
  }

  std::string_view text_;
  std::vector<LicenseExpressionProblem>& problems_;
  std::size_t position_ = 0;
  std::optional<Token> peeked_;
  Token previous_;  // the token before the one being read, for messages
};

void write(const LicenseExpression& expression, std::string& out) {
  if (expression.kind == LicenseExpression::Kind::term) {
    out += to_string(expression.term);
    return;
  }
  const bool all_of = expression.kind == LicenseExpression::Kind::all_of;
  for (std::size_t i = 0; i < expression.operands.size(); ++i) {
    if (i > 0) out += all_of ? " AND " : " OR ";
    const LicenseExpression& operand = expression.operands[i];
    // Operands are never of their group's kind; only an OR inside an AND needs parentheses.
    const bool parenthesise = all_of && operand.kind == LicenseExpression::Kind::any_of;
    if (parenthesise) out += '(';
    write(operand, out);
    if (parenthesise) out += ')';
  }
}

}  // namespace

const LicenseExpressionProblem* ParsedLicenseExpression::first_error() const {
  auto found = std::ranges::find(problems, Severity::error, &LicenseExpressionProblem::severity);
  return found == problems.end() ? nullptr : &*found;
}

bool ParsedLicenseExpression::valid() const { return expression && first_error() == nullptr; }

std::string to_string(const LicenseTerm& term) {
  std::string out = term.id;
  if (term.or_later) out += '+';
  if (!term.exception.empty()) out += " WITH " + term.exception;
  return out;
}

ParsedLicenseExpression parse_license_expression(std::string_view text) {
  ParsedLicenseExpression out;
  out.expression = Parser(text, out.problems).parse();
  return out;
}

std::string to_string(const LicenseExpression& expression) {
  std::string out;
  write(expression, out);
  return out;
}

std::string license_expression_error(std::string_view text) {
  const ParsedLicenseExpression parsed = parse_license_expression(text);
  if (parsed.valid()) return {};
  const LicenseExpressionProblem* first = parsed.first_error();
  std::string out = "licence expression '";
  append_shown_clipped(out, text, 200);
  out += fmt::format("' is not valid: column {}: {}", first->column, first->message);
  if (parsed.problems.size() > 1) {
    out += fmt::format(" (and {} more problem{})", parsed.problems.size() - 1,
                       parsed.problems.size() == 2 ? "" : "s");
  }
  return out;
}

void for_each_term(const LicenseExpression& expression,
                   const std::function<void(const LicenseTerm&)>& visit) {
  if (expression.kind == LicenseExpression::Kind::term) {
    visit(expression.term);
    return;
  }
  for (const LicenseExpression& operand : expression.operands) for_each_term(operand, visit);
}

}  // namespace cradle
