#include "report/status_colours.h"

#include <array>
#include <utility>

namespace cradle {
namespace {

// Longest first where one word starts another.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kStatusColours{{
    {"NOT SCANNABLE", "33"},
    {"NOT COVERED", "33"},
    {"COVERAGE GAP", "33"},
    {"AFFECTED", "1;31"},
    {"BLOCK", "1;31"},
    {"NEW", "31"},
    {"UNKNOWN", "33"},
    {"REMEDIATE", "33"},
    {"REVIEW", "35"},
    {"STATUS", "33"},
    {"SUPPRESSED", "32"},
    {"RESOLVED", "32"},
    {"ACCEPT", "32"},
    {"MONITOR", "36"},
}};

}  // namespace

std::string colour_status_words(std::string_view table) {
  std::string out;
  out.reserve(table.size() + table.size() / 8);
  while (!table.empty()) {
    const std::size_t end = table.find('\n');
    std::string_view line = table.substr(0, end == std::string_view::npos ? table.size() : end + 1);
    table.remove_prefix(line.size());
    const std::size_t indent = line.find_first_not_of(' ');
    const std::string_view rest =
        indent == std::string_view::npos ? std::string_view{} : line.substr(indent);
    bool coloured = false;
    for (const auto& [word, code] : kStatusColours) {
      const bool whole =
          rest.starts_with(word) &&
          (rest.size() == word.size() || rest[word.size()] == ' ' || rest[word.size()] == '\n');
      if (!whole) continue;
      out.append(line.substr(0, indent));
      out.append("\033[").append(code).append("m").append(word).append("\033[0m");
      out.append(rest.substr(word.size()));
      coloured = true;
      break;
    }
    if (!coloured) out.append(line);
  }
  return out;
}

}  // namespace cradle
