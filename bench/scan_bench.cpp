// Scan speed: a synthetic advisory corpus shaped like the real ones (200,000 records over npm,
// PyPI, Go, Maven and crates.io, 1-2 affected packages each, 1-3 intervals per range, some
// versions[] lists, aliases) and a 10,000-component SBOM, half of whose packages have
// advisories. Measured: building the index (compiling every range), the scan itself, OSV JSON
// parsing against simdjson's own parse of the same bytes, loading the 200,000 records into a
// SQLite store (against simdjson's parse of the same bytes), and a cold scan from that store
// (open, read and parse the SBOM's advisories, index, match).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <simdjson.h>

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <random>

#include "analysis/matcher.h"
#include "analysis/stored_advisories.h"
#include "formats/osv/osv_record.h"
#include "app/advisory_update.h"

namespace {

using namespace cradle;

struct EcosystemShape {
  const char* ecosystem;
  const char* purl_type;
};
constexpr EcosystemShape kEcosystems[] = {
    {"npm", "npm"}, {"PyPI", "pypi"}, {"Go", "golang"}, {"Maven", "maven"}, {"crates.io", "cargo"}};

std::string package_name(std::size_t ecosystem, std::size_t n) {
  switch (ecosystem) {
    case 2: return fmt::format("github.com/org{}/module{}", n % 997, n);
    case 3: return fmt::format("org.example{}:artifact{}", n % 997, n);
    default: return fmt::format("package-{}", n);
  }
}

std::string purl_for(std::size_t ecosystem, std::size_t n, const std::string& version) {
  const std::string name = package_name(ecosystem, n);
  if (ecosystem == 3) {
    auto colon = name.find(':');
    return fmt::format("pkg:maven/{}/{}@{}", name.substr(0, colon), name.substr(colon + 1), version);
  }
  return fmt::format("pkg:{}/{}@{}", kEcosystems[ecosystem].purl_type, name, version);
}

constexpr std::size_t kPackages = 40'000;

std::vector<Advisory> make_advisories(std::size_t count) {
  std::mt19937_64 random(42);
  std::vector<Advisory> advisories;
  advisories.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    Advisory advisory;
    advisory.id = fmt::format("SYN-{:07}", i);
    advisory.modified = "2024-01-01T00:00:00Z";
    advisory.aliases = {fmt::format("CVE-2024-{}", 100000 + i)};
    advisory.summary = "synthetic";
    const std::size_t packages = 1 + random() % 2;
    for (std::size_t p = 0; p < packages; ++p) {
      AffectedPackage affected;
      const std::size_t package = random() % kPackages;
      const std::size_t ecosystem = package % 5;
      affected.name = package_name(ecosystem, package);
      affected.versions.ecosystem = kEcosystems[ecosystem].ecosystem;
      OsvRange range{ecosystem == 1 || ecosystem == 3 ? "ECOSYSTEM" : "SEMVER", {}, {}};
      const std::size_t intervals = 1 + random() % 3;
      for (std::size_t k = 0; k < intervals; ++k) {
        range.events.push_back({OsvEvent::Kind::introduced, fmt::format("{}.0.0", k * 2)});
        range.events.push_back({OsvEvent::Kind::fixed, fmt::format("{}.{}.{}", k * 2, random() % 10, random() % 20)});
      }
      affected.versions.ranges.push_back(std::move(range));
      if (random() % 4 == 0) affected.versions.versions = {"0.1.0", "0.2.0", "0.3.0"};
      advisory.affected.push_back(std::move(affected));
    }
    advisories.push_back(std::move(advisory));
  }
  return advisories;
}

