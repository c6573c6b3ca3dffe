// VexStore: one role of the evidence store (store/store.h). VEX documents and their statements
// (store/vex_statement_row.h).
//
// Threads: as the Store it belongs to (one thread at a time).
#pragma once

#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <vector>

#include "model/error.h"
#include "model/vex.h"
#include "store/document_store.h"
#include "store/store_role.h"

namespace cradle {

class VexStore : protected StoreRole {
 public:
  // VEX documents: a stored document's statements, each a row pointing at the document
  // (store/vex_statement_row.h), and the vulnerability ids they name. Returns false when the
  // document was already kept as VEX.
  std::expected<bool, Error> put_vex_document(std::int64_t document_id,
                                              std::span<const VexStatement> statements);
  // The statements kept, each with its document's evidence, in the order their documents were
  // ingested and then as each document lists them. With `naming` given, only those of the
  // documents that name one of these ids (the other statements of such a document included).
  std::expected<std::vector<VexStatement>, Error> vex_statements(
      std::span<const std::string> naming);
  // The VEX documents kept before statements had rows (schema version 6) that have statements,
  // with their bytes, in the order they were ingested; `naming` as above.
  std::expected<std::vector<StoredDocument>, Error> vex_documents_without_rows(
      std::span<const std::string> naming);

 protected:
  using StoreRole::StoreRole;
};

}  // namespace cradle
