// AttestationStore: one role of the evidence store (store/store.h). In-toto attestations and
// Sigstore bundles, a row per statement with its subjects' digests.
//
// Threads: as the Store it belongs to (one thread at a time).
#pragma once

#include <cstdint>
#include <expected>
#include <span>
#include <string_view>
#include <vector>

#include "model/attestation.h"
#include "model/error.h"
#include "store/store_role.h"

namespace cradle {

class AttestationStore : protected StoreRole {
 public:
  // Attestations: a stored document's in-toto statements, each a row pointing at the document,
  // with their subjects' digests. Returns false when the document was already kept as
  // attestations.
  std::expected<bool, Error> put_attestations(std::int64_t document_id,
                                              std::span<const Attestation> attestations);
  // The attestations with a subject of this digest (algorithm and value compared as written),
  // each with all its subjects and its document's evidence, by document and position.
  std::expected<std::vector<Attestation>, Error> attestations_for_digest(std::string_view algorithm,
                                                                         std::string_view digest);

 protected:
  using StoreRole::StoreRole;
};

}  // namespace cradle
