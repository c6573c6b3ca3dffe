// `cradle ingest FILE... [--product NAME@VERSION]`: documents into the evidence store, each kind
// told from its content. An SBOM is attached to a version of a product (the one it describes
// unless --product says otherwise) and evaluated in the same transaction; OSV records, and
// directories or zips of them, load as `cradle db update --from` loads them; VEX documents are
// kept. Advisories and VEX then re-evaluate the product versions they touch (events record what
// changed). A file that fails does not stop the others, and the exit code says something failed.
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
#include "analysis/reevaluation.h"
#include "formats/vex_document.h"
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

// Advisories loaded: the update's line, then the re-evaluation's.
bool after_update(Store& store, const AdvisoryUpdate& update) {
  print_advisory_update(update);
  if (update.failed() && update.changed_ids.empty()) return false;
  auto reevaluated = reevaluate_after_update(store, update);
  if (!reevaluated) {
    report_error(update.source, reevaluated.error().message);
    return false;
  }
  for (const Diagnostic& d : reevaluated->diagnostics) std::cerr << format_diagnostic(d) << '\n';
  if (reevaluated->product_versions > 0) std::cout << fmt::format("{}: {}\n", update.source, describe(*reevaluated));
  return !update.failed();
}

// A VEX document kept, and the product versions whose findings it speaks of re-evaluated.
bool ingest_vex(Store& store, const std::string& file, const std::string& bytes, const ParseLimits& limits) {
  VexParseResult parsed = parse_vex(bytes, file, limits);
  for (const Diagnostic& d : parsed.diagnostics) std::cerr << format_diagnostic(d) << '\n';
  if (!parsed.accepted()) return false;
  std::vector<std::string> vulnerabilities;
  for (const VexStatement& statement : parsed.statements) {
    vulnerabilities.push_back(statement.vulnerability);
    vulnerabilities.insert(vulnerabilities.end(), statement.aliases.begin(), statement.aliases.end());
  }
  EvidenceRef evidence;
  evidence.source = file;
  evidence.kind = parsed.statements.empty() ? "VEX" : parsed.statements.front().evidence.kind;
  auto kept = in_transaction(store, [&]() -> std::expected<bool, Error> {
    auto document = store.put_document(evidence, bytes);
    if (!document) return std::unexpected(document.error());
    return store.put_vex_document(*document, parsed.statements.size(), vulnerabilities);
  });
  if (!kept) {
    report_error(file, kept.error().message);
    return false;
  }
  std::cout << fmt::format("{}: {} with {} statement{}: {}\n", file, evidence.kind, parsed.statements.size(),
                           parsed.statements.size() == 1 ? "" : "s", *kept ? "stored" : "already stored");
  if (!*kept) return true;
  auto touched = sboms_touched(store, {}, vulnerabilities);
  auto reevaluated = touched ? reevaluate(store, *touched, "vex " + sha256_hex(bytes))
                             : std::expected<Reevaluation, Error>(std::unexpected(touched.error()));
  if (!reevaluated) {
    report_error(file, reevaluated.error().message);
    return false;
  }
  for (const Diagnostic& d : reevaluated->diagnostics) std::cerr << format_diagnostic(d) << '\n';
  if (reevaluated->product_versions > 0) std::cout << fmt::format("{}: {}\n", file, describe(*reevaluated));
  return true;
}

// A CycloneDX document that lists no components but vulnerabilities is a VEX BOM.
bool is_cyclonedx_vex(const Sbom& sbom, std::string_view bytes) {
  return sbom.components.empty() && bytes.find("\"vulnerabilities\"") != std::string_view::npos;
}

// Returns whether the file was ingested without error.
bool ingest_file(Store& store, const std::string& file, const ProductVersion& target) {
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) return after_update(store, update_advisories_from_path(store, file, {}));
  const ParseLimits limits;
  auto bytes = read_input_file(file, limits.max_bytes);
  if (!bytes) {
    report_error(file, bytes.error().message);
    return false;
  }
  const DocumentKind kind = detect_document_kind(*bytes);
  if (kind == DocumentKind::osv || kind == DocumentKind::zip) return after_update(store, update_advisories_from_path(store, file, {}));
  if (kind == DocumentKind::openvex || kind == DocumentKind::csaf) return ingest_vex(store, file, *bytes, limits);
  if (!is_sbom(kind)) {
    report_error(file, "not a document cradle ingests: expected an SBOM (CycloneDX, SPDX), an OSV record, or a "
                       "zip or directory of OSV records");
    return false;
  }
  SbomParseResult parsed = parse_sbom(*bytes, file, limits);
  for (const Diagnostic& d : parsed.diagnostics) std::cerr << format_diagnostic(d) << '\n';
  if (!parsed.sbom) return false;
  if (kind == DocumentKind::cyclonedx_json && is_cyclonedx_vex(*parsed.sbom, *bytes)) {
    return ingest_vex(store, file, *bytes, limits);
  }
  parsed.sbom->evidence.source = file;
  // Attached and evaluated in one transaction: a stored SBOM always has its findings.
  Reevaluation evaluation;
  auto ingested = in_transaction(store, [&]() -> std::expected<SbomIngest, Error> {
    auto attached = attach_sbom(store, *parsed.sbom, *bytes, target);
    if (!attached || !attached->added) return attached;
    const std::vector<std::int64_t> sbom{attached->sbom_id};
    auto evaluated = reevaluate_in_transaction(store, sbom, "sbom " + parsed.sbom->evidence.sha256);
    if (!evaluated) return std::unexpected(evaluated.error());
    evaluation = std::move(*evaluated);
    return attached;
  });
  if (!ingested) {
    report_error(file, ingested.error().message);
    return false;
  }
  for (const Diagnostic& d : evaluation.diagnostics) std::cerr << format_diagnostic(d) << '\n';
  std::cout << fmt::format("{}: {} of {}@{}: {} components, {} dependencies: {} (sbom {})\n", file,
                           parsed.sbom->evidence.kind, ingested->product, ingested->version, ingested->components,
                           ingested->dependencies, ingested->added ? "stored" : "already stored", ingested->sbom_id);
  if (ingested->added) std::cout << fmt::format("{}: {}\n", file, describe(evaluation));
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
  add_store_option(ingest, options->db);
  ingest->callback([options, &exit_code] { exit_code = run_ingest(*options); });
}

}  // namespace cradle
