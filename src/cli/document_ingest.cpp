#include "cli/document_ingest.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/reevaluation.h"
#include "cli/store_access.h"
#include "cli/terminal_progress.h"
#include "formats/document_kind.h"
#include "formats/intoto_attestation.h"
#include "formats/scorecard.h"
#include "formats/sbom_parser.h"
#include "analysis/vex_document_check.h"
#include "formats/vex_document.h"
#include "report/counted.h"
#include "sources/document_source.h"
#include "sources/input_file.h"
#include "store/sbom_ingest.h"
#include "store/vex_statement_row.h"

namespace cradle {
namespace {

void report_error(std::ostream& err, const std::string& file, const std::string& message) {
  err << format_diagnostic(Diagnostic{Severity::error, file, {}, message}) << '\n';
}

// Advisories loaded: the update's line, then the re-evaluation's.
bool after_update(Store& store, const AdvisoryUpdate& update, std::ostream& out, std::ostream& err) {
  print_advisory_update(update, out, err);
  if (update.failed() && update.changed_ids.empty()) return false;
  auto reevaluated = reevaluate_after_update(store, update);
  if (!reevaluated) {
    report_error(err, update.source, reevaluated.error().message);
    return false;
  }
  for (const Diagnostic& d : reevaluated->diagnostics) err << format_diagnostic(d) << '\n';
  if (reevaluated->product_versions > 0)
    out << fmt::format("{}: {}\n", update.source, describe(*reevaluated));
  return !update.failed();
}

// A document's bytes and the rows read from it (`put_rows`, given the document's id) in one
// transaction; whether the rows are new, or nullopt when storing failed (reported).
template <typename PutRows>
std::optional<bool> keep_document(Store& store, const EvidenceRef& evidence, const std::string& bytes,
                                  PutRows put_rows, std::ostream& err) {
  auto kept = in_transaction(store, [&]() -> std::expected<bool, Error> {
    auto document = store.put_document(evidence, bytes);
    if (!document) return std::unexpected(document.error());
    return put_rows(*document);
  });
  if (!kept) {
    report_error(err, evidence.source, kept.error().message);
    return std::nullopt;
  }
  return *kept;
}

// A VEX document kept, and the product versions whose findings it speaks of re-evaluated.
bool ingest_vex(Store& store, const std::string& file, const std::string& bytes,
                const ParseLimits& limits, std::ostream& out,
                std::ostream& err) {
  VexParseResult parsed = read_checked_vex(bytes, file, limits);
  for (const Diagnostic& d : parsed.diagnostics) err << format_diagnostic(d) << '\n';
  if (!parsed.accepted()) return false;
  const std::vector<std::string> vulnerabilities = vex_named_ids(parsed.statements);
  EvidenceRef evidence;
  evidence.source = file;
  evidence.kind = parsed.statements.empty() ? "VEX" : parsed.statements.front().evidence.kind;
  auto kept = keep_document(store, evidence, bytes, [&](std::int64_t document) {
    return store.put_vex_document(document, parsed.statements);
  }, err);
  if (!kept) return false;
  out << fmt::format("{}: {} with {} statement{}: {}\n", file, evidence.kind,
                     parsed.statements.size(), parsed.statements.size() == 1 ? "" : "s",
                     *kept ? "stored" : "already stored");
  if (!*kept) return true;
  auto touched = sboms_touched(store, {}, vulnerabilities);
  auto reevaluated = touched ? reevaluate(store, *touched, "vex " + sha256_hex(bytes))
                             : std::expected<Reevaluation, Error>(std::unexpected(touched.error()));
  if (!reevaluated) {
    report_error(err, file, reevaluated.error().message);
    return false;
  }
  for (const Diagnostic& d : reevaluated->diagnostics) err << format_diagnostic(d) << '\n';
  if (reevaluated->product_versions > 0)
    out << fmt::format("{}: {}\n", file, describe(*reevaluated));
  return true;
}

// An attestation document kept with a row per statement. Nothing is re-evaluated: findings do
// not rest on attestations (yet), and a signature counted is not one verified.
bool ingest_attestations(Store& store, const std::string& file, const std::string& bytes,
                         const ParseLimits& limits, std::ostream& out,
                std::ostream& err) {
  AttestationParseResult parsed = parse_attestations(bytes, file, limits);
  for (const Diagnostic& d : parsed.diagnostics) err << format_diagnostic(d) << '\n';
  if (!parsed.accepted()) return false;
  const EvidenceRef evidence{file, "", "in-toto attestation", "", ""};
  auto kept = keep_document(store, evidence, bytes, [&](std::int64_t document) {
    return store.put_attestations(document, parsed.attestations);
  }, err);
  if (!kept) return false;
  std::size_t subjects = 0;
  std::size_t statements = 0;
  std::set<std::string> predicates;
  std::vector<std::string> signed_artifacts;
  for (const Attestation& a : parsed.attestations) {
    if (a.envelope == "sigstore-message-signature") {
      for (const auto& [algorithm, value] : a.subjects.front().digests) signed_artifacts.push_back(algorithm + ":" + value);
      continue;
    }
    ++statements;
    subjects += a.subjects.size();
    predicates.insert(a.predicate_type);
  }
  std::vector<std::string> parts;
  if (statements > 0) {
    parts.push_back(fmt::format("{} in-toto statement{} ({}) about {} subject{}", statements,
                                statements == 1 ? "" : "s", fmt::join(predicates, ", "), subjects,
                                subjects == 1 ? "" : "s"));
  }
  if (!signed_artifacts.empty()) {
    parts.push_back(fmt::format("a Sigstore message signature of {}", fmt::join(signed_artifacts, ", ")));
  }
  out << fmt::format("{}: {}, signatures not verified: {}\n", file, fmt::join(parts, "; "),
                     *kept ? "stored" : "already stored");
  return true;
}

// A Scorecard result kept with a row per signal (the aggregate score and each check).
bool ingest_scorecard(Store& store, const std::string& file, const std::string& bytes,
                      const ParseLimits& limits, std::ostream& out,
                std::ostream& err) {
  SignalParseResult parsed = parse_scorecard(bytes, file, limits);
  for (const Diagnostic& d : parsed.diagnostics) err << format_diagnostic(d) << '\n';
  if (!parsed.accepted()) return false;
  const Signal& first = parsed.signals.front();
  const EvidenceRef evidence{file, "", first.source, "", first.observed_at};
  auto kept = keep_document(store, evidence, bytes, [&](std::int64_t document) {
    return store.put_signals(document, parsed.signals);
  }, err);
  if (!kept) return false;
  out << fmt::format("{}: {} of {} on {}: {} signal{}: {}\n", file, first.source, first.subject,
                     first.observed_at, parsed.signals.size(), parsed.signals.size() == 1 ? "" : "s",
                     *kept ? "stored" : "already stored");
  return true;
}

// A CycloneDX document (JSON or XML) that lists no components but vulnerabilities is a VEX BOM.
bool is_cyclonedx_vex(const Sbom& sbom, DocumentKind kind, std::string_view bytes) {
  if (!sbom.components.empty()) return false;
  if (kind == DocumentKind::cyclonedx_json)
    return bytes.find("\"vulnerabilities\"") != std::string_view::npos;
  // <vulnerabilities> or <cdx:vulnerabilities>, however the namespace is prefixed.
  return kind == DocumentKind::cyclonedx_xml &&
         bytes.find("vulnerabilities>") != std::string_view::npos;
}

}  // namespace

// Every document in a directory tree, each kind as `ingest FILE` takes it: the OSV records first,
// as one source (one transaction, as `db update --from DIR` loads them), then zips of records,
// then every other document on its own. Files that are no document cradle ingests (a tree is
// often a repository) are counted and named on stderr, not failed.
bool ingest_tree(Store& store, const std::string& path, const ProductVersion& target,
                 std::ostream& out, std::ostream& err) {
  static const std::vector<std::string> kExtensions{".json", ".jsonl", ".yaml", ".yml",
                                                    ".xml",  ".spdx",  ".zip"};
  FileTree tree = list_file_tree(path, kExtensions);
  bool ok = true;
  for (const Diagnostic& d : tree.diagnostics) {
    err << format_diagnostic(d) << '\n';
    ok = ok && d.severity != Severity::error;
  }
  const ParseLimits limits;
  std::vector<std::string> records, zips, documents, others;
  for (const std::string& file : tree.files) {
    auto bytes = read_input_file(file, limits.max_bytes);
    if (!bytes) {
      report_error(err, file, bytes.error().message);
      ok = false;
      continue;
    }
    const DocumentKind kind = detect_document_kind(*bytes);
    (kind == DocumentKind::osv       ? records
     : kind == DocumentKind::zip     ? zips
     : kind == DocumentKind::unknown ? others
                                     : documents)
        .push_back(file);
  }
  if (!records.empty()) {
    auto read = [&](const DocumentSink& sink) {
      SourceReport report;
      for (const std::string& file : records) {
        auto bytes = read_input_file(file, limits.max_bytes);
        if (!bytes) {
          report.diagnostics.push_back(Diagnostic{Severity::error, file, {}, bytes.error().message});
          continue;
        }
        sink(file, *bytes);
        ++report.documents;
      }
      return report;
    };
    ok = after_update(store, update_advisories(store, path, read, {}), out, err) && ok;
  }
  for (const std::string& zip : zips) {
    ok = after_update(store, update_advisories_from_path(store, zip, {}), out, err) && ok;
  }
  TerminalProgress progress("ingest " + path, "documents");
  for (std::size_t i = 0; i < documents.size(); ++i) {
    progress.update(i, documents.size());
    const std::string& file = documents[i];
    auto bytes = read_input_file(file, limits.max_bytes);
    // What is said waits for the progress line to go.
    std::ostringstream said, problems;
    ok = (bytes ? ingest_document(store, file, *bytes, target, said, problems)
                : (report_error(problems, file, bytes.error().message), false)) &&
         ok;
    progress.clear();
    out << said.str();
    err << problems.str();
  }
  progress.clear();
  if (!others.empty()) {
    err << fmt::format("{}: {} not ingested, not a document cradle ingests: {}\n", path,
                       counted(others.size(), "file"), fmt::join(others, ", "));
  }
  if (records.empty() && zips.empty() && documents.empty()) {
    report_error(err, path, "no document cradle ingests in this directory");
    return false;
  }
  return ok;
}

bool ingest_path(Store& store, const std::string& path, const ProductVersion& target,
                 std::ostream& out, std::ostream& err) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return ingest_tree(store, path, target, out, err);
  const ParseLimits limits;
  auto bytes = read_input_file(path, limits.max_bytes);
  if (!bytes) {
    report_error(err, path, bytes.error().message);
    return false;
  }
  if (detect_document_kind(*bytes) == DocumentKind::zip) {
    return after_update(store, update_advisories_from_path(store, path, {}), out, err);
  }
  return ingest_document(store, path, *bytes, target, out, err);
}

