// Control characters shown escaped: C0, DEL, C1, bidi controls; ordinary UTF-8 left as it is.
#include "model/display_text.h"

#include <gtest/gtest.h>

#include <string>

#include "model/diagnostic.h"

namespace cradle {
namespace {

TEST(DisplayText, EscapesEveryControlCharacter) {
  EXPECT_EQ(shown("a\x1b]0;title\x07z"), "a\\e]0;title\\x07z");
  EXPECT_EQ(shown("\x1b[2J"), "\\e[2J");
  EXPECT_EQ(shown("line\r\nforged\tx"), "line\\r\\nforged\\tx");
  EXPECT_EQ(shown(std::string("nul\0del\x7f", 8)), "nul\\x00del\\x7f");
  EXPECT_EQ(shown("c1 \xc2\x9b" "31m \xc2\x85"), "c1 \\x9b31m \\x85");  // CSI and NEL
  EXPECT_EQ(shown("\xe2\x80\xae" "exe.txt"), "\\u{202e}exe.txt");      // RIGHT-TO-LEFT OVERRIDE
  EXPECT_EQ(shown("\xe2\x81\xa6x\xe2\x81\xa9"), "\\u{2066}x\\u{2069}");  // isolates
  EXPECT_EQ(shown("\xe2\x80\x8f\xd8\x9c"), "\\u{200f}\\u{061c}");        // RLM, ALM
}

TEST(DisplayText, LeavesOrdinaryTextAlone) {
  const std::string text = "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92 \xe2\x80\x94 \xc2\xa0 plain";
  EXPECT_EQ(shown(text), text);
  EXPECT_EQ(shown(""), "");
}

TEST(DisplayText, LinesKeepTheirNewlinesOnly) {
  EXPECT_EQ(shown_lines("one\ntwo\r\n\x1b[0m"), "one\ntwo\\r\n\\e[0m");
  EXPECT_EQ(fmt::format("[{}]", Shown{"a\nb"}), "[a\\nb]");
}

TEST(DisplayText, AnEchoedValueIsClippedAtACharacterBoundary) {
  std::string out;
  append_shown_clipped(out, "abc\x1b", 10);
  EXPECT_EQ(out, "abc\\e");
  out.clear();
  append_shown_clipped(out, "ab\xc3\xa9" "cd", 3);  // the cut would fall inside the e-acute
  EXPECT_EQ(out, "ab ... (4 more bytes)");
  // A diagnostic echoing a megabyte-long value stays a line.
  const Diagnostic echo{Severity::error, "x.json", {0, 0, "/components/0/purl"},
                        "invalid purl '" + std::string(1 << 20, 'a') + "'"};
  const std::string line = format_diagnostic(echo);
  EXPECT_LT(line.size(), 700u);
  EXPECT_TRUE(line.ends_with(" ... (1047991 more bytes)")) << line.substr(line.size() - 40);
}

TEST(DisplayText, ATruncatedSequenceAtTheEndIsLeftAsItIs) {
  EXPECT_EQ(shown("x\xc2"), "x\xc2");
  EXPECT_EQ(shown("x\xe2\x80"), "x\xe2\x80");
}

}  // namespace
}  // namespace cradle
