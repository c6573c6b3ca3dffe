// ingest_sbom(): a parsed SBOM into the store, attached to a version of a product: its document
// kept once by SHA-256, the product created when the store does not know it yet, and the SBOM's
// graph flattened into component and edge rows (store/portfolio.h), its conformance to every
// profile recorded (analysis/sbom_conformance.h: the verdict and counts, not the results). One
// transaction: a failure or a crash leaves the store as it was.
//
// Threads: one call at a time per store (store/store.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

#include "model/error.h"
#include "model/ingest_outcome.h"
#include "model/portfolio.h"
#include "model/product.h"
#include "model/sbom.h"
#include "store/store.h"

namespace cradle {

// The product version an SBOM is for: `target`'s name and version where given, else those of
// the product the SBOM describes (CycloneDX metadata.component, the one package an SPDX document
// DESCRIBES). An error when neither names it.
std::expected<ProductVersion, Error> sbom_product_version(const Sbom& sbom,
                                                          const ProductVersion& target);

// The rows of an SBOM's graph (model/sbom_graph.h): every node, with its OSV package and its
// parent on a shortest path from a root, and every edge once.
SbomGraphRecord sbom_graph_record(const Sbom& sbom);

// `sbom.evidence` names the document (its source; the SHA-256 is computed when empty).
std::expected<SbomIngest, Error> ingest_sbom(Store& store, const Sbom& sbom, std::string_view bytes,
                                             const ProductVersion& target);
// The same inside the caller's transaction.
std::expected<SbomIngest, Error> attach_sbom(Store& store, const Sbom& sbom, std::string_view bytes,
                                             const ProductVersion& target);

}  // namespace cradle
