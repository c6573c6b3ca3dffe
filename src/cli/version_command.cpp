// `cradle version compare ECOSYSTEM A B | --stdin`: how two versions order under an ecosystem's
// rules, printed as `<`, `=` or `>`; with --stdin one result (or `error:` line) per input line.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "versions/version.h"

namespace cradle {
namespace {

struct CompareOptions {
  std::string ecosystem;
  std::vector<std::string> versions;
  bool stdin_pairs = false;
};

std::string_view symbol(std::weak_ordering order) {
  if (order < 0) return "<";
  if (order > 0) return ">";
  return "=";
}

// Prints the comparison of `a` and `b`, or an `error:` line; returns whether both parsed.
bool compare_one(VersionScheme scheme, std::string_view a, std::string_view b) {
  auto x = parse_version(scheme, a);
  auto y = parse_version(scheme, b);
  if (x && y) {
    std::cout << symbol(compare(*x, *y)) << '\n';
    return true;
  }
  const auto& [error, text] = !x ? std::pair{x.error(), a} : std::pair{y.error(), b};
  std::cout << fmt::format("error: invalid {} version '{}': {} (column {})\n", to_string(scheme),
                           text, error.message, error.location.column);
  return false;
}

int run_compare(const CompareOptions& options) {
  auto scheme = scheme_for_ecosystem(options.ecosystem);
  if (!scheme) {
    std::cerr << fmt::format("cradle: no version ordering for ecosystem '{}'\n", options.ecosystem);
    return kExitInput;
  }
  if (!options.stdin_pairs) {
    if (options.versions.size() != 2) {
      std::cerr << "cradle: version compare needs two versions, or --stdin\n";
      return kExitInput;
    }
    return compare_one(*scheme, options.versions[0], options.versions[1]) ? kExitOk : kExitInput;
  }
  if (!options.versions.empty()) {
    std::cerr << "cradle: version compare takes either two versions or --stdin\n";
    return kExitInput;
  }
  bool all_valid = true;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view text = line;
    auto space = text.find(' ');
    if (space == std::string_view::npos || text.find(' ', space + 1) != std::string_view::npos) {
      std::cout << fmt::format("error: expected two versions separated by one space: {}\n", text);
      all_valid = false;
      continue;
    }
    all_valid = compare_one(*scheme, text.substr(0, space), text.substr(space + 1)) && all_valid;
  }
  return all_valid ? kExitOk : kExitInput;
}

}  // namespace

void add_version_command(CLI::App& app, int& exit_code) {
  CLI::App* version = app.add_subcommand("version", "Version ordering per ecosystem");
  version->require_subcommand(1);
  auto options = std::make_shared<CompareOptions>();
  CLI::App* compare = version->add_subcommand(
      "compare", "Print <, = or > for two versions under an OSV ecosystem's ordering (PyPI, npm, "
                 "Maven, Go, RubyGems, crates.io, Debian, Ubuntu, Red Hat, SUSE, ...)");
  compare->add_option("ecosystem", options->ecosystem, "OSV ecosystem name (case-insensitive)")
      ->required();
  compare->add_option("versions", options->versions, "The two versions A B");
  compare->add_flag("--stdin", options->stdin_pairs,
                    "Read lines 'A B' from standard input, one result per line");
  compare->callback([options, &exit_code] { exit_code = run_compare(*options); });
}

}  // namespace cradle
