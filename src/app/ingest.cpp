#include "app/ingest.h"

#include <filesystem>
#include <set>
#include <string_view>
#include <utility>

#include "analysis/vex_document_check.h"
#include "app/jobs.h"
#include "app/reevaluation.h"
#include "app/sbom_ingest.h"
#include "formats/document_kind.h"
#include "formats/attestation/intoto_attestation.h"
#include "formats/sbom_parser.h"
#include "formats/signals/scorecard.h"
#include "formats/vex/vex_document.h"
#include "sources/document_source.h"
#include "sources/input_file.h"
#include "store/vex_statement_row.h"

namespace cradle {
namespace {

Diagnostic error_at(const std::string& file, std::string message) {
  return Diagnostic{Severity::error, file, {}, std::move(message)};
}

IngestOutcome failure(const std::string& file, std::string message) {
  IngestOutcome out;
  out.source = file;
  out.diagnostics.push_back(error_at(file, std::move(message)));
  out.failed = true;
  return out;
}

// The outcome so far with the parse's diagnostics; failed when the document was not accepted.
template <typename Parsed>
bool take_diagnostics(IngestOutcome& out, Parsed& parsed) {
  for (Diagnostic& d : parsed.diagnostics) out.diagnostics.push_back(std::move(d));
  out.failed = !parsed.accepted();
  return parsed.accepted();
}

// A document's bytes and the rows read from it (`put_rows`, given the document's id) in one
// transaction; whether the rows are new in `out.added`. False (the error in `out`) when storing
// failed.
template <typename PutRows>
bool keep_document(Store& store, const EvidenceRef& evidence, const std::string& bytes,
                   PutRows put_rows, IngestOutcome& out) {
  auto kept = in_transaction(store, [&]() -> std::expected<bool, Error> {
    auto document = store.put_document(evidence, bytes);
    if (!document) return std::unexpected(document.error());
    return put_rows(*document);
  });
  if (!kept) {
    out.diagnostics.push_back(error_at(evidence.source, kept.error().message));
    out.failed = true;
    return false;
  }
  out.added = *kept;
  return true;
}

// A VEX document kept, and the product versions whose findings it speaks of re-evaluated.
void ingest_vex(Store& store, const std::string& file, const std::string& bytes,
                const ParseLimits& limits, IngestOutcome& out) {
  VexParseResult parsed = read_checked_vex(bytes, file, limits);
  if (!take_diagnostics(out, parsed)) return;
  const std::vector<std::string> vulnerabilities = vex_named_ids(parsed.statements);
  EvidenceRef evidence;
  evidence.source = file;
  evidence.kind = parsed.statements.empty() ? "VEX" : parsed.statements.front().evidence.kind;
  // Kept with the re-evaluation its statements call for, owed until it is done.
  const bool kept = keep_document(store, evidence, bytes, [&](std::int64_t document) -> std::expected<bool, Error> {
    auto added = store.put_vex_document(document, parsed.statements);
    if (!added || !*added) return added;
    auto owed = store.put_pending_reevaluation(
        PendingReevaluation{0, "vex " + sha256_hex(bytes), vulnerabilities, {}, {}});
    if (!owed) return std::unexpected(owed.error());
    return true;
  }, out);
  if (!kept) return;
  out.stored = VexIngest{evidence.kind, parsed.statements.size()};
  crash_point("vex-committed");
  auto reevaluated = reevaluate_pending(store);
  if (!reevaluated) {
    out.diagnostics.push_back(error_at(file, reevaluated.error().message));
    out.failed = true;
    return;
  }
  out.reevaluation = std::move(*reevaluated);
}

// An attestation document kept with a row per statement. Nothing is re-evaluated: findings do
// not rest on attestations (yet), and a signature counted is not one verified.
void ingest_attestations(Store& store, const std::string& file, const std::string& bytes,
                         const ParseLimits& limits, IngestOutcome& out) {
  AttestationParseResult parsed = parse_attestations(bytes, file, limits);
  if (!take_diagnostics(out, parsed)) return;
  const EvidenceRef evidence{file, "", "in-toto attestation", "", ""};
  const bool kept = keep_document(store, evidence, bytes, [&](std::int64_t document) {
    return store.put_attestations(document, parsed.attestations);
  }, out);
  if (!kept) return;
  AttestationIngest stored;
  std::set<std::string> predicates;
  for (const Attestation& a : parsed.attestations) {
    if (a.envelope == "sigstore-message-signature") {
      for (const auto& [algorithm, value] : a.subjects.front().digests)
        stored.signed_artifacts.push_back(algorithm + ":" + value);
      continue;
    }
    ++stored.statements;
    stored.subjects += a.subjects.size();
    predicates.insert(a.predicate_type);
  }
  stored.predicate_types.assign(predicates.begin(), predicates.end());
  out.stored = std::move(stored);
}

// A Scorecard result kept with a row per signal (the aggregate score and each check).
void ingest_scorecard(Store& store, const std::string& file, const std::string& bytes,
                      const ParseLimits& limits, IngestOutcome& out) {
  SignalParseResult parsed = parse_scorecard(bytes, file, limits);
  if (!take_diagnostics(out, parsed)) return;
  const Signal& first = parsed.signals.front();
  const EvidenceRef evidence{file, "", first.source, "", first.observed_at};
  const bool kept = keep_document(store, evidence, bytes, [&](std::int64_t document) {
    return store.put_signals(document, parsed.signals);
  }, out);
  if (!kept) return;
  out.stored = SignalIngest{first.source, first.subject, first.observed_at, parsed.signals.size()};
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

// An SBOM attached and evaluated in one transaction: a stored SBOM always has its findings.
void ingest_sbom_document(Store& store, const std::string& file, const std::string& bytes,
                          DocumentKind kind, const ProductVersion& target,
                          const ParseLimits& limits, IngestOutcome& out) {
  SbomParseResult parsed = parse_sbom(bytes, file, limits);
  for (Diagnostic& d : parsed.diagnostics) out.diagnostics.push_back(d);
  if (!parsed.sbom) {
    out.failed = true;
    return;
  }
  if (is_cyclonedx_vex(*parsed.sbom, kind, bytes)) return ingest_vex(store, file, bytes, limits, out);
  parsed.sbom->evidence.source = file;
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
    out.diagnostics.push_back(error_at(file, ingested.error().message));
    out.failed = true;
    return;
  }
  out.added = ingested->added;
  out.stored = std::move(*ingested);
  if (out.added) out.reevaluation = std::move(evaluation);
  out.failed = has_errors(parsed.diagnostics);
}

// The records of a directory tree, read as one source.
DocumentReader records_reader(const std::vector<std::string>& records, std::size_t max_bytes) {
  return [&records, max_bytes](const DocumentSink& sink) {
    SourceReport report;
    for (const std::string& file : records) {
      auto bytes = read_input_file(file, max_bytes);
      if (!bytes) {
        report.diagnostics.push_back(error_at(file, bytes.error().message));
        continue;
      }
      sink(file, *bytes);
      ++report.documents;
    }
    return report;
  };
}

// The kind a file is read as: what its bytes are, except that a file named .zip which is no
// document is read as a zip, to be told what it is instead (sources/document_source.h).
DocumentKind read_as(const std::string& file, const std::string& bytes) {
  const DocumentKind kind = detect_document_kind(bytes);
  return kind == DocumentKind::unknown && named_as_zip(file) ? DocumentKind::zip : kind;
}

PathIngest ingest_tree(Store& store, const std::string& path, const ProductVersion& target,
                       const IngestObserver& observer) {
  static const std::vector<std::string> kExtensions{".json", ".jsonl", ".yaml", ".yml",
                                                    ".xml",  ".spdx",  ".zip"};
  PathIngest result;
  const auto tell = [&](IngestOutcome outcome) {
    result.failed = result.failed || outcome.failed;
    if (observer.outcome) observer.outcome(outcome);
  };
  FileTree tree = list_file_tree(path, kExtensions);
  for (Diagnostic& d : tree.diagnostics) {
    IngestOutcome problem;
    problem.source = path;
    problem.failed = d.severity == Severity::error;
    problem.diagnostics.push_back(std::move(d));
    tell(std::move(problem));
  }
  const ParseLimits limits;
  std::vector<std::string> records, zips, documents;
  for (const std::string& file : tree.files) {
    auto bytes = read_input_file(file, limits.max_bytes);
    if (!bytes) {
      tell(failure(file, bytes.error().message));
      continue;
    }
    const DocumentKind kind = read_as(file, *bytes);
    (kind == DocumentKind::osv       ? records
     : kind == DocumentKind::zip     ? zips
     : kind == DocumentKind::unknown ? result.not_documents
                                     : documents)
        .push_back(file);
  }
  if (!records.empty()) {
    tell(finish_advisory_update(
        store, update_advisories(store, path, records_reader(records, limits.max_bytes), {})));
  }
  for (const std::string& zip : zips) {
    tell(finish_advisory_update(store, update_advisories_from_path(store, zip, {})));
  }
  for (std::size_t i = 0; i < documents.size(); ++i) {
    if (observer.progress) observer.progress(i, documents.size());
    const std::string& file = documents[i];
    auto bytes = read_input_file(file, limits.max_bytes);
    tell(bytes ? ingest_document(store, file, *bytes, target)
               : failure(file, bytes.error().message));
  }
  if (records.empty() && zips.empty() && documents.empty()) {
    tell(failure(path, "no document cradle ingests in this directory"));
  }
  return result;
}

}  // namespace

IngestOutcome finish_advisory_update(Store& store, AdvisoryUpdate update) {
  IngestOutcome out;
  out.source = update.source;
  out.failed = update.failed();
  crash_point("advisories-committed");
  // What this update owes, and whatever an interrupted run left owed.
  if (auto reevaluated = reevaluate_pending(store); reevaluated) {
    out.reevaluation = std::move(*reevaluated);
  } else {
    out.diagnostics.push_back(error_at(update.source, reevaluated.error().message));
    out.failed = true;
  }
  out.stored = std::move(update);
  return out;
}

IngestOutcome ingest_document(Store& store, const std::string& file, const std::string& bytes,
                              const ProductVersion& target) {
  const ParseLimits limits;
  const DocumentKind kind = detect_document_kind(bytes);
  if (kind == DocumentKind::zip) {
    return failure(file, "a zip is ingested from its path, not as one document");
  }
  if (kind == DocumentKind::osv) {
    auto read = [&](const DocumentSink& sink) {
      sink(file, bytes);
      return SourceReport{1, {}};
    };
    return finish_advisory_update(store, update_advisories(store, file, read, {}));
  }
  IngestOutcome out;
  out.source = file;
  if (kind == DocumentKind::openvex || kind == DocumentKind::csaf) {
    ingest_vex(store, file, bytes, limits, out);
  } else if (kind == DocumentKind::attestation) {
    ingest_attestations(store, file, bytes, limits, out);
  } else if (kind == DocumentKind::scorecard) {
    ingest_scorecard(store, file, bytes, limits, out);
  } else if (is_sbom(kind)) {
    ingest_sbom_document(store, file, bytes, kind, target, limits, out);
  } else {
    return failure(
        file,
        "not a document cradle ingests: expected an SBOM (CycloneDX, SPDX), a VEX document "
        "(OpenVEX, CycloneDX, CSAF), an in-toto attestation, an OpenSSF Scorecard result, an OSV "
        "record, or a zip or directory of OSV records");
  }
  return out;
}

PathIngest ingest_path(Store& store, const std::string& path, const ProductVersion& target,
                       const IngestObserver& observer) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return ingest_tree(store, path, target, observer);
  auto bytes = read_input_file(path, ParseLimits{}.max_bytes);
  IngestOutcome outcome =
      !bytes ? failure(path, bytes.error().message)
      : read_as(path, *bytes) == DocumentKind::zip
          ? finish_advisory_update(store, update_advisories_from_path(store, path, {}))
          : ingest_document(store, path, *bytes, target);
  if (observer.outcome) observer.outcome(outcome);
  return PathIngest{{}, outcome.failed};
}

