// `cradle ingest FILE|DIR... [--product NAME@VERSION]`: documents into the evidence store, each
// kind told from its content. An SBOM is attached to a version of a product (the one it describes
// unless --product says otherwise) and evaluated in the same transaction; OSV records, and zips
// of them, load as `cradle db update --from` loads them; VEX documents, attestations and
// Scorecard results are kept; a directory gives every document in its tree. Advisories and VEX then re-evaluate the product versions they touch (events record what
// changed). A file that fails does not stop the others, and the exit code says something failed.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/document_ingest.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "cli/terminal_progress.h"
#include "formats/document_kind.h"
#include "formats/parse_limits.h"
#include "formats/sbom_parser.h"
#include "sources/input_file.h"
#include "store/jobs.h"
#include "store/sbom_ingest.h"

namespace cradle {
namespace {

struct IngestOptions {
  std::vector<std::string> files;
  std::string product;
  std::string db;
  bool queue = false;
};

// Keeps the file's bytes in the store and queues a job for a worker to ingest them.
bool queue_file(Store& store, const std::string& file, const std::string& product) {
  auto bytes = read_input_file(file, ParseLimits{}.max_bytes);
  if (!bytes) {
    std::cerr << format_diagnostic(Diagnostic{Severity::error, file, {}, bytes.error().message})
              << '\n';
    return false;
  }
  const DocumentKind kind = detect_document_kind(*bytes);
  if (kind == DocumentKind::zip || kind == DocumentKind::unknown) {
    std::cerr
        << format_diagnostic(Diagnostic{
               Severity::error,
               file,
               {},
               kind == DocumentKind::zip
                   ? "a zip of OSV records is queued with `cradle db update --from ZIP --queue`"
                   : "not a document cradle ingests"})
        << '\n';
    return false;
  }
  // What would fail for sure is refused now, not left for a worker to find: an SBOM that does
  // not read, or that names no product when --product does not either.
  if (is_sbom(kind)) {
    ParseLimits limits;
    limits.readable_padding = kInputPadding;
    SbomParseResult parsed = parse_sbom(*bytes, file, limits);
    const std::string problem =
        !parsed.sbom ? (parsed.diagnostics.empty() ? std::string("the SBOM does not read")
                                                   : format_diagnostic(parsed.diagnostics.front()))
        : parsed.sbom->components.empty() ? std::string()  // a CycloneDX VEX BOM names no product
                                          : [&] {
                                              auto chosen = sbom_product_version(*parsed.sbom, parse_product_version(product));
                                              return chosen ? std::string() : chosen.error().message;
                                            }();
    if (!problem.empty()) {
      std::cerr << format_diagnostic(Diagnostic{Severity::error, file, {}, "not queued: " + problem}) << '\n';
      return false;
    }
  }
  EvidenceRef evidence;
  evidence.source = file;
  evidence.kind = std::string(to_string(kind));
  evidence.sha256 = sha256_hex(*bytes);
  // Two statements, not a transaction: transactions take turns (store.h), and queueing must not
  // wait for a worker's long advisory import. The job is queued only once its document is kept;
  // a document kept without its job (the second statement failed) is harmless, being kept once
  // by its content, and the error is reported.
  auto queued = [&]() -> std::expected<std::int64_t, Error> {
    if (auto kept = store.put_document(evidence, *bytes); !kept)
      return std::unexpected(kept.error());
    return store.enqueue_job(kIngestJob, ingest_job_payload(evidence.sha256, file, product));
  }();
  if (!queued) {
    std::cerr << format_diagnostic(Diagnostic{Severity::error, file, {}, queued.error().message})
              << '\n';
    return false;
  }
  std::cout << fmt::format("queued job {}: {} {}\n", *queued, kIngestJob, file);
  return true;
}

int run_ingest(const IngestOptions& options) {
  auto store = open_store_or_report(options.db, OpenMode::read_write);
  if (!store) return kExitInput;
  const ProductVersion target = parse_product_version(options.product);
  bool failed = false;
  TerminalProgress progress("ingest", "files");
  for (std::size_t i = 0; i < options.files.size(); ++i) {
    if (options.files.size() > 1) progress.update(i, options.files.size());
    const std::string& file = options.files[i];
    if (options.queue) {
      failed = !queue_file(*store, file, options.product) || failed;
      continue;
    }
    // What is said waits for the progress line to go.
    std::ostringstream said, problems;
    const bool ok = ingest_path(*store, file, target, said, problems);
    progress.clear();
    std::cout << said.str();
    std::cerr << problems.str();
    failed = !ok || failed;
  }
  progress.clear();
  return failed ? kExitInput : kExitOk;
}

}  // namespace

void add_ingest_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<IngestOptions>();
  CLI::App* ingest = app.add_subcommand(
      "ingest",
      "Store documents as evidence, each kind told from its content: SBOMs (CycloneDX JSON/XML, "
      "SPDX 2 JSON/tag-value, SPDX 3 JSON-LD, GitHub's dependency-graph export; attached to a "
      "product version), OSV records (JSON/YAML, zips), VEX (OpenVEX JSON/YAML, CycloneDX VEX, "
      "CSAF), in-toto attestations and Sigstore bundles, OpenSSF Scorecard results");
  ingest
      ->add_option("files", options->files,
                   "Files, zips of OSV records, or directories (every document in the tree)")
      ->required();
  ingest->add_option(
      "--product", options->product,
      "NAME@VERSION the SBOMs are for (default: the product each SBOM describes); NAME alone "
      "takes the version from the SBOM");
  ingest->add_flag(
      "--queue", options->queue,
      "Keep each document in the store and queue a job for `cradle worker` to ingest it");
  add_store_option(ingest, options->db);
  ingest->callback([options, &exit_code] { exit_code = run_ingest(*options); });
}

}  // namespace cradle
