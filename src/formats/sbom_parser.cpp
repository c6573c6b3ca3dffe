#include "formats/sbom_parser.h"

#include <fmt/format.h>

#include "formats/cyclonedx_json.h"
#include "formats/cyclonedx_xml.h"
#include "formats/document_kind.h"
#include "formats/spdx2_json.h"
#include "formats/spdx2_tag_value.h"
#include "formats/spdx3_json_ld.h"

namespace cradle {

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
  switch (kind) {
    case DocumentKind::cyclonedx_json:
      result = parse_cyclonedx_json(bytes, file, limits);
      break;
    case DocumentKind::spdx2_json:
      result = parse_spdx2_json(bytes, file, limits);
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
    case DocumentKind::openvex:
    case DocumentKind::csaf:
    case DocumentKind::osv:
    case DocumentKind::zip:
    case DocumentKind::unknown:
      result.diagnostics.push_back(Diagnostic{
          Severity::error, std::string(file), {},
          fmt::format("not an SBOM cradle reads{}: expected CycloneDX (JSON or XML) or SPDX (JSON, "
                      "tag-value or 3.0 JSON-LD)",
                      kind == DocumentKind::unknown ? "" : fmt::format(" (it is {})", to_string(kind)))});
      return result;
  }
  if (result.sbom) {
    result.sbom->evidence.sha256 = sha256_hex(bytes);
    result.sbom->evidence.kind =
        fmt::format("{} {} {}", to_string(result.sbom->format), result.sbom->spec_version,
                    result.sbom->encoding);
  }
  return result;
}

}  // namespace cradle
