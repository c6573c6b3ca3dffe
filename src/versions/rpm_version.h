// RPM package versions (Red Hat, AlmaLinux, Rocky Linux, SUSE, openSUSE, Mageia), ordered as
// librpm orders them: [epoch:]version[-release]. Each part compares with rpmvercmp: runs of
// letters or digits, other characters only separate; digits compare numerically and beat
// letters; '~' sorts before anything (even the end), '^' after the end but before anything else.
// As librpm's rpmverCmp (rpm 4.18) does, a missing release compares as the empty string, so
// 1.0 < 1.0-1.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <compare>
#include <expected>
#include <string>
#include <string_view>

#include "model/error.h"

namespace cradle {

struct RpmVersion {
  std::string epoch;    // digits; empty when absent (compares as "0")
  std::string version;
  std::string release;  // empty when absent
  bool has_release = false;  // to write "1.0-" back as it was
};

// Any non-empty string is an RPM version, as for rpmverParse(); the epoch is the leading digits
// before a ':', the release what follows the last '-'.
std::expected<RpmVersion, Error> parse_rpm_version(std::string_view text);

std::strong_ordering compare(const RpmVersion& a, const RpmVersion& b);

// rpmvercmp on two version or release strings.
std::strong_ordering rpmvercmp(std::string_view a, std::string_view b);

std::string to_string(const RpmVersion& version);

}  // namespace cradle
