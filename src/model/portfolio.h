// The portfolio as the store holds it: products, the SBOMs ingested for their versions, and each
// SBOM's component graph flattened into rows. These are the rows the store's portfolio methods
// read and write (store/store.h); app/sbom_ingest.h turns a parsed Sbom into them.
//
// A product version's current SBOM is the one ingested last for it; earlier ones stay, as
// history. Components are numbered by their node in the SBOM's graph (model/sbom_graph.h: the
// primary component first, when there is one), and each keeps the node before it on a shortest
// path from a root, so that a path is a walk up parent links, not a graph search.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/component.h"
#include "model/evidence_ref.h"
#include "model/osv_package.h"
#include "model/product.h"
#include "model/sbom.h"
#include "model/sbom_profile.h"
#include "model/verdict.h"
#include "model/vex.h"

namespace cradle {

struct StoredProduct {
  std::int64_t id = 0;
  Product product;
};

// One SBOM document ingested for a product version.
struct SbomRecord {
  std::int64_t id = 0;
  std::int64_t product_id = 0;
  std::string product;
  std::string product_version;
  EvidenceRef evidence;  // the document's: source, SHA-256, kind, produced_at (its creation time)
  std::string ingested_at;   // when this SBOM was attached to the version (RFC 3339 UTC)
  std::string evaluated_at;  // when its findings were last evaluated; empty: never
  std::string serial_number;
  std::string bom_version;       // CycloneDX `version` (BOM-Links name it)
  std::size_t components = 0;    // as `cradle sbom show` counts them: the primary one excluded
  std::size_t dependencies = 0;  // edges of the graph, nesting included
  // Per profile, as checked when it was ingested; empty for an SBOM a store took in before it
  // checked conformance (schema 16): not checked, which is not conformant.
  std::vector<SbomConformance> conformance;
};

// One node of an SBOM's graph.
struct ComponentRecord {
  std::int64_t node = 0;
  std::int64_t parent = -1;  // the node before it on a shortest path from a root; -1 for roots
                             // and for nodes no root reaches
  std::int64_t depth = 0;    // edges from the root of that path
  bool primary = false;      // the SBOM's primary component (CycloneDX metadata.component)
  std::string ref;
  std::string name;
  std::string version;
  std::string purl;         // canonical when it parses, else as written; empty when absent
  std::string source_name;  // distribution source package, when the SBOM states it
  std::string ecosystem;    // OSV ecosystem and package key (model/osv_package.h), when the
  std::string package_key;  // purl maps to one: what a vulnerability lookup joins on
};

struct EdgeRecord {
  std::int64_t from = 0;  // nodes
  std::int64_t to = 0;
  bool operator==(const EdgeRecord&) const = default;
};

struct SbomGraphRecord {
  std::vector<ComponentRecord> components;  // by node
  std::vector<EdgeRecord> edges;            // by (from, to)
};

// What VEX statements name an SBOM's product by (analysis/vex.h): the SBOM's serial number and
// BOM version, and its primary component (CycloneDX metadata.component), when it has one.
struct SbomIdentity {
  std::int64_t sbom_id = 0;
  std::string serial_number;
  std::string bom_version;
  std::optional<ComponentRecord> primary;
};

// A component of a product version's current SBOM, found by its package.
struct PortfolioComponent {
  std::string product;
  std::string product_version;
  std::int64_t sbom_id = 0;
  std::string sbom_sha256;  // the SBOM document's, the evidence the component rests on
  ComponentRecord component;
};

// An OSV ecosystem the current SBOMs' components are in: how many components, in how many
// product versions.
struct EcosystemUse {
  std::string ecosystem;
  std::size_t components = 0;
  std::size_t product_versions = 0;
};

// A finding of a product version's current SBOM as last evaluated: the component (its node)
// and the vulnerability (the lowest id of its group), with the status a re-evaluation compares.
struct FindingRecord {
  std::int64_t node = 0;
  std::string vulnerability;
  std::vector<std::string> ids;
  std::string purl;
  Verdict verdict = Verdict::unknown;  // affected or unknown
  std::optional<VexStatus> vex_status;  // the applied VEX statement's status, when one applies
  bool suppressed = false;
  std::string rating;
  std::string nearest_fix;
  std::string evaluated_at;

  // What an event reports as the finding's status: "affected", "unknown", or the VEX status
  // with "(suppressed)" when the statement suppresses it.
  std::string status() const;
};

// What an event says: a finding new, resolved or with another status; or components an
// evaluation could not check.
enum class EventKind : std::uint8_t { new_finding, resolved, status_changed, not_covered };

std::string_view to_string(EventKind kind);
// The kind to_string() spells so, or nullopt.
std::optional<EventKind> parse_event_kind(std::string_view text);

// What changed for a finding at an evaluation; or, for a `not_covered` event, components of
// a product version that the evaluation could not check (no advisories of their ecosystem).
struct EventRecord {
  std::int64_t id = 0;
  std::string at;    // RFC 3339 UTC
  EventKind kind = EventKind::new_finding;
  std::string product;
  std::string product_version;
  std::int64_t sbom_id = 0;
  std::string purl;
  std::string vulnerability;
  std::vector<std::string> ids;
  std::string status_before;  // empty for a new finding
  std::string status_after;   // empty for a resolved one
  std::string cause;  // what was ingested: "sbom <sha256>", "advisories <source>", "vex <sha256>"
  // A `not_covered` event's ecosystem (e.g. "Debian:12"), its number of components and why.
  std::string ecosystem = {};
  std::int64_t components = 0;
  std::string reason = {};
};

// Where a stored SBOM put a new document: the SBOM row, and whether it was already there (the
// same document for the same product version is stored once).
// A re-evaluation owed to the portfolio: recorded in the transaction that stores new evidence
// (advisories, a VEX document), taken in the one that re-evaluates what it touches, so that a
// crash between the two leaves it owed, not lost (app/reevaluation.h).
struct PendingReevaluation {
  std::int64_t id = 0;
  std::string cause;                 // what was stored: "advisories SOURCE", "vex SHA-256"
  std::vector<std::string> ids;      // the vulnerability ids it changed
  std::vector<OsvPackage> packages;  // the packages it names
  std::string recorded_at;
};

struct SbomPut {
  std::int64_t sbom_id = 0;
  bool added = false;
};

// The current SBOM of a version of a product (the last ingested of it) among the product's SBOMs
// in ingest order; the last SBOM's version when `version` is empty; nullptr when there is none.
const SbomRecord* current_sbom(const std::vector<SbomRecord>& sboms, std::string_view version);

// The component a row describes, as a scan reads it: the purl parsed again (rows keep canonical
// purls, or the text of one that does not parse).
Component to_component(const ComponentRecord& row);

// A stored SBOM as a scan and VEX read it: its serial number, BOM version and evidence, the
// primary component apart and every other component in graph order; `rows` gets the row of
// each of them (pointers into `graph`).
Sbom to_sbom(const SbomRecord& record, const SbomGraphRecord& graph,
             std::vector<const ComponentRecord*>& rows);

// How a component is named in a path: its purl, else name@version, else its ref.
std::string component_label(const ComponentRecord& row);

}  // namespace cradle
