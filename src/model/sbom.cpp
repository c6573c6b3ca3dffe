#include "model/sbom.h"

#include <algorithm>

namespace cradle {

std::string_view to_string(SbomFormat format) {
  return format == SbomFormat::cyclonedx ? "CycloneDX" : "SPDX";
}

const Component* described_component(const Sbom& sbom) {
  if (sbom.primary_component) return &*sbom.primary_component;
  if (sbom.described_refs.size() != 1) return nullptr;
  auto it = std::ranges::find(sbom.components, sbom.described_refs.front(), &Component::ref);
  return it == sbom.components.end() ? nullptr : &*it;
}

}  // namespace cradle