const AdvisoryIndex& index_of_200k() {
  static const AdvisoryIndex index = [] {
    AdvisoryIndex built;
    for (auto& advisory : make_advisories(200'000)) built.add(std::move(advisory));
    built.finish();
    return built;
  }();
  return index;
}

Sbom make_sbom(std::size_t components) {
  std::mt19937_64 random(7);
  Sbom sbom;
  for (std::size_t i = 0; i < components; ++i) {
    // Half the components are packages with advisories (ids below kPackages), half are not.
    const std::size_t package = i % 2 == 0 ? random() % kPackages : kPackages + i;
    const std::size_t ecosystem = package % 5;
    const std::string version = fmt::format("{}.{}.{}", random() % 5, random() % 10, random() % 20);
    Component component;
    component.name = package_name(ecosystem, package);
    component.version = version;
    component.purl_text = purl_for(ecosystem, package, version);
    if (auto purl = parse_purl(component.purl_text)) component.purl = *purl;
    sbom.components.push_back(std::move(component));
  }
  return sbom;
}

void index_build(benchmark::State& state) {
  const auto advisories = make_advisories(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    AdvisoryIndex index;
    for (const Advisory& advisory : advisories) index.add(advisory);
    index.finish();
    benchmark::DoNotOptimize(index);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}

void scan_10k_components(benchmark::State& state) {
  const AdvisoryIndex& index = index_of_200k();
  const Sbom sbom = make_sbom(10'000);
  std::size_t affected = 0;
  for (auto _ : state) {
    auto results = match_components(sbom, index);
    affected = static_cast<std::size_t>(std::ranges::count_if(
        results, [](const ComponentResult& r) { return r.state == ComponentState::affected; }));
    benchmark::DoNotOptimize(results);
  }
  state.counters["affected_components"] = static_cast<double>(affected);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 10'000);
}

std::string record_json(const Advisory& advisory) {
  std::string affected;
  for (const auto& package : advisory.affected) {
    std::string events;
    for (const auto& event : package.versions.ranges[0].events) {
      events += fmt::format("{}{{\"{}\": \"{}\"}}", events.empty() ? "" : ", ",
                            event.kind == OsvEvent::Kind::introduced ? "introduced" : "fixed", event.version);
    }
    affected += fmt::format(
        "{}{{\"package\": {{\"ecosystem\": \"{}\", \"name\": \"{}\"}}, \"ranges\": [{{\"type\": \"{}\", "
        "\"events\": [{}]}}], \"database_specific\": {{\"source\": \"synthetic\"}}}}",
        affected.empty() ? "" : ", ", package.versions.ecosystem, package.name,
        package.versions.ranges[0].type, events);
  }
  return fmt::format(
      "{{\"schema_version\": \"1.6.0\", \"id\": \"{}\", \"modified\": \"{}\", \"published\": \"{}\", "
      "\"aliases\": [\"{}\"], \"summary\": \"A synthetic advisory\", \"details\": \"{}\", "
      "\"affected\": [{}], \"references\": [{{\"type\": \"WEB\", \"url\": \"https://example.org/{}\"}}]}}",
      advisory.id, advisory.modified, advisory.modified, advisory.aliases[0],
      std::string(400, 'x'), affected, advisory.id);
}

const std::vector<std::string>& records_json() {
  static const std::vector<std::string> records = [] {
    std::vector<std::string> out;
    for (const auto& advisory : make_advisories(20'000)) out.push_back(record_json(advisory));
    return out;
  }();
  return records;
}

// The same 200,000 advisories as the index benchmarks, as OSV JSON documents.
const std::vector<std::string>& records_json_200k() {
  static const std::vector<std::string> records = [] {
    std::vector<std::string> out;
    for (const auto& advisory : make_advisories(200'000)) out.push_back(record_json(advisory));
    return out;
  }();
  return records;
}

std::size_t total_bytes(const std::vector<std::string>& records) {
  std::size_t bytes = 0;
  for (const auto& r : records) bytes += r.size();
  return bytes;
}

std::filesystem::path bench_dir() {
  return std::filesystem::temp_directory_path() / ("cradle-scan-bench-" + std::to_string(getpid()));
}

AdvisoryUpdate import_records(Store& store, const std::vector<std::string>& records) {
  return update_advisories(
      store, "synthetic",
      [&](const DocumentSink& sink) {
        SourceReport report;
        for (std::size_t i = 0; i < records.size(); ++i) {
          sink(fmt::format("synthetic/{}.json", i), records[i]);
          ++report.documents;
        }
        return report;
      },
      AdvisoryUpdateOptions{});
}

// A store holding the 200,000 records, written once per run.
const std::string& store_of_200k() {
  static const std::string path = [] {
    const auto dir = bench_dir();
    std::filesystem::remove_all(dir);
    const std::string file = (dir / "cradle.db").string();
    auto store = open_store(file, OpenMode::read_write);
    if (!store) std::abort();
    if (import_records(**store, records_json_200k()).failed()) std::abort();
    return file;
  }();
  return path;
}

void store_import_200k(benchmark::State& state) {
  const auto& records = records_json_200k();
  std::size_t added = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const auto dir = bench_dir() / "import";
    std::filesystem::remove_all(dir);
    auto store = open_store((dir / "cradle.db").string(), OpenMode::read_write);
    if (!store) state.SkipWithError(store.error().message.c_str());
    state.ResumeTiming();
    AdvisoryUpdate update = import_records(**store, records);
    if (update.failed()) state.SkipWithError("the import failed");
    added = update.added;
  }
  state.counters["records"] = static_cast<double>(added);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes(records)));
}

void simdjson_dom_osv_200k(benchmark::State& state) {
  const auto& records = records_json_200k();
  simdjson::dom::parser parser;
  for (auto _ : state) {
    for (const auto& record : records) {
      simdjson::dom::element root;
      if (parser.parse(record).get(root)) state.SkipWithError("simdjson rejected a record");
      benchmark::DoNotOptimize(root);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * total_bytes(records)));
}

// From nothing in memory to results: open the store, read and parse the advisories of the
// SBOM's packages, build their index, match. The index and the results are freed outside the
// timed part, as `cradle scan` never frees them (cli/keep_until_exit.h): that alone is a
// quarter of the time otherwise.
void scan_10k_from_store_cold(benchmark::State& state) {
  const std::string& path = store_of_200k();
  const Sbom sbom = make_sbom(10'000);
  std::size_t affected = 0;
  std::size_t loaded = 0;
  for (auto _ : state) {
    auto store = open_store(path, OpenMode::read_only);
    if (!store) state.SkipWithError(store.error().message.c_str());
    auto index = std::make_unique<AdvisoryIndex>();
    auto load = load_stored_advisories(**store, sbom, *index);
    if (!load) state.SkipWithError(load.error().message.c_str());
    loaded = load->advisories;
    auto results = match_components(sbom, *index);
    affected = static_cast<std::size_t>(std::ranges::count_if(
        results, [](const ComponentResult& r) { return r.state == ComponentState::affected; }));
    benchmark::DoNotOptimize(results);
    state.PauseTiming();
    results = {};
    index.reset();
    state.ResumeTiming();
  }
  state.counters["affected_components"] = static_cast<double>(affected);
  state.counters["records_loaded"] = static_cast<double>(loaded);
}

void osv_parse(benchmark::State& state) {
  std::size_t bytes = 0;
  for (const auto& r : records_json()) bytes += r.size();
  for (auto _ : state) {
    for (const auto& record : records_json()) {
      auto result = parse_osv_json(record, "bench");
      if (!result.accepted()) state.SkipWithError("a synthetic record was rejected");
      benchmark::DoNotOptimize(result);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void simdjson_dom_osv(benchmark::State& state) {
  std::size_t bytes = 0;
  for (const auto& r : records_json()) bytes += r.size();
  simdjson::dom::parser parser;
  for (auto _ : state) {
    for (const auto& record : records_json()) {
      simdjson::dom::element root;
      if (parser.parse(record).get(root)) state.SkipWithError("simdjson rejected a record");
      benchmark::DoNotOptimize(root);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

}  // namespace

BENCHMARK(index_build)->Arg(200'000)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(scan_10k_components)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(simdjson_dom_osv)->Unit(benchmark::kMillisecond);
BENCHMARK(osv_parse)->Unit(benchmark::kMillisecond);
BENCHMARK(simdjson_dom_osv_200k)->Unit(benchmark::kMillisecond);
BENCHMARK(store_import_200k)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(scan_10k_from_store_cold)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::filesystem::remove_all(bench_dir());
  return 0;
}
