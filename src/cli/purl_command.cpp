// `cradle purl normalize [PURL...]`: the canonical form of each purl, one line per input.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "model/purl.h"

namespace cradle {
namespace {

// Prints the canonical form or an `error:` line; returns whether the purl was valid.
bool normalize_one(std::string_view text) {
  auto purl = parse_purl(text);
  if (purl) {
    std::cout << to_string(*purl) << '\n';
    return true;
  }
  std::cout << fmt::format("error: {} (column {}): {}\n", purl.error().message,
                           purl.error().location.column, text);
  return false;
}

int run_purl_normalize(const std::vector<std::string>& purls) {
  bool all_valid = true;
  if (purls.empty()) {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      all_valid = normalize_one(line) && all_valid;
    }
  } else {
    for (const std::string& purl : purls) all_valid = normalize_one(purl) && all_valid;
  }
  return all_valid ? kExitOk : kExitInput;
}

}  // namespace

void add_purl_command(CLI::App& app, int& exit_code) {
  CLI::App* purl = app.add_subcommand("purl", "Package URLs");
  purl->require_subcommand(1);
  auto purls = std::make_shared<std::vector<std::string>>();
  CLI::App* normalize = purl->add_subcommand(
      "normalize", "Print the canonical form of each purl (from arguments, else one per line on "
                   "standard input)");
  normalize->add_option("purls", *purls, "Package URLs");
  normalize->callback([purls, &exit_code] { exit_code = run_purl_normalize(*purls); });
}

}  // namespace cradle
