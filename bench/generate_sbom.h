// Synthetic SBOMs for benchmarks: N npm-like components with purls, hashes, licences and a
// dependency chain, as CycloneDX 1.6 JSON or SPDX 2.3 JSON. Deterministic.
#pragma once

#include <cstddef>
#include <string>

namespace cradle::bench {

std::string generate_cyclonedx_json(std::size_t components);
std::string generate_spdx_json(std::size_t packages);

}  // namespace cradle::bench
