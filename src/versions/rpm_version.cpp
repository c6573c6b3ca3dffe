#include "versions/rpm_version.h"

#include "versions/version_text.h"

namespace cradle {

std::strong_ordering rpmvercmp(std::string_view a, std::string_view b) {
  if (a == b) return std::strong_ordering::equal;
  std::size_t i = 0;
  std::size_t j = 0;
  auto is_separator = [](char c) { return !is_ascii_alnum(c) && c != '~' && c != '^'; };
  while (i < a.size() || j < b.size()) {
    while (i < a.size() && is_separator(a[i])) ++i;
    while (j < b.size() && is_separator(b[j])) ++j;
    const bool a_end = i == a.size();
    const bool b_end = j == b.size();
    // '~' sorts before everything, the end included.
    if ((!a_end && a[i] == '~') || (!b_end && b[j] == '~')) {
      if (a_end || a[i] != '~') return std::strong_ordering::greater;
      if (b_end || b[j] != '~') return std::strong_ordering::less;
      ++i;
      ++j;
      continue;
    }
    // '^' sorts after the end of the string but before anything else.
    if ((!a_end && a[i] == '^') || (!b_end && b[j] == '^')) {
      if (a_end) return std::strong_ordering::less;
      if (b_end) return std::strong_ordering::greater;
      if (a[i] != '^') return std::strong_ordering::greater;
      if (b[j] != '^') return std::strong_ordering::less;
      ++i;
      ++j;
      continue;
    }
    if (a_end || b_end) break;

    // The next run: digits if `a` starts with a digit, letters otherwise; `b` takes the same kind.
    const bool numeric = is_ascii_digit(a[i]);
    auto in_run = [numeric](char c) { return numeric ? is_ascii_digit(c) : is_ascii_alpha(c); };
    std::size_t a_end_run = i;
    while (a_end_run < a.size() && in_run(a[a_end_run])) ++a_end_run;
    std::size_t b_end_run = j;
    while (b_end_run < b.size() && in_run(b[b_end_run])) ++b_end_run;
    // `b` has a run of the other kind here: a number is newer than letters.
    if (b_end_run == j) return numeric ? std::strong_ordering::greater : std::strong_ordering::less;

    std::string_view x = a.substr(i, a_end_run - i);
    std::string_view y = b.substr(j, b_end_run - j);
    if (numeric) {
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() <=> y.size();
    }
    if (int c = x.compare(y); c != 0) return c <=> 0;
    i = a_end_run;
    j = b_end_run;
  }
  const bool a_done = i == a.size();
  const bool b_done = j == b.size();
  if (a_done && b_done) return std::strong_ordering::equal;
  return a_done ? std::strong_ordering::less : std::strong_ordering::greater;
}

std::expected<RpmVersion, Error> parse_rpm_version(std::string_view text) {
  if (text.empty()) return std::unexpected(version_error("empty version", 0));
  RpmVersion version;
  std::size_t digits = 0;
  while (digits < text.size() && is_ascii_digit(text[digits])) ++digits;
  std::string_view rest = text;
  // The release separator is searched after the epoch digits, as rpm's parseEVR does.
  if (digits < text.size() && text[digits] == ':') {
    // An empty epoch (":1.0") is 0, as rpm reads it; written back as "0:".
    version.epoch = digits == 0 ? std::string("0") : std::string(text.substr(0, digits));
    rest = text.substr(digits + 1);
  }
  if (auto dash = rest.rfind('-'); dash != std::string_view::npos) {
    version.release = std::string(rest.substr(dash + 1));
    version.has_release = true;
    rest = rest.substr(0, dash);
  }
  version.version = std::string(rest);
  return version;
}

std::strong_ordering compare(const RpmVersion& a, const RpmVersion& b) {
  std::string_view a_epoch = a.epoch.empty() ? std::string_view("0") : a.epoch;
  std::string_view b_epoch = b.epoch.empty() ? std::string_view("0") : b.epoch;
  if (auto c = rpmvercmp(a_epoch, b_epoch); c != 0) return c;
  if (auto c = rpmvercmp(a.version, b.version); c != 0) return c;
  return rpmvercmp(a.release, b.release);
}

std::string to_string(const RpmVersion& version) {
  std::string out;
  if (!version.epoch.empty()) out = version.epoch + ":";
  out += version.version;
  if (version.has_release) out += "-" + version.release;
  return out;
}

}  // namespace cradle
