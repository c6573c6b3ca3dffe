// VexStatementRow: a VEX statement as one row of the `vex_statements` table, the same for both
// engines. The scalar fields are columns; the lists (aliases, products with their versions and
// subcomponents) are JSON text, written here and read back here, so that a statement read from
// the store equals the one parsed from its document. A statement's evidence is its document's
// (the row points at it), with produced-at the statement's timestamp, as the parsers set it.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <vector>

#include "model/error.h"
#include "model/evidence_ref.h"
#include "model/vex.h"

namespace cradle {

struct VexStatementRow {
  std::int64_t position = 0;  // the statement's place in its document
  std::string vulnerability;
  std::string aliases;  // JSON array of strings
  std::string status;   // to_string(VexStatus)
  std::string justification;
  std::string impact_statement;
  std::string action_statement;
  std::string stated_at;  // the statement's timestamp
  std::string author;
  std::string document_ref;  // the VEX document's own id
  std::string products;      // JSON array of objects, one per VexProduct
};

VexStatementRow to_row(const VexStatement& statement, std::int64_t position);

// The statement a row holds, with `document`'s evidence; an error names the row's defect.
std::expected<VexStatement, Error> to_statement(const VexStatementRow& row,
                                                const EvidenceRef& document);

// Every vulnerability id the statements name (their vulnerabilities and aliases), sorted, each
// once: what vex_vulnerabilities indexes a document by.
std::vector<std::string> vex_named_ids(std::span<const VexStatement> statements);

}  // namespace cradle
