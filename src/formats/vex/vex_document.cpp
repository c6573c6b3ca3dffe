#include "formats/vex/vex_document.h"

#include <string>

#include "formats/vex/csaf_vex.h"
#include "formats/vex/cyclonedx_vex.h"
#include "formats/document_kind.h"
#include "formats/vex/openvex.h"

namespace cradle {

VexParseResult parse_vex(std::string_view bytes, std::string_view file, const ParseLimits& limits) {
  switch (detect_document_kind(bytes)) {
    case DocumentKind::openvex: return parse_openvex(bytes, file, limits);
    case DocumentKind::cyclonedx_json:
    case DocumentKind::cyclonedx_xml: return parse_cyclonedx_vex(bytes, file, limits);
    case DocumentKind::csaf: return parse_csaf_vex(bytes, file, limits);
    default: break;
  }
  VexParseResult result;
  result.diagnostics.push_back(Diagnostic{
      Severity::error, std::string(file), {},
      "not a VEX document cradle reads: expected OpenVEX, CycloneDX (JSON or XML) with "
      "vulnerabilities, or CSAF 2.0"});
  return result;
}

}  // namespace cradle
