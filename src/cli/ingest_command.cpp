// `cradle ingest FILE|DIR... [--product NAME@VERSION]`: documents into the evidence store, each
// kind told from its content. An SBOM is attached to a version of a product (the one it describes
// unless --product says otherwise) and evaluated in the same transaction; OSV records, and zips
// of them, load as `cradle db update --from` loads them; VEX documents, attestations and
// Scorecard results are kept; a directory gives every document in its tree. Advisories and VEX then re-evaluate the product versions they touch (events record what
// changed). A file that fails does not stop the others, and the exit code says something failed.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <optional>

#include "app/ingest.h"
#include "app/jobs.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "cli/terminal_progress.h"
#include "report/ingest_report.h"

namespace cradle {
namespace {

struct IngestOptions {
  std::vector<std::string> files;
  std::string product;
  std::string db;
  bool queue = false;
};

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
      auto queued = queue_ingest(*store, file, options.product);
      progress.clear();
      if (queued) {
        std::cout << fmt::format("queued job {}: {} {}\n", *queued, kIngestJob, file);
      } else {
        std::cerr << format_diagnostic(Diagnostic{Severity::error, file, {}, queued.error().message})
                  << '\n';
      }
      failed = !queued || failed;
      continue;
    }
    // A directory's documents have a progress line of their own; what is said waits for the
    // progress lines to go.
    std::optional<TerminalProgress> documents;
    IngestObserver observer;
    observer.outcome = [&](const IngestOutcome& outcome) {
      if (documents) documents->clear();
      progress.clear();
      print_ingest_outcome(outcome);
    };
    observer.progress = [&](std::size_t done, std::size_t total) {
      if (!documents) documents.emplace("ingest " + file, "documents");
      documents->update(done, total);
    };
    const PathIngest ingested = ingest_path(*store, file, target, observer);
    if (documents) documents->clear();
    progress.clear();
    if (!ingested.not_documents.empty()) {
      std::cerr << not_documents_line(file, ingested.not_documents) << '\n';
    }
    failed = ingested.failed || failed;
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
  add_lock_timeout_option(ingest);
  ingest->callback([options, &exit_code] { exit_code = run_ingest(*options); });
}

}  // namespace cradle
