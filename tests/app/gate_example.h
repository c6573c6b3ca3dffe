// The example product `gate` of tests/data/assess, for the tests of the use cases that decide:
// its SBOM ingested (as gate-1.0.cdx.json) and its OSV records loaded into a store, on each
// engine (GateExampleTest); and an OpenSSF Scorecard result stored as the ingest of one would.
#pragma once

#include <gtest/gtest.h>

#include "app/advisory_update.h"
#include "app/sbom_ingest.h"
#include "formats/sbom_parser.h"
#include "formats/signals/scorecard.h"
#include "shared_data.h"
#include "store/scratch_store.h"
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

// The Scorecard result `bytes` stored as a document named `source`, with its signals.
inline void store_scorecard(Store& store, const std::string& bytes, const std::string& source) {
  SignalParseResult signals = parse_scorecard(bytes, source);
  ASSERT_TRUE(signals.accepted());
  auto kept = in_transaction(store, [&]() -> std::expected<bool, Error> {
    auto document = store.put_document(EvidenceRef{source, "", "OpenSSF Scorecard", "", ""}, bytes);
    if (!document) return std::unexpected(document.error());
    return store.put_signals(*document, signals.signals);
  });
  ASSERT_TRUE(kept) << kept.error().message;
}

// A test on each engine whose store holds the example product.
class GateExampleTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_gate_example(*store_);
  }
};

}  // namespace cradle::testing
