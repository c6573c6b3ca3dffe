// `cradle ingest FILE... [--product NAME@VERSION]`: documents into the evidence store, each kind
// told from its content. An SBOM is attached to a version of a product (the one it describes
// unless --product says otherwise); OSV records, and directories or zips of them, load as
// `cradle db update --from` loads them. Each file is one transaction; a file that fails does
// not stop the others, and the exit code says something failed.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "formats/document_kind.h"
#include "formats/sbom_parser.h"
#include "sources/input_file.h"
#include "store/sbom_ingest.h"

namespace cradle {
namespace {

struct IngestOptions {
  std::vector<std::string> files;
  std::string product;
  std::string db;
};

bool is_sbom(DocumentKind kind) {
  return kind == DocumentKind::cyclonedx_json || kind == DocumentKind::cyclonedx_xml ||
         kind == DocumentKind::spdx2_json || kind == DocumentKind::spdx2_tag_value ||
         kind == DocumentKind::spdx3_json_ld;
}

void report_error(const std::string& file, const std::string& message) {
  std::cerr << format_diagnostic(Diagnostic{Severity::error, file, {}, message}) << '\n';
}

// Returns whether the file was ingested without error.
bool ingest_file(Store& store, const std::string& file, const ProductVersion& target) {
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) {
    AdvisoryUpdate update = update_advisories_from_path(store, file, {});
    print_advisory_update(update);
    return !update.failed();
  }
  const ParseLimits limits;
  auto bytes = read_input_file(file, limits.max_bytes);
  if (!bytes) {
    report_error(file, bytes.error().message);
    return false;
  }
  const DocumentKind kind = detect_document_kind(*bytes);
  if (kind == DocumentKind::osv || kind == DocumentKind::zip) {
    AdvisoryUpdate update = update_advisories_from_path(store, file, {});
    print_advisory_update(update);
    return !update.failed();
  }
  if (kind == DocumentKind::openvex || kind == DocumentKind::csaf) {
    report_error(file, fmt::format("{} documents are not kept in the store yet; apply them to a scan with "
                                   "`cradle scan SBOM --vex {}`",
                                   to_string(kind), file));
    return false;
  }
  if (!is_sbom(kind)) {
    report_error(file, "not a document cradle ingests: expected an SBOM (CycloneDX, SPDX), an OSV record, or a "
                       "zip or directory of OSV records");
    return false;
  }
  SbomParseResult parsed = parse_sbom(*bytes, file, limits);
  for (const Diagnostic& d : parsed.diagnostics) std::cerr << format_diagnostic(d) << '\n';
  if (!parsed.sbom) return false;
  parsed.sbom->evidence.source = file;
  auto ingested = ingest_sbom(store, *parsed.sbom, *bytes, target);
  if (!ingested) {
    report_error(file, ingested.error().message);
    return false;
  }
  std::cout << fmt::format("{}: {} of {}@{}: {} components, {} dependencies: {} (sbom {})\n", file,
                           parsed.sbom->evidence.kind, ingested->product, ingested->version, ingested->components,
                           ingested->dependencies, ingested->added ? "stored" : "already stored", ingested->sbom_id);
  return !has_errors(parsed.diagnostics);
}

int run_ingest(const IngestOptions& options) {
  auto store = open_store_or_report(options.db, OpenMode::read_write);
  if (!store) return kExitInput;
  const ProductVersion target = parse_product_version(options.product);
  bool failed = false;
  for (const std::string& file : options.files) failed = !ingest_file(*store, file, target) || failed;
  return failed ? kExitInput : kExitOk;
}

}  // namespace

void add_ingest_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<IngestOptions>();
  CLI::App* ingest = app.add_subcommand(
      "ingest", "Store documents as evidence: SBOMs (attached to a product version) and OSV records");
  ingest->add_option("files", options->files, "Files (the kind is told from the content), or directories of OSV records")
      ->required();
  ingest->add_option("--product", options->product,
                     "NAME@VERSION the SBOMs are for (default: the product each SBOM describes); NAME alone "
                     "takes the version from the SBOM");
  ingest->add_option("--db", options->db, "Store location (default: $CRADLE_DB, else .cradle/cradle.db)");
  ingest->callback([options, &exit_code] { exit_code = run_ingest(*options); });
}

}  // namespace cradle
