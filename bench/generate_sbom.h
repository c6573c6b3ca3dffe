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

// A CycloneDX JSON document of `components` components shaped as a real SBOM's: the top-level
// components of `real` (CycloneDX JSON) repeated in turn, each copy with its own bom-ref and
// name (`<name>-<copy>`) and the rest as written; no dependencies. Empty when `real` has no
// components. For measuring on what real producers write (descriptions, several hashes and
// references per component) rather than on the dense generated documents above.
std::string replicate_cyclonedx_json(const std::string& real, std::size_t components);

// juice-shop's CycloneDX JSON SBOM from the public data set ($CRADLE_SHARED_DATA, default
// ../shared/data beside the project); empty when it is not there.
std::string read_juice_shop_sbom();

}  // namespace cradle::bench