std::expected<std::int64_t, Error> queue_ingest(Store& store, const std::string& file,
                                                const std::string& product) {
  auto bytes = read_input_file(file, ParseLimits{}.max_bytes);
  if (!bytes) return std::unexpected(bytes.error());
  const auto refused = [](std::string message) {
    return std::unexpected(Error{ErrorCode::invalid_input, std::move(message), {}});
  };
  const DocumentKind kind = detect_document_kind(*bytes);
  if (kind == DocumentKind::zip)
    return refused("a zip of OSV records is queued with `cradle db update --from ZIP --queue`");
  if (kind == DocumentKind::unknown) return refused("not a document cradle ingests");
  if (is_sbom(kind)) {
    ParseLimits limits;
    limits.readable_padding = kInputPadding;
    SbomParseResult parsed = parse_sbom(*bytes, file, limits);
    if (!parsed.sbom) {
      return refused("not queued: " + (parsed.diagnostics.empty()
                                           ? std::string("the SBOM does not read")
                                           : format_diagnostic(parsed.diagnostics.front())));
    }
    // A CycloneDX VEX BOM names no product.
    if (!parsed.sbom->components.empty()) {
      auto chosen = sbom_product_version(*parsed.sbom, parse_product_version(product));
      if (!chosen) return refused("not queued: " + chosen.error().message);
    }
  }
  EvidenceRef evidence;
  evidence.source = file;
  evidence.kind = std::string(to_string(kind));
  evidence.sha256 = sha256_hex(*bytes);
  // Two statements, not a transaction: transactions take turns (store.h), and queueing must not
  // wait for a worker's long advisory import. The job is queued only once its document is kept;
  // a document kept without its job (the second statement failed) is harmless, being kept once
  // by its content.
  if (auto kept = store.put_document(evidence, *bytes); !kept) return std::unexpected(kept.error());
  return store.enqueue_job(kIngestJob, ingest_job_payload(evidence.sha256, file, product));
}

}  // namespace cradle
