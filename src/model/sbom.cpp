#include "model/sbom.h"

namespace cradle {

std::string_view to_string(SbomFormat format) {
  return format == SbomFormat::cyclonedx ? "CycloneDX" : "SPDX";
}

}  // namespace cradle
