// `cradle sbom show FILE...`: a summary of each SBOM, as a table or JSON.
// `cradle sbom check FILE... --profile P...`: each SBOM against profiles' requirements
// (analysis/sbom_conformance.h); exit 1 with --fail-on-nonconformance when one is not met, 2
// when a file is not read as an SBOM.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <string>

#include "analysis/sbom_conformance.h"
#include "analysis/sbom_summary.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "sources/input_file.h"
#include "formats/sbom_parser.h"
#include "report/sbom_check_report.h"
#include "report/sbom_check_sarif.h"
#include "report/sbom_summary_report.h"

namespace cradle {
namespace {

struct SbomShowOptions {
  std::vector<std::string> files;
  std::string format = "table";
  bool strict = false;
};

// One SBOM file read and parsed; its bytes are freed on return, so that only one document's
// bytes are in memory at a time.
SbomParseResult read_sbom_file(const std::string& file, const ParseLimits& limits) {
  auto bytes = read_input_file(file, limits.max_bytes);
  if (!bytes) {
    SbomParseResult unread;
    unread.diagnostics.push_back(Diagnostic{Severity::error, file, {}, bytes.error().message});
    return unread;
  }
  return parse_sbom(*bytes, file, limits);
}

int run_sbom_show(const SbomShowOptions& options) {
  ParseLimits limits;
  limits.readable_padding = kInputPadding;  // the inputs come from read_input_file()
  std::vector<SbomShowEntry> entries;
  bool failed = false;
  // One document in memory at a time: its model until it is summarised.
  for (const std::string& file : options.files) {
    SbomShowEntry entry;
    entry.file = file;
    SbomParseResult parsed = read_sbom_file(file, limits);
    entry.diagnostics = std::move(parsed.diagnostics);
    if (options.strict) make_warnings_errors(entry.diagnostics);
    if (parsed.sbom) entry.summary = summarize(*parsed.sbom);
    failed = failed || !entry.summary || has_errors(entry.diagnostics);
    entries.push_back(std::move(entry));
  }
  if (options.format == "json") {
    std::cout << sbom_summaries_json(entries).dump(2) << '\n';
  } else {
    print_table(sbom_summaries_table(entries));
  }
  // Diagnostics also go to stderr, so that a pipeline reading stdout still sees what failed.
  for (const SbomShowEntry& entry : entries) {
    for (const Diagnostic& d : entry.diagnostics) std::cerr << format_diagnostic(d) << '\n';
  }
  return failed ? kExitInput : kExitOk;
}

struct SbomCheckOptions {
  std::vector<std::string> files;
  std::vector<std::string> profiles;
  std::string format = "table";
  bool fail_on_nonconformance = false;
  bool verbose = false;
};

int run_sbom_check(const SbomCheckOptions& options) {
  ParseLimits limits;
  limits.readable_padding = kInputPadding;  // the inputs come from read_input_file()
  std::vector<SbomProfile> profiles;
  for (const std::string& name : options.profiles) {
    if (auto profile = parse_sbom_profile(name); profile && std::ranges::find(profiles, *profile) == profiles.end()) {
      profiles.push_back(*profile);
    }
  }
  std::vector<SbomCheckEntry> entries;
  bool unreadable = false;
  bool unmet = false;
  for (const std::string& file : options.files) {
    SbomCheckEntry entry;
    entry.file = file;
    SbomParseResult parsed = read_sbom_file(file, limits);
    entry.diagnostics = std::move(parsed.diagnostics);
    if (parsed.sbom && !has_errors(entry.diagnostics)) {
      entry.read = true;
      entry.sha256 = parsed.sbom->evidence.sha256;
      for (SbomProfile profile : profiles) entry.checks.push_back(check_sbom(*parsed.sbom, profile));
    }
    unreadable = unreadable || !entry.read;
    for (const ProfileCheck& check : entry.checks) unmet = unmet || !check.conformant();
    entries.push_back(std::move(entry));
  }
  if (options.format == "json") {
    write_sbom_check_json(entries, std::cout);
  } else if (options.format == "sarif") {
    std::cout << sbom_check_sarif(entries).dump(2) << '\n';
  } else {
    print_table(sbom_check_text(entries, options.verbose));
  }
  for (const SbomCheckEntry& entry : entries) {
    for (const Diagnostic& d : entry.diagnostics) std::cerr << format_diagnostic(d) << '\n';
  }
  if (unreadable) return kExitInput;
  return unmet && options.fail_on_nonconformance ? kExitPolicy : kExitOk;
}

}  // namespace

void add_sbom_command(CLI::App& app, int& exit_code) {
  CLI::App* sbom = app.add_subcommand("sbom", "Read SBOMs (CycloneDX, SPDX)");
  sbom->require_subcommand(1);
  auto options = std::make_shared<SbomShowOptions>();
  CLI::App* show = sbom->add_subcommand(
      "show", "Summarise SBOMs: format, components by ecosystem, graph, what is missing");
  show->add_option("files", options->files, "SBOM files ('-' for standard input)")->required();
  add_table_json_format(show, options->format);
  show->add_flag("--strict", options->strict,
                 "Treat warnings (problems that change nothing cradle matches, e.g. a licence id "
                 "in another case) as errors: exit 2");
  show->callback([options, &exit_code] { exit_code = run_sbom_show(*options); });

  auto check_options = std::make_shared<SbomCheckOptions>();
  CLI::App* check = sbom->add_subcommand(
      "check", "Check SBOMs against profiles' requirements (NTIA minimum elements, BSI "
               "TR-03183-2 v2.0 and v2.1, CRA): each requirement met, not met, not applicable or "
               "cannot tell, per component");
  check->add_option("files", check_options->files, "SBOM files ('-' for standard input)")->required();
  check
      ->add_option("--profile", check_options->profiles,
                   "Profile(s) to check against, repeatable: ntia (NTIA minimum elements), "
                   "bsi-2.0 and bsi-2.1 (BSI TR-03183-2), cra (CRA Annex I Part II (1))")
      ->required()
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(kSbomProfileNames),
                                                     std::end(kSbomProfileNames))));
  check->add_option("--format", check_options->format, "Output format: table, json or sarif")
      ->check(CLI::IsMember({"table", "json", "sarif"}))
      ->capture_default_str();
  check->add_flag("--fail-on-nonconformance", check_options->fail_on_nonconformance,
                  "Exit 1 when a requirement is not met or cannot tell");
  check->add_flag("--verbose", check_options->verbose,
                  "List every component that fails a requirement (else the first ten)");
  check->callback([check_options, &exit_code] { exit_code = run_sbom_check(*check_options); });
}

}  // namespace cradle
