#include "formats/wrapped_sbom.h"

#include <simdjson.h>

#include <string>

#include "formats/text_position.h"

namespace cradle {

std::optional<WrappedSbom> github_dependency_graph_sbom(std::string_view bytes) {
  // Cheap refusal of everything else: the first member must be "sbom".
  const std::size_t open = bytes.find_first_not_of(" \t\r\n");
  if (open == std::string_view::npos || bytes[open] != '{') return std::nullopt;
  const std::size_t key = bytes.find_first_not_of(" \t\r\n", open + 1);
  if (key == std::string_view::npos || bytes.compare(key, 6, "\"sbom\"") != 0) return std::nullopt;

  const simdjson::padded_string padded(bytes);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document document;
  simdjson::ondemand::object envelope;
  if (parser.iterate(padded).get(document) || document.get_object().get(envelope))
    return std::nullopt;
  std::optional<WrappedSbom> found;
  for (auto field : envelope) {
    std::string_view name;
    simdjson::ondemand::object inner;
    std::string_view raw;
    if (field.unescaped_key().get(name) || name != "sbom" || found ||
        field.value().get_object().get(inner) || inner.raw_json().get(raw)) {
      return std::nullopt;
    }
    const auto offset = static_cast<std::size_t>(raw.data() - padded.data());
    found = WrappedSbom{bytes.substr(offset, raw.size()), offset, "sbom"};
  }
  return found;
}

void locate_in_envelope(std::vector<Diagnostic>& diagnostics, std::string_view envelope,
                        const WrappedSbom& wrapped) {
  const SourceLocation start = position_at(envelope, wrapped.offset);
  for (Diagnostic& d : diagnostics) {
    if (!d.location.json_pointer.empty() || d.location.line == 0) {
      d.location.json_pointer = "/" + std::string(wrapped.member) + d.location.json_pointer;
    }
    if (d.location.line == 0) continue;
    if (d.location.line == 1) d.location.column += start.column - 1;
    d.location.line += start.line - 1;
  }
}

}  // namespace cradle
