// RFC 3339 date-times, the timestamps of CycloneDX, SPDX, OSV and VEX documents.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace cradle {

// "2020-04-13T20:20:39Z", with an optional fraction and a Z or +HH:MM / -HH:MM offset.
bool is_rfc3339_date_time(std::string_view text);

// The instant an RFC 3339 date-time names, to the second (a fraction is dropped); nullopt when
// the text is not one or names no real date.
std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view text);

// "2026-11-25T15:30:47Z": a time in UTC to the second.
std::string format_rfc3339_utc(std::chrono::system_clock::time_point time);

}  // namespace cradle