bool ingest_document(Store& store, const std::string& file, const std::string& bytes,
                     const ProductVersion& target, std::ostream& out, std::ostream& err) {
  const ParseLimits limits;
  const DocumentKind kind = detect_document_kind(bytes);
  if (kind == DocumentKind::zip) {
    report_error(err, file, "a zip is ingested from its path, not as one document");
    return false;
  }
  if (kind == DocumentKind::osv) {
    auto read = [&](const DocumentSink& sink) {
      sink(file, bytes);
      return SourceReport{1, {}};
    };
    return after_update(store, update_advisories(store, file, read, {}), out, err);
  }
  if (kind == DocumentKind::openvex || kind == DocumentKind::csaf)
    return ingest_vex(store, file, bytes, limits, out, err);
  if (kind == DocumentKind::attestation) return ingest_attestations(store, file, bytes, limits, out, err);
  if (kind == DocumentKind::scorecard) return ingest_scorecard(store, file, bytes, limits, out, err);
  if (!is_sbom(kind)) {
    report_error(err, 
        file,
        "not a document cradle ingests: expected an SBOM (CycloneDX, SPDX), a VEX document "
        "(OpenVEX, CycloneDX, CSAF), an in-toto attestation, an OpenSSF Scorecard result, an OSV "
        "record, or a zip or directory of OSV records");
    return false;
  }
  SbomParseResult parsed = parse_sbom(bytes, file, limits);
  for (const Diagnostic& d : parsed.diagnostics) err << format_diagnostic(d) << '\n';
  if (!parsed.sbom) return false;
  if (is_cyclonedx_vex(*parsed.sbom, kind, bytes)) {
    return ingest_vex(store, file, bytes, limits, out, err);
  }
  parsed.sbom->evidence.source = file;
  // Attached and evaluated in one transaction: a stored SBOM always has its findings.
  Reevaluation evaluation;
  auto ingested = in_transaction(store, [&]() -> std::expected<SbomIngest, Error> {
    auto attached = attach_sbom(store, *parsed.sbom, bytes, target);
    if (!attached || !attached->added) return attached;
    const std::vector<std::int64_t> sbom{attached->sbom_id};
    auto evaluated = reevaluate_in_transaction(store, sbom, "sbom " + parsed.sbom->evidence.sha256);
    if (!evaluated) return std::unexpected(evaluated.error());
    evaluation = std::move(*evaluated);
    return attached;
  });
  if (!ingested) {
    report_error(err, file, ingested.error().message);
    return false;
  }
  for (const Diagnostic& d : evaluation.diagnostics) err << format_diagnostic(d) << '\n';
  out << fmt::format("{}: {} of {}@{}: {}, {}: {} (sbom {})\n", file,
                     parsed.sbom->evidence.kind, ingested->product, ingested->version,
                     counted(ingested->components, "component"), counted(ingested->dependencies, "dependency"),
                     ingested->added ? "stored" : "already stored", ingested->sbom_id);
  if (ingested->added) out << fmt::format("{}: {}\n", file, describe(evaluation));
  return !has_errors(parsed.diagnostics);
}

}  // namespace cradle
