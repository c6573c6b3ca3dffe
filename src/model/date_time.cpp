#include "model/date_time.h"

#include <cstddef>
#include <ctime>

namespace cradle {
namespace {

bool digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return false;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

int number(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

}  // namespace

bool is_rfc3339_date_time(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
  if (!(digits(t, 0, 4) && t.size() > 4 && t[4] == '-' && digits(t, 5, 2) && t.size() > 7 &&
        t[7] == '-' && digits(t, 8, 2) && t.size() > 10 && (t[10] == 'T' || t[10] == 't') &&
        digits(t, 11, 2) && t.size() > 13 && t[13] == ':' && digits(t, 14, 2) && t.size() > 16 &&
        t[16] == ':' && digits(t, 17, 2))) {
    return false;
  }
  std::size_t at = 19;
  if (at < t.size() && t[at] == '.') {
    std::size_t start = ++at;
    while (at < t.size() && t[at] >= '0' && t[at] <= '9') ++at;
    if (at == start) return false;
  }
  if (at < t.size() && (t[at] == 'Z' || t[at] == 'z')) return at + 1 == t.size();
  if (at < t.size() && (t[at] == '+' || t[at] == '-')) {
    return at + 6 == t.size() && digits(t, at + 1, 2) && t[at + 3] == ':' && digits(t, at + 4, 2);
  }
  return false;
}

std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view t) {
  using namespace std::chrono;
  if (!is_rfc3339_date_time(t)) return std::nullopt;
  const year_month_day date{year(number(t, 0, 4)), month(static_cast<unsigned>(number(t, 5, 2))),
                            day(static_cast<unsigned>(number(t, 8, 2)))};
  const int hours = number(t, 11, 2), minutes = number(t, 14, 2), secs = number(t, 17, 2);
  if (!date.ok() || hours > 23 || minutes > 59 || secs > 60) return std::nullopt;
  sys_seconds at = sys_days(date) + std::chrono::hours(hours) + std::chrono::minutes(minutes) +
                   seconds(secs);
  const char sign = t[t.size() - 6];
  if (sign == '+' || sign == '-') {
    const std::chrono::minutes offset(number(t, t.size() - 5, 2) * 60 + number(t, t.size() - 2, 2));
    at += sign == '+' ? -offset : offset;
  }
  return at;
}

std::string format_rfc3339_utc(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text, n);
}

}  // namespace cradle
