// Synthetic SBOMs for benchmarks: N npm-like components with purls, hashes, licences and a
// dependency chain, as CycloneDX 1.6 JSON or SPDX 2.3 JSON. Deterministic.
#pragma once

#include <cstddef>
#include <string>

namespace cradle::bench {

std::string generate_cyclonedx_json(std::size_t components);
std::string generate_spdx_json(std::size_t packages);

// A product's SBOM for a portfolio: `components` PyPI components drawn from a universe of
// `universe` packages (pkg-N@1.M.P), the first always pkg-0@1.0.<version>, over a random DAG
// (each component reachable from the primary app, most through several paths); at least ten
// components. Deterministic
// in (product, version).
std::string generate_product_sbom(std::size_t product, std::size_t version, std::size_t components,
                                  std::size_t universe);

}  // namespace cradle::bench
