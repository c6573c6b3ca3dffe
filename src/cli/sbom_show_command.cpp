// `cradle sbom show FILE...`: a summary of each SBOM, as a table or JSON.
#include <fmt/format.h>

#include <iostream>
#include <string>

#include "analysis/sbom_summary.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "sources/input_file.h"
#include "formats/sbom_parser.h"
#include "report/sbom_summary_report.h"

namespace cradle {
namespace {

struct SbomShowOptions {
  std::vector<std::string> files;
  std::string format = "table";
  bool strict = false;
};

int run_sbom_show(const SbomShowOptions& options) {
  ParseLimits limits;
  limits.readable_padding = kInputPadding;  // the inputs come from read_input_file()
  std::vector<SbomShowEntry> entries;
  bool failed = false;
  // One document in memory at a time: its bytes until it is parsed, its model until it is
  // summarised.
  for (const std::string& file : options.files) {
    SbomShowEntry entry;
    entry.file = file;
    auto bytes = read_input_file(file, limits.max_bytes);
    if (!bytes) {
      entry.diagnostics.push_back(Diagnostic{Severity::error, file, {}, bytes.error().message});
    } else {
      SbomParseResult parsed = parse_sbom(*bytes, file, limits);
      std::string().swap(*bytes);  // the model holds no view of them
      entry.diagnostics = std::move(parsed.diagnostics);
      if (options.strict) make_warnings_errors(entry.diagnostics);
      if (parsed.sbom) entry.summary = summarize(*parsed.sbom);
    }
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
}

}  // namespace cradle
