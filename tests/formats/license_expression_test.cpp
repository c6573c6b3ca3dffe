// SPDX licence expressions (formats/spdx/license_expression.h): a table of valid, invalid and
// malformed expressions with what is said about each, the canonical form, every id and exception
// of the list read back in its own spelling, and the licence list's lookups.
#include "formats/spdx/license_expression.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "formats/spdx/spdx_license_list.h"
#include "model/ascii.h"

namespace cradle {
namespace {

std::string problems_of(const ParsedLicenseExpression& parsed) {
  std::string out;
  for (const auto& problem : parsed.problems) {
    if (!out.empty()) out += '\n';
    out += problem.severity == Severity::error ? "error" : "warning";
    out += " at " + std::to_string(problem.column) + ": " + problem.message;
  }
  return out;
}

struct Canonical {
  std::string_view text;
  std::string_view canonical;
};

TEST(LicenseExpression, ValidExpressionsReadBackInCanonicalForm) {
  const Canonical cases[] = {
      {"MIT", "MIT"},
      {"  MIT\t", "MIT"},
      {"MIT OR Apache-2.0", "MIT OR Apache-2.0"},
      {"mit or apache-2.0", "MIT OR Apache-2.0"},
      {"MIT and BSD-3-Clause", "MIT AND BSD-3-Clause"},
      // AND binds tighter than OR; WITH tighter than AND.
      {"MIT OR Apache-2.0 AND BSD-3-Clause", "MIT OR Apache-2.0 AND BSD-3-Clause"},
      {"(MIT OR Apache-2.0) AND BSD-3-Clause", "(MIT OR Apache-2.0) AND BSD-3-Clause"},
      {"((MIT))", "MIT"},
      {"(MIT AND ISC) OR Zlib", "MIT AND ISC OR Zlib"},
      {"MIT OR (ISC OR Zlib)", "MIT OR ISC OR Zlib"},
      {"GPL-2.0-or-later WITH Classpath-exception-2.0 OR MIT",
       "GPL-2.0-or-later WITH Classpath-exception-2.0 OR MIT"},
      {"gpl-2.0-only with classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"},
      {"LGPL-2.1-only+", "LGPL-2.1-only+"},
      {"LicenseRef-Acme-1.0 AND MIT", "LicenseRef-Acme-1.0 AND MIT"},
      {"DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
       "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"},
      {"GPL-3.0-only WITH AdditionRef-my-exception", "GPL-3.0-only WITH AdditionRef-my-exception"},
      {"(MIT)AND(ISC)", "MIT AND ISC"},
  };
  for (const auto& [text, canonical] : cases) {
    const auto parsed = parse_license_expression(text);
    ASSERT_TRUE(parsed.expression) << text << "\n" << problems_of(parsed);
    EXPECT_EQ(to_string(*parsed.expression), canonical) << text;
    EXPECT_TRUE(parsed.valid()) << text << "\n" << problems_of(parsed);
    // The canonical form is a fixed point.
    const auto again = parse_license_expression(canonical);
    ASSERT_TRUE(again.expression) << canonical;
    EXPECT_EQ(to_string(*again.expression), canonical);
    EXPECT_TRUE(again.problems.empty()) << canonical << "\n" << problems_of(again);
  }
}

TEST(LicenseExpression, PrecedenceShapesTheTree) {
  const auto parsed =
      parse_license_expression("MIT OR Apache-2.0 AND BSD-3-Clause WITH LLVM-exception");
  ASSERT_TRUE(parsed.expression);
  const LicenseExpression& top = *parsed.expression;
  ASSERT_EQ(top.kind, LicenseExpression::Kind::any_of);
  ASSERT_EQ(top.operands.size(), 2u);
  EXPECT_EQ(top.operands[0].term.id, "MIT");
  const LicenseExpression& both = top.operands[1];
  ASSERT_EQ(both.kind, LicenseExpression::Kind::all_of);
  ASSERT_EQ(both.operands.size(), 2u);
  EXPECT_EQ(both.operands[1].term.id, "BSD-3-Clause");
  EXPECT_EQ(both.operands[1].term.exception, "LLVM-exception");

  std::vector<std::string> ids;
  for_each_term(top, [&](const LicenseTerm& term) { ids.push_back(term.id); });
  EXPECT_EQ(ids, (std::vector<std::string>{"MIT", "Apache-2.0", "BSD-3-Clause"}));
}

struct Problem {
  std::string_view text;
  std::string_view said;  // every problem, as problems_of() writes them
};

TEST(LicenseExpression, MalformedExpressionsAreNotExpressions) {
  const Problem cases[] = {
      {"", "error at 1: an empty licence expression"},
      {"   ", "error at 1: an empty licence expression"},
      {"MIT AND",
       "error at 8: the expression ends after the operator AND: a licence id is missing"},
      {"AND MIT", "error at 1: expected a licence id, found the operator AND"},
      {"MIT AND OR Apache-2.0", "error at 9: expected a licence id, found the operator OR"},
      {"MIT Apache-2.0",
       "error at 5: 'Apache-2.0' follows 'MIT' with no operator between them: expected AND or OR"},
      {"MIT And Apache-2.0", "error at 5: 'And' is not an operator: write AND or and"},
      {"(MIT OR Apache-2.0", "error at 19: expected ')' to close the '(' at column 1"},
      {"MIT)", "error at 4: ')' closes no '('"},
      {"()", "error at 2: expected a licence id, found ')'"},
      {"(MIT OR ISC) WITH Classpath-exception-2.0",
       "error at 14: WITH follows a single licence, not a parenthesised expression"},
      {"GPL-2.0-only WITH", "error at 18: expected an exception id after WITH, found the end"},
      {"GPL-2.0-only WITH Classpath-exception-2.0 WITH LLVM-exception",
       "error at 43: a licence takes one exception: WITH appears twice"},
      {"MIT/Apache-2.0",
       "error at 4: '/' cannot be part of a licence id: ids hold letters, digits, '-' and '.'"},
      {"MIT++", "error at 1: '+' comes once, right after a licence id"},
      {"+", "error at 1: '+' comes once, right after a licence id"},
      {"LicenseRef-Acme+", "error at 16: '+' follows a listed licence id, not a LicenseRef-"},
      {"LicenseRef-",
       "error at 1: LicenseRef- is followed by an id of letters, digits, '-' and '.'"},
      {"DocumentRef-x",
       "error at 1: DocumentRef- is followed by an id, ':' and a LicenseRef- or AdditionRef-"},
      {"DocumentRef-x:MIT", "error at 1: 'DocumentRef-x:' is followed by LicenseRef-<id> here"},
      {"MIT:2", "error at 4: ':' comes only after a DocumentRef-<id>"},
      {"GPL-2.0-only WITH Classpath-exception-2.0+",
       "error at 42: '+' follows a licence id, not an exception"},
      {"NOASSERTION AND",
       "error at 1: NOASSERTION says that no licence is known: a licence field may hold it alone, "
       "but it is no licence of an expression\n"
       "error at 16: the expression ends after the operator AND: a licence id is missing"},
      {"M\xC3\xA9T",
       "error at 2: '\xC3\xA9' cannot be part of a licence id: ids hold letters, digits, '-' and "
       "'.'"},
      {"MIT\x1b[2J",
       "error at 4: '\\e' cannot be part of a licence id: ids hold letters, digits, '-' and '.'"},
  };
  for (const auto& [text, said] : cases) {
    const auto parsed = parse_license_expression(text);
    EXPECT_FALSE(parsed.expression) << text;
    EXPECT_FALSE(parsed.valid()) << text;
    EXPECT_EQ(problems_of(parsed), said) << text;
  }
}

TEST(LicenseExpression, IdsOnNoListMakeAnExpressionThatIsNotValid) {
  const Problem cases[] = {
      {"MIT AND FooBar-1.0",
       "error at 9: 'FooBar-1.0' is not on the SPDX licence list (a licence of your own is written "
       "LicenseRef-FooBar-1.0)"},
      {"Classpath-exception-2.0",
       "error at 1: 'Classpath-exception-2.0' is a licence exception: it follows WITH after a "
       "licence"},
      {"GPL-2.0-only WITH MIT",
       "error at 19: 'MIT' is a licence: WITH is followed by an exception or an AdditionRef-"},
      {"GPL-2.0-only WITH Foo-exception",
       "error at 19: 'Foo-exception' is not on the SPDX exception list (an addition of your own is "
       "written AdditionRef-Foo-exception)"},
      {"AdditionRef-x",
       "error at 1: 'AdditionRef-x' is an addition: it follows WITH after a licence"},
      {"MIT OR NONE",
       "error at 8: NONE says that no licence is known: a licence field may hold it alone, but it "
       "is no licence of an expression"},
  };
  for (const auto& [text, said] : cases) {
    const auto parsed = parse_license_expression(text);
    ASSERT_TRUE(parsed.expression) << text << "\n" << problems_of(parsed);
    EXPECT_FALSE(parsed.valid()) << text;
    EXPECT_EQ(problems_of(parsed), said) << text;
  }
  const auto unknown = parse_license_expression("MIT OR FooBar-1.0");
  ASSERT_TRUE(unknown.expression);
  EXPECT_EQ(unknown.expression->operands[1].term.source, LicenseIdSource::unlisted);
  EXPECT_EQ(to_string(*unknown.expression), "MIT OR FooBar-1.0");
}

TEST(LicenseExpression, DeprecatedIdsAndOtherCasesAreValidWithAWarning) {
  const Problem cases[] = {
      {"GPL-2.0",
       "warning at 1: 'GPL-2.0' is deprecated on the SPDX licence list: use GPL-2.0-only or "
       "GPL-2.0-or-later, as the licence text says"},
      {"GPL-2.0+",
       "warning at 1: 'GPL-2.0+' is deprecated on the SPDX licence list: use GPL-2.0-or-later"},
      {"wxWindows",
       "warning at 1: 'wxWindows' is deprecated on the SPDX licence list: use GPL-2.0-or-later "
       "WITH "
       "WxWindows-exception-3.1"},
      {"Net-SNMP",
       "warning at 1: 'Net-SNMP' is deprecated on the SPDX licence list: the list names no single "
       "replacement"},
      {"mit", "warning at 1: 'mit' is written 'MIT' on the SPDX licence list"},
      {"licenseref-acme", "warning at 1: 'licenseref-acme' is written 'LicenseRef-acme'"},
      {"GPL-2.0-only WITH Nokia-Qt-exception-1.1",
       "warning at 19: 'Nokia-Qt-exception-1.1' is deprecated on the SPDX exception list"},
  };
  for (const auto& [text, said] : cases) {
    const auto parsed = parse_license_expression(text);
    ASSERT_TRUE(parsed.expression) << text << "\n" << problems_of(parsed);
    EXPECT_TRUE(parsed.valid()) << text;
    EXPECT_EQ(problems_of(parsed), said) << text;
  }
  EXPECT_TRUE(parse_license_expression("GPL-2.0").expression->term.deprecated);
}

TEST(LicenseExpression, NestingIsBounded) {
  const std::string deep_enough = std::string(kMaxLicenseExpressionDepth, '(') + "MIT" +
                                  std::string(kMaxLicenseExpressionDepth, ')');
  EXPECT_TRUE(parse_license_expression(deep_enough).valid());
  const std::string too_deep = "(" + deep_enough + ")";
  const auto parsed = parse_license_expression(too_deep);
  EXPECT_FALSE(parsed.expression);
  EXPECT_EQ(problems_of(parsed), "error at 65: parentheses nested more than 64 deep");
  // A long flat chain is not nesting: it is read without recursion per operand.
  std::string chain = "MIT";
  for (int i = 0; i < 100000; ++i) chain += i % 2 ? " AND ISC" : " OR Zlib";
  const auto long_chain = parse_license_expression(chain);
  EXPECT_TRUE(long_chain.valid());
}

TEST(LicenseExpression, EveryListedIdAndExceptionReadsBackInItsOwnSpelling) {
  std::size_t licenses = 0;
  for (const SpdxLicense& license : spdx_licenses()) {
    for (const std::string& written :
         {std::string(license.id), ascii_lowercase(license.id), ascii_uppercase(license.id)}) {
      const auto parsed = parse_license_expression(written);
      ASSERT_TRUE(parsed.valid()) << written << "\n" << problems_of(parsed);
      EXPECT_EQ(to_string(*parsed.expression), license.id);
      EXPECT_EQ(parsed.expression->term.deprecated, license.deprecated);
    }
    ++licenses;
  }
  std::size_t exceptions = 0;
  for (const SpdxException& exception : spdx_exceptions()) {
    const std::string written = "GPL-2.0-or-later WITH " + ascii_lowercase(exception.id);
    const auto parsed = parse_license_expression(written);
    ASSERT_TRUE(parsed.valid()) << written << "\n" << problems_of(parsed);
    EXPECT_EQ(to_string(*parsed.expression), "GPL-2.0-or-later WITH " + std::string(exception.id));
    ++exceptions;
  }
  // The packaged list: 708 current and 26 deprecated licences, 66 + 1 exceptions.
  EXPECT_EQ(licenses, 734u);
  EXPECT_EQ(exceptions, 67u);
}

TEST(SpdxLicenseList, FindsIdsInAnyCaseAndNamesOnlyWhenUnambiguous) {
  ASSERT_NE(find_spdx_license("apache-2.0"), nullptr);
  EXPECT_EQ(find_spdx_license("apache-2.0")->id, "Apache-2.0");
  EXPECT_TRUE(find_spdx_license("Apache-2.0")->osi_approved);
  EXPECT_EQ(find_spdx_license("Apache-2.0+"), nullptr);
  EXPECT_EQ(find_spdx_license("Classpath-exception-2.0"), nullptr);
  EXPECT_NE(find_spdx_exception("classpath-exception-2.0"), nullptr);

  ASSERT_NE(spdx_license_named("Apache License 2.0"), nullptr);
  EXPECT_EQ(spdx_license_named("apache  license 2.0 ")->id, "Apache-2.0");
  EXPECT_EQ(spdx_license_named("MIT License")->id, "MIT");
  // The deprecated GPL-2.0 shares its name with GPL-2.0-only: the current one answers.
  EXPECT_EQ(spdx_license_named("GNU General Public License v2.0 only")->id, "GPL-2.0-only");
  EXPECT_EQ(spdx_license_named("Some Licence Nobody Wrote"), nullptr);

  EXPECT_EQ(spdx_license_at_url("https://spdx.org/licenses/Apache-2.0.html")->id, "Apache-2.0");
  EXPECT_EQ(spdx_license_at_url("http://opensource.org/licenses/mit-license.php"), nullptr)
      << "not an id: never guessed";
  EXPECT_EQ(spdx_license_at_url("https://opensource.org/licenses/MIT/")->id, "MIT");
  EXPECT_EQ(spdx_license_at_url("http://www.apache.org/licenses/LICENSE-2.0/")->id, "Apache-2.0")
      << "the list's own URL, without scheme, www. or trailing slash";
  EXPECT_EQ(spdx_license_at_url("https://www.gnu.org/licenses/fdl-1.3.txt"), nullptr)
      << "a URL the list gives for several licences names none of them";
  EXPECT_EQ(spdx_license_at_url("https://example.org/LICENSE"), nullptr);
}

}  // namespace
}  // namespace cradle
