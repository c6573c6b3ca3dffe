#include "formats/sbom_parser.h"

#include <fmt/format.h>

#include <future>
#include <system_error>

#include "formats/cyclonedx/cyclonedx_json.h"
#include "formats/cyclonedx/cyclonedx_xml.h"
#include "formats/document_kind.h"
#include "formats/spdx/spdx2_json.h"
#include "formats/spdx/spdx2_tag_value.h"
#include "formats/spdx/spdx3_json_ld.h"
#include "formats/wrapped_sbom.h"

namespace cradle {
namespace {

// Below this, starting a thread costs more than hashing on this one.
constexpr std::size_t kParallelHashBytes = 1 << 20;

}  // namespace

SbomParseResult parse_sbom(std::string_view bytes, std::string_view file,
                           const ParseLimits& limits) {
  SbomParseResult result;
  if (bytes.size() > limits.max_bytes) {
    result.diagnostics.push_back(Diagnostic{
        Severity::error, std::string(file), {},
        fmt::format("the file is {} bytes, more than the limit of {} bytes", bytes.size(),
                    limits.max_bytes)});
    return result;
  }
  DocumentKind kind = detect_document_kind(bytes);
  if (!is_sbom(kind)) {
    result.diagnostics.push_back(Diagnostic{
        Severity::error, std::string(file), {},
        fmt::format("not an SBOM cradle reads{}: expected CycloneDX (JSON or XML) or SPDX (JSON, "
                    "tag-value or 3.0 JSON-LD)",
                    kind == DocumentKind::unknown ? "" : fmt::format(" (it is {})", to_string(kind)))});
    return result;
  }
  // The evidence hash of a large document is computed on another core while it is parsed.
  std::future<std::string> hash;
  if (bytes.size() >= kParallelHashBytes) {
    try {
      hash = std::async(std::launch::async, [bytes] { return sha256_hex(bytes); });
    } catch (const std::system_error&) {
      // No thread to be had: hashed below, after the parse.
    }
  }
  switch (kind) {
    case DocumentKind::cyclonedx_json:
      result = parse_cyclonedx_json(bytes, file, limits);
      break;
    case DocumentKind::spdx2_json:
      if (auto wrapped = github_dependency_graph_sbom(bytes)) {
        // Read where it lies: what follows it in the envelope is readable padding.
        ParseLimits inner = limits;
        inner.readable_padding += bytes.size() - wrapped->offset - wrapped->document.size();
        result = parse_spdx2_json(wrapped->document, file, inner);
        locate_in_envelope(result.diagnostics, bytes, *wrapped);
        if (result.sbom) result.sbom->encoding = "JSON, in a GitHub dependency-graph answer";
      } else {
        result = parse_spdx2_json(bytes, file, limits);
      }
      break;
    case DocumentKind::spdx2_tag_value:
      result = parse_spdx2_tag_value(bytes, file, limits);
      break;
    case DocumentKind::cyclonedx_xml:
      result = parse_cyclonedx_xml(bytes, file, limits);
      break;
    case DocumentKind::spdx3_json_ld:
      result = parse_spdx3_json_ld(bytes, file, limits);
      break;
    default:
      break;
  }
  if (result.sbom) {
    result.sbom->evidence.sha256 = hash.valid() ? hash.get() : sha256_hex(bytes);
    result.sbom->evidence.kind =
        fmt::format("{} {} {}", to_string(result.sbom->format), result.sbom->spec_version,
                    result.sbom->encoding);
  }
  return result;
}

}  // namespace cradle
