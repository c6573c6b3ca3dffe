// Attestations as the store keeps them: a row per statement, keyed by its document and its place
// there, and a row per (subject, digest algorithm). Both engines read the rows and assemble the
// Attestations here.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "model/attestation.h"

namespace cradle {

struct AttestationRow {
  std::int64_t document_id = 0;
  Attestation attestation;  // position, statement fields and evidence; no subjects yet
};

struct AttestationSubjectRow {
  std::int64_t document_id;
  std::int64_t position;
  std::int64_t subject;  // the subject's place in its statement
  std::string name;
  std::string algorithm;
  std::string digest;
};

// Each attestation with its subjects, in the rows' order. Both inputs are sorted by
// (document_id, position), the subject rows then by (subject, algorithm).
std::vector<Attestation> assemble_attestations(std::vector<AttestationRow> rows,
                                               std::span<const AttestationSubjectRow> subjects);

}  // namespace cradle
