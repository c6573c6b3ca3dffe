// TerminalProgress: one line on stderr saying how far a long command is ("db update: 1200/15000
// records"), redrawn in place at most ten times a second and cleared when done. Only on a
// terminal: in pipes and CI logs it prints nothing, so that they hold the results alone.
//
// Threads: one thread reports progress (it starts no thread of its own).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace cradle {

class TerminalProgress {
 public:
  // `what` names the work ("db update"), `unit` what is counted ("records").
  TerminalProgress(std::string what, std::string unit);
  ~TerminalProgress();
  TerminalProgress(const TerminalProgress&) = delete;
  TerminalProgress& operator=(const TerminalProgress&) = delete;

  // `total` 0: not known.
  void update(std::size_t done, std::size_t total = 0);
  // A step without a count ("loading advisories").
  void step(std::string_view text);
  // Names the work anew (a worker's next job); the line shows it at the next update.
  void rename(std::string what) { what_ = std::move(what); }
  // Clears the line now (before printing results).
  void clear();

 private:
  void draw(const std::string& line);

  std::string what_;
  std::string unit_;
  bool on_ = false;
  std::size_t drawn_ = 0;  // width of the line on screen
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace cradle
