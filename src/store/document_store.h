// DocumentStore: one role of the evidence store (store/store.h). Documents: every document that
// enters the store, kept once by the SHA-256 of its bytes with its EvidenceRef; the records read
// from it point at it.
//
// Threads: as the Store it belongs to (one thread at a time).
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "model/error.h"
#include "model/evidence_ref.h"
#include "store/store_role.h"

namespace cradle {

// A document as stored: its evidence and its bytes.
struct StoredDocument {
  EvidenceRef evidence;
  std::string content;
};

class DocumentStore : protected StoreRole {
 public:
  // Stores the bytes once per SHA-256 (evidence.sha256, computed here when empty) and returns
  // the evidence row's id; a document already stored keeps its first EvidenceRef.
  std::expected<std::int64_t, Error> put_document(const EvidenceRef& evidence,
                                                  std::string_view content);
  // The document with these bytes' SHA-256, if the store has it.
  std::expected<std::optional<StoredDocument>, Error> document(std::string_view sha256);

 protected:
  using StoreRole::StoreRole;
};

}  // namespace cradle
