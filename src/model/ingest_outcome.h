// What ingesting did: one document, or one source of OSV records, read and stored; what the
// re-evaluation it caused changed; and every problem met, in the order met. Plain values: the
// use cases (app/ingest.h, app/advisory_update.h, app/reevaluation.h) fill them, the CLI and the
// worker render them (report/ingest_report.h), and a failed job keeps them.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/diagnostic.h"
#include "model/osv_package.h"
#include "model/portfolio.h"

namespace cradle {

struct AdvisoryUpdate {
  std::string source;
  std::size_t documents = 0;  // read from the source
  std::size_t added = 0;      // ids the store did not have
  std::size_t replaced = 0;   // newer `modified` than the stored record
  std::size_t unchanged = 0;  // same or older `modified`: the stored record stays
  std::size_t other_ecosystems = 0;
  std::size_t rejected = 0;  // did not parse
  bool not_modified = false;  // a URL that answered 304
  bool store_failed = false;  // nothing from this source was committed
  std::vector<Diagnostic> diagnostics;
  // The records added or replaced, and the packages they name: what a re-evaluation of the
  // portfolio looks at (app/reevaluation.h). Empty when nothing was committed.
  std::vector<std::string> changed_ids;
  std::vector<OsvPackage> changed_packages;

  bool failed() const { return store_failed || rejected > 0 || has_errors(diagnostics); }
};

// Components of an evaluated product version that no advisories of their ecosystem cover
// (analysis/coverage_check.h): they have no findings, which is not a finding that they are fine.
struct NotCovered {
  std::string product;
  std::string product_version;
  std::string ecosystem;
  std::size_t components = 0;
  std::string reason;
};

struct Reevaluation {
  std::size_t product_versions = 0;  // evaluated
  std::vector<EventRecord> events;
  std::vector<Diagnostic> diagnostics;  // stored advisories or VEX documents that no longer read
  std::vector<NotCovered> not_covered;  // by product version, then ecosystem
};

// An SBOM attached to a version of a product.
struct SbomIngest {
  std::string kind;  // the document's format, as its evidence names it
  std::string product;
  std::string version;
  std::int64_t sbom_id = 0;
  bool added = false;  // false: this document was already attached to this version
  std::size_t components = 0;
  std::size_t dependencies = 0;
};

// A VEX document kept.
struct VexIngest {
  std::string kind;  // OpenVEX, CycloneDX VEX, CSAF VEX
  std::size_t statements = 0;
};

// An attestation document kept: its in-toto statements and the artifacts Sigstore message
// signatures sign ("sha256:HEX"). Signatures are counted, not verified.
struct AttestationIngest {
  std::size_t statements = 0;
  std::size_t subjects = 0;
  std::vector<std::string> predicate_types;  // sorted, each once
  std::vector<std::string> signed_artifacts;
};

// A project-health result kept, a signal per check and one for the aggregate.
struct SignalIngest {
  std::string source;  // "OpenSSF Scorecard"
  std::string subject;
  std::string observed_at;
  std::size_t signals = 0;
};

// One document, or one source of OSV records (a file, a zip, the records of a directory tree).
struct IngestOutcome {
  std::string source;
  // What was read and kept; nothing when it failed before anything was stored.
  std::variant<std::monostate, AdvisoryUpdate, SbomIngest, VexIngest, AttestationIngest,
               SignalIngest>
      stored;
  bool added = false;  // false: the store had this document already (not for advisories)
  // The re-evaluation what was stored caused, when one ran.
  std::optional<Reevaluation> reevaluation;
  // Every problem, in the order met (an advisory source's own are in AdvisoryUpdate).
  std::vector<Diagnostic> diagnostics;
  bool failed = false;  // something was not ingested, or ingested with errors
};

}  // namespace cradle
