#include "cli/unknown_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <numeric>

namespace cradle {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> unknown_command_message(const CLI::App& app,
                                                   const std::vector<std::string>& args) {
  const CLI::App* level = &app;
  std::string path = "cradle";
  for (const std::string& arg : args) {
    if (arg.starts_with("-"))
      return std::nullopt;  // options come after the commands they belong to
    const auto commands = level->get_subcommands([](const CLI::App*) { return true; });
    if (commands.empty()) return std::nullopt;
    auto named =
        std::ranges::find_if(commands, [&](const CLI::App* c) { return c->get_name() == arg; });
    if (named != commands.end()) {
      level = *named;
      path += " " + arg;
      continue;
    }
    std::vector<std::string> names;
    for (const CLI::App* command : commands) names.push_back(command->get_name());
    std::ranges::sort(names);
    auto closest = std::ranges::min_element(
        names, {}, [&](const std::string& name) { return edit_distance(arg, name); });
    const std::size_t distance = edit_distance(arg, *closest);
    // A typo: a couple of edits, or a prefix of one command.
    if (distance <= std::max<std::size_t>(2, arg.size() / 3)) {
      return fmt::format("unknown command '{}'; did you mean '{}'? (`{} {} --help`)", arg, *closest,
                         path, *closest);
    }
    const auto prefixed =
        std::ranges::count_if(names, [&](const std::string& n) { return n.starts_with(arg); });
    if (prefixed == 1) {
      auto only =
          std::ranges::find_if(names, [&](const std::string& n) { return n.starts_with(arg); });
      return fmt::format("unknown command '{}'; did you mean '{}'? (`{} {} --help`)", arg, *only,
                         path, *only);
    }
    return fmt::format("unknown command '{}'; `{}` has: {}", arg, path, fmt::join(names, ", "));
  }
  return std::nullopt;
}

}  // namespace cradle
