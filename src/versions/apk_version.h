// Alpine, Wolfi and Chainguard package versions, ordered as apk-tools orders them (version.c):
// digits(.digits)*[letter][_suffix[N]]*[-rN]. Suffixes order _alpha < _beta < _pre < _rc < (none)
// < _cvs < _svn < _git < _hg < _p; the -rN package release compares last. A component after a dot
// with leading zeros compares below any component without them (1.01 < 1.1), as in apk-tools.
// apk-tools' own quirk is kept, since Alpine orders its packages with it: after a zero component
// an empty number is read, so 1.0_rc1 > 1.0 (while 1.1_rc1 < 1.1); a trailing separator reads as
// 0 ("1.0-r" == "1.0-r0"). One deviation: a trailing '_' naming no suffix is refused.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <compare>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.h"

namespace cradle {

struct ApkVersion {
  // The token kinds of apk-tools, in its order: a later kind at the same position sorts lower.
  enum class Token : std::int8_t {
    digit_or_zero,
    digit,
    letter,
    suffix,
    suffix_number,
    revision,
    end,
  };
  struct Part {
    Token token;
    std::int64_t value;  // number, letter code, or suffix rank (negative for pre-releases)
  };
  std::vector<Part> parts;
  std::string text;
};

// Accepts what apk-tools' version validation accepts (lowercase letters only, known suffixes).
std::expected<ApkVersion, Error> parse_apk_version(std::string_view text);

std::strong_ordering compare(const ApkVersion& a, const ApkVersion& b);

}  // namespace cradle
