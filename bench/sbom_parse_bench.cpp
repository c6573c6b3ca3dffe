// Parse throughput of cradle's SBOM readers against simdjson's own DOM parse of the same bytes
// (the practical limit). Inputs: generated 100,000-component CycloneDX JSON and SPDX 2.3 JSON
// documents (see generate_sbom.h), and a real SBOM of the public data set when present, as it
// is and with its components repeated to 100,000 (juice_shop_shaped_100k).
// Report: bytes_per_second per benchmark; the ratio cradle / simdjson is the figure to watch.
// simdjson_on_demand_walk is the second reference for CycloneDX JSON, which cradle reads with
// On-Demand.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include "formats/on_demand_reader.h"
#include "formats/sbom_parser.h"
#include "generate_sbom.h"

namespace {

const std::string& cyclonedx_doc() {
  static const std::string doc = cradle::bench::generate_cyclonedx_json(100'000);
  return doc;
}
const std::string& spdx_doc() {
  static const std::string doc = cradle::bench::generate_spdx_json(100'000);
  return doc;
}
const std::string& real_doc() {
  static const std::string doc = cradle::bench::read_juice_shop_sbom();
  return doc;
}
// The real SBOM's 840 components repeated to 100,000: a large document shaped as a real one.
const std::string& real_shaped_doc() {
  static const std::string doc = cradle::bench::replicate_cyclonedx_json(real_doc(), 100'000);
  return doc;
}

// False, the benchmark skipped with the reason, when the input could not be had (the real SBOM
// of the public data set is absent).
bool has_input(benchmark::State& state, const std::string& doc) {
  if (doc.empty()) state.SkipWithError("input not found");
  return !doc.empty();
}

void simdjson_dom(benchmark::State& state, const std::string& doc) {
  if (!has_input(state, doc)) return;
  simdjson::dom::parser parser;
  for (auto _ : state) {
    simdjson::dom::element root;
    if (parser.parse(doc).get(root)) state.SkipWithError("simdjson rejected the document");
    benchmark::DoNotOptimize(root);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc.size()));
}

// simdjson On-Demand reading every value once, with the validation cradle's On-Demand readers
// give the values they skip (formats/on_demand_reader.h): the floor of any parser that reads a
// document on demand and still rejects a malformed one whole.
void simdjson_on_demand_walk(benchmark::State& state, const std::string& doc) {
  if (!has_input(state, doc)) return;
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(doc);
  for (auto _ : state) {
    simdjson::ondemand::document document;
    simdjson::ondemand::value root;
    if (parser.iterate(padded).get(document) || document.get_value().get(root) ||
        cradle::validate_json_value(root, 512) != simdjson::SUCCESS) {
      state.SkipWithError("simdjson On-Demand rejected the document");
    }
    benchmark::DoNotOptimize(document);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc.size()));
}

void cradle_parse(benchmark::State& state, const std::string& doc) {
  if (!has_input(state, doc)) return;
  // In place when the string has simdjson's padding to spare, as simdjson's own parse(std::string)
  // decides for the baseline.
  cradle::ParseLimits limits;
  if (doc.capacity() - doc.size() >= simdjson::SIMDJSON_PADDING) limits.readable_padding = simdjson::SIMDJSON_PADDING;
  for (auto _ : state) {
    auto result = cradle::parse_sbom(doc, "bench", limits);
    if (!result.accepted()) state.SkipWithError("cradle rejected the document");
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc.size()));
}

BENCHMARK_CAPTURE(simdjson_dom, cyclonedx_100k, cyclonedx_doc())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(simdjson_on_demand_walk, cyclonedx_100k, cyclonedx_doc())
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(cradle_parse, cyclonedx_100k, cyclonedx_doc())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(simdjson_dom, spdx_100k, spdx_doc())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(simdjson_on_demand_walk, spdx_100k, spdx_doc())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(cradle_parse, spdx_100k, spdx_doc())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(simdjson_dom, juice_shop, real_doc())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(cradle_parse, juice_shop, real_doc())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(simdjson_dom, juice_shop_shaped_100k, real_shaped_doc())
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(simdjson_on_demand_walk, juice_shop_shaped_100k, real_shaped_doc())
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(cradle_parse, juice_shop_shaped_100k, real_shaped_doc())
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
