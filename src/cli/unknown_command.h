// What to say when the command line names a command that does not exist: the word, and the
// closest command of that level ("unknown command 'scna'; did you mean 'scan'?"), else the
// commands there are. CLI11 alone says only that a subcommand is required.
//
// Threads: for the main thread, which parses the command line.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cradle {

// The message for the first word of `args` (argv without the program) that stands where a
// command of `app` (or of one of its commands) is expected and names none; nullopt when every
// such word names one.
std::optional<std::string> unknown_command_message(const CLI::App& app,
                                                   const std::vector<std::string>& args);

// Levenshtein distance (insertions, deletions, substitutions), for suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace cradle
