// `cradle version compare ECOSYSTEM A B | --stdin`: how two versions order under an ecosystem's
// rules, printed as `<`, `=` or `>`.
// `cradle version in-range VERSION RANGE | --stdin`: whether a version is in a `vers:` range,
// printed as `true` or `false`.
// With --stdin, each reads one case per line and prints one result (or `error:` line) per line.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "versions/vers_range.h"
#include "versions/version.h"

namespace cradle {
namespace {

struct CompareOptions {
  std::string ecosystem;
  std::vector<std::string> versions;
  bool stdin_pairs = false;
};

struct InRangeOptions {
  std::vector<std::string> arguments;  // VERSION RANGE
  bool stdin_pairs = false;
};

// Reads lines of two fields separated by one space and hands them to `one`, which prints a
// result and returns whether it could; malformed lines print an `error:` line.
template <typename Handler>
int for_each_stdin_pair(std::string_view what, Handler one) {
  bool all_valid = true;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view text = line;
    auto space = text.find(' ');
    if (space == std::string_view::npos || text.find(' ', space + 1) != std::string_view::npos) {
      std::cout << fmt::format("error: expected {} separated by one space: {}\n", what, text);
      all_valid = false;
      continue;
    }
    all_valid = one(text.substr(0, space), text.substr(space + 1)) && all_valid;
  }
  return all_valid ? kExitOk : kExitInput;
}

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
  return for_each_stdin_pair("two versions", [&](std::string_view a, std::string_view b) {
    return compare_one(*scheme, a, b);
  });
}

// Prints true / false, or an `error:` line; returns whether both parts parsed.
bool in_range_one(std::string_view version, std::string_view range_text) {
  auto range = parse_vers(range_text);
  if (!range) {
    std::cout << fmt::format("error: invalid range '{}': {} (column {})\n", range_text,
                             range.error().message, range.error().location.column);
    return false;
  }
  auto contained = range->contains(version);
  if (!contained) {
    std::cout << fmt::format("error: invalid {} version '{}': {} (column {})\n",
                             range->versioning_scheme(), version, contained.error().message,
                             contained.error().location.column);
    return false;
  }
  std::cout << (*contained ? "true" : "false") << '\n';
  return true;
}

int run_in_range(const InRangeOptions& options) {
  if (!options.stdin_pairs) {
    if (options.arguments.size() != 2) {
      std::cerr << "cradle: version in-range needs VERSION and RANGE, or --stdin\n";
      return kExitInput;
    }
    return in_range_one(options.arguments[0], options.arguments[1]) ? kExitOk : kExitInput;
  }
  if (!options.arguments.empty()) {
    std::cerr << "cradle: version in-range takes either VERSION RANGE or --stdin\n";
    return kExitInput;
  }
  return for_each_stdin_pair("a version and a range", in_range_one);
}

// "npm (semver), crates.io (semver), ...": every ecosystem with an ordering, for --help.
std::string ordered_ecosystem_list() {
  std::vector<std::string> listed;
  for (const OrderedEcosystem& entry : ordered_ecosystems()) {
    listed.push_back(fmt::format("{} ({})", entry.ecosystem, to_string(entry.scheme)));
  }
  return fmt::format("{}", fmt::join(listed, ", "));
}

}  // namespace

void add_version_command(CLI::App& app, int& exit_code) {
  CLI::App* version = app.add_subcommand(
      "version", "Version ordering per ecosystem. Ecosystems with an ordering: " + ordered_ecosystem_list() +
                     ". Any other ecosystem is not scannable, never guessed.");
  version->require_subcommand(1);
  auto options = std::make_shared<CompareOptions>();
  CLI::App* compare = version->add_subcommand(
      "compare", "Print <, = or > for two versions under an OSV ecosystem's ordering: " +
                     ordered_ecosystem_list());
  compare->add_option("ecosystem", options->ecosystem, "OSV ecosystem name (case-insensitive)")
      ->required();
  compare->add_option("versions", options->versions, "The two versions A B");
  compare->add_flag("--stdin", options->stdin_pairs,
                    "Read lines 'A B' from standard input, one result per line");
  compare->callback([options, &exit_code] { exit_code = run_compare(*options); });

  auto range_options = std::make_shared<InRangeOptions>();
  CLI::App* in_range = version->add_subcommand(
      "in-range", "Print true or false: is VERSION in RANGE, a vers: range such as "
                  "vers:pypi/>=1.0|<1.4.2");
  in_range->add_option("arguments", range_options->arguments, "VERSION RANGE");
  in_range->add_flag("--stdin", range_options->stdin_pairs,
                     "Read lines 'VERSION RANGE' from standard input, one result per line");
  in_range->callback([range_options, &exit_code] { exit_code = run_in_range(*range_options); });
}

}  // namespace cradle
