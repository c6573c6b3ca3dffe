#include "cli/terminal_progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace cradle {

TerminalProgress::TerminalProgress(std::string what, std::string unit)
    : what_(std::move(what)), unit_(std::move(unit)), on_(isatty(STDERR_FILENO) == 1) {}

TerminalProgress::~TerminalProgress() { clear(); }

void TerminalProgress::update(std::size_t done, std::size_t total) {
  if (!on_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ > 0 && now - last_ < std::chrono::milliseconds(100) && (total == 0 || done < total))
    return;
  last_ = now;
  draw(total > 0 ? fmt::format("{}: {}/{} {} ({}%)", what_, done, total, unit_, done * 100 / total)
                 : fmt::format("{}: {} {}", what_, done, unit_));
}

void TerminalProgress::step(std::string_view text) {
  if (!on_) return;
  draw(fmt::format("{}: {}", what_, text));
}

void TerminalProgress::clear() {
  if (!on_ || drawn_ == 0) return;
  std::fputs(fmt::format("\r{}\r", std::string(drawn_, ' ')).c_str(), stderr);
  std::fflush(stderr);
  drawn_ = 0;
}

void TerminalProgress::draw(const std::string& line) {
  // Padded over what the last line left on screen.
  std::string shown = line;
  if (shown.size() < drawn_) shown.append(drawn_ - shown.size(), ' ');
  std::fputs(("\r" + shown).c_str(), stderr);
  std::fflush(stderr);
  drawn_ = line.size();
}

}  // namespace cradle
