// `cradle licence check [EXPRESSION...]`: each SPDX licence expression (from the arguments, else
// one per line on standard input) parsed and validated against the SPDX License List: its
// verdict, canonical form, problems by column and the licences it names. Exit 0 when every one
// is valid, 1 when one is not (malformed, or naming an id on no list; with --strict, also one
// with a warning: a deprecated id, an id in another case).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "report/license_check_report.h"

namespace cradle {
namespace {

struct LicenceCheckOptions {
  std::vector<std::string> expressions;
  std::string format = "table";
  bool strict = false;
};

int run_licence_check(LicenceCheckOptions options) {
  if (options.expressions.empty()) {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      options.expressions.push_back(std::move(line));
    }
  }
  std::vector<LicenseCheckEntry> entries;
  bool all_valid = true;
  for (std::string& text : options.expressions) {
    LicenseCheckEntry entry{std::move(text), {}, options.strict};
    entry.parsed = parse_license_expression(entry.text);
    all_valid = all_valid && entry.valid();
    entries.push_back(std::move(entry));
  }
  if (options.format == "json") {
    std::cout << license_check_json(entries).dump(2) << '\n';
  } else {
    print_table(license_check_text(entries));
  }
  return all_valid ? kExitOk : kExitPolicy;
}

}  // namespace

void add_licence_command(CLI::App& app, int& exit_code) {
  CLI::App* licence = app.add_subcommand("licence", "SPDX licence expressions");
  licence->alias("license");
  licence->require_subcommand(1);
  auto options = std::make_shared<LicenceCheckOptions>();
  CLI::App* check = licence->add_subcommand(
      "check",
      "Parse and validate SPDX licence expressions against the SPDX License List (from arguments, "
      "else one per line on standard input); exit 1 when one is not valid");
  check->add_option("expressions", options->expressions, "SPDX licence expressions");
  add_table_json_format(check, options->format);
  check->add_flag("--strict", options->strict,
                  "A warning (a deprecated id, an id in another case than the list's) makes an "
                  "expression not valid too");
  check->callback([options, &exit_code] { exit_code = run_licence_check(*options); });
}

}  // namespace cradle
