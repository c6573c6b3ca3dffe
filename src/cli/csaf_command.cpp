// `cradle csaf check FILE...`: the CSAF 2.0 mandatory tests (section 6.1) on each document.
// Exit 0 when every document passes every test that applies, 1 when a test fails, 2 when a
// document cannot be read, 4 when nothing failed but a test could not tell (6.1.11 without
// --cwe-catalog): a gap in what was checked, as a scan's coverage gap is.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <optional>

#include "analysis/csaf_conformance.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "formats/cwe_catalog.h"
#include "report/csaf_check_report.h"
#include "sources/input_file.h"

namespace cradle {
namespace {

struct CsafCheckOptionsCli {
  std::vector<std::string> files;
  std::string cwe_catalog;
  std::string format = "table";
  bool verbose = false;
};

int run_csaf_check(const CsafCheckOptionsCli& options) {
  CsafCheckOptions check_options;
  check_options.limits.readable_padding = kInputPadding;  // the inputs come from read_input_file()
  std::optional<CweCatalog> catalog;
  if (!options.cwe_catalog.empty()) {
    auto bytes = read_input_file(options.cwe_catalog, check_options.limits.max_bytes);
    auto parsed =
        bytes ? parse_cwe_catalog(*bytes, options.cwe_catalog) : std::unexpected(bytes.error());
    if (!parsed) {
      std::cerr << fmt::format("error: {}\n", parsed.error().message);
      return kExitInput;
    }
    catalog = std::move(*parsed);
    check_options.cwe_catalog = &*catalog;
  }
  std::vector<CsafCheckEntry> entries;
  bool unreadable = false;
  bool failed = false;
  bool unknown = false;
  for (const std::string& file : options.files) {
    CsafCheckEntry entry;
    entry.file = file;
    auto bytes = read_input_file(file, check_options.limits.max_bytes);
    if (!bytes) {
      entry.check.diagnostics.push_back(
          Diagnostic{Severity::error, file, {}, bytes.error().message});
    } else {
      entry.check = check_csaf_mandatory_tests(*bytes, file, check_options);
    }
    unreadable = unreadable || !entry.check.read;
    failed = failed || entry.check.count(CsafTestStatus::failed) > 0;
    unknown = unknown || entry.check.count(CsafTestStatus::cannot_tell) > 0;
    entries.push_back(std::move(entry));
  }
  if (options.format == "json") {
    std::cout << csaf_check_json(entries).dump(2) << '\n';
  } else {
    print_table(csaf_check_text(entries, options.verbose));
  }
  for (const CsafCheckEntry& entry : entries) {
    for (const Diagnostic& d : entry.check.diagnostics) std::cerr << format_diagnostic(d) << '\n';
  }
  if (unreadable) return kExitInput;
  if (failed) return kExitPolicy;
  return unknown ? kExitCoverage : kExitOk;
}

}  // namespace

void add_csaf_command(CLI::App& app, int& exit_code) {
  CLI::App* csaf = app.add_subcommand("csaf", "CSAF 2.0 documents");
  csaf->require_subcommand(1);
  auto options = std::make_shared<CsafCheckOptionsCli>();
  CLI::App* check = csaf->add_subcommand(
      "check",
      "Run the CSAF 2.0 mandatory tests (section 6.1) on each document; exit 1 when one fails, "
      "4 when one could not tell");
  check->add_option("files", options->files, "CSAF documents ('-' for standard input)")->required();
  check->add_option(
      "--cwe-catalog", options->cwe_catalog,
      "MITRE's CWE catalog (cwec_vX.Y.xml) for test 6.1.11; without it, a document that "
      "names a CWE gets 'cannot tell' for that test (exit 4 when nothing failed)");
  add_table_json_format(check, options->format);
  check->add_flag("--verbose", options->verbose, "List the tests that passed or did not apply too");
  check->callback([options, &exit_code] { exit_code = run_csaf_check(*options); });
}

}  // namespace cradle
