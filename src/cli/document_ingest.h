// Ingesting one document, as `cradle ingest` and a worker's ingest job do it: the kind told from
// the content; an SBOM attached to its product version and evaluated in one transaction; OSV
// records loaded and VEX documents kept, each followed by the re-evaluation of the product
// versions it touches. What was stored is written to `out`, problems to `err` with their
// location; the result says whether all went without error.
#pragma once

#include <ostream>
#include <string>

#include "model/product.h"
#include "store/store.h"

namespace cradle {

// A file, or a directory or zip of OSV records.
bool ingest_path(Store& store, const std::string& path, const ProductVersion& target,
                 std::ostream& out, std::ostream& err);

// One document's bytes, named `source` (a zip is refused: it is read from its path).
bool ingest_document(Store& store, const std::string& source, const std::string& bytes,
                     const ProductVersion& target, std::ostream& out, std::ostream& err);

}  // namespace cradle
