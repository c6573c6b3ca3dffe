// The example product `gate` of tests/data/assess, for the tests of the use cases that decide:
// its SBOM ingested (as gate-1.0.cdx.json) and its OSV records loaded into a store.
#pragma once

#include <gtest/gtest.h>

#include "app/advisory_update.h"
#include "app/sbom_ingest.h"
#include "formats/sbom_parser.h"
#include "shared_data.h"
#include "store/store.h"

namespace cradle::testing {

inline void store_gate_example(Store& store) {
  const auto data = test_data_dir() / "assess";
  const std::string bytes = read_file(data / "gate-1.0.cdx.json");
  SbomParseResult parsed = parse_sbom(bytes, "gate-1.0.cdx.json");
  ASSERT_TRUE(parsed.accepted());
  parsed.sbom->evidence.source = "gate-1.0.cdx.json";
  ASSERT_TRUE(ingest_sbom(store, *parsed.sbom, bytes, {}));
  ASSERT_FALSE(update_advisories_from_path(store, (data / "osv").string(), {}).failed());
}

}  // namespace cradle::testing
