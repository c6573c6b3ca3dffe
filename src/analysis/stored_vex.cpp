#include "analysis/stored_vex.h"

#include <utility>

#include "formats/vex/vex_document.h"

namespace cradle {

std::expected<std::vector<VexStatement>, Error> stored_vex_statements(
    VexStore& store, std::vector<Diagnostic>& diagnostics, std::span<const std::string> naming) {
  auto statements = store.vex_statements(naming);
  if (!statements) return std::unexpected(statements.error());
  auto documents = store.vex_documents_without_rows(naming);
  if (!documents) return std::unexpected(documents.error());
  for (const StoredDocument& document : *documents) {
    VexParseResult parsed = parse_vex(document.content, document.evidence.source);
    for (Diagnostic& d : parsed.diagnostics) diagnostics.push_back(std::move(d));
    for (VexStatement& statement : parsed.statements) {
      statement.evidence.source = document.evidence.source;
      statement.evidence.ingested_at = document.evidence.ingested_at;
      statements->push_back(std::move(statement));
    }
  }
  return statements;
}

}  // namespace cradle
