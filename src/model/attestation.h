// Attestation: one in-toto Statement as a document carries it (bare, in a DSSE envelope, or in a
// Sigstore bundle), with what it says about which artifacts.
//
// What the statement claims, not what is proven: signatures are counted, never verified here
// (verification needs the signer's key or a trusted root and is its own step), so a stored
// attestation is evidence that someone stated this, not that it is true.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model/evidence_ref.h"

namespace cradle {

struct AttestationSubject {
  std::string name;  // may be empty (a subject named by digest alone)
  // Algorithm ("sha256", "sha512", "gitCommit", ...) and value as written, sorted by algorithm.
  std::vector<std::pair<std::string, std::string>> digests;
  bool operator==(const AttestationSubject&) const = default;
};

struct Attestation {
  std::string envelope;        // "statement", "dsse" or "sigstore-bundle"
  std::string statement_type;  // "https://in-toto.io/Statement/v1" (or v0.1)
  std::string predicate_type;  // "https://slsa.dev/provenance/v1", "https://spdx.dev/Document", ...
  std::vector<AttestationSubject> subjects;
  // SLSA provenance only (v0.2: predicate.builder.id, buildType; v1: runDetails.builder.id,
  // buildDefinition.buildType, runDetails.metadata.finishedOn); empty otherwise.
  std::string builder_id;
  std::string build_type;
  std::string finished_at;
  std::size_t signatures = 0;  // as the envelope carries them: not verified
  std::size_t position = 0;    // the statement's place in its document, from 0
  EvidenceRef evidence;        // the document's
  bool operator==(const Attestation&) const = default;
};

}  // namespace cradle
