// The portfolio on both engines, side by side in one run: ingesting 1,000 generated SBOMs of
// 1,000 components each (100 products x 10 versions; parsing, and the evaluation of each SBOM
// against 5,000 stored advisories, included, as `cradle ingest` does it), then over that
// portfolio `cradle affected` for a vulnerability in a package every SBOM holds (half of the
// product versions affected) and `cradle why` for a component deep in one product's graph.
// Reported: SBOMs per second, store bytes per component, and the query times.
//
// PostgreSQL runs when $CRADLE_BENCH_POSTGRES (else $CRADLE_TEST_POSTGRES) names a server where
// the benchmark may create and drop a database (scripts/postgres-cluster.sh starts one).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

#include "analysis/affected_products.h"
#include "analysis/dependency_paths.h"
#include "app/reevaluation.h"
#include "formats/osv/osv_record.h"
#include "formats/sbom_parser.h"
#include "generate_sbom.h"
#include "app/sbom_ingest.h"

namespace {

using namespace cradle;

// CRADLE_BENCH_PRODUCTS=N takes a smaller (or larger) portfolio; CRADLE_BENCH_KEEP=1 leaves the
// stores in place afterwards, for looking into them.
const std::size_t kProducts = [] {
  const char* products = std::getenv("CRADLE_BENCH_PRODUCTS");
  return products != nullptr && std::atoi(products) > 42
             ? static_cast<std::size_t>(std::atoi(products))
             : 100;
}();
const bool kKeep = std::getenv("CRADLE_BENCH_KEEP") != nullptr;
constexpr std::size_t kVersions = 10;
constexpr std::size_t kComponents = 1'000;
constexpr std::size_t kUniverse = 20'000;
constexpr std::size_t kAdvisories = 5'000;

const char* postgres_server() {
  for (const char* name : {"CRADLE_BENCH_POSTGRES", "CRADLE_TEST_POSTGRES"}) {
    const char* url = std::getenv(name);
    if (url != nullptr && *url != '\0') return url;
  }
  return nullptr;
}

bool postgres_command(const std::string& url, const std::string& sql,
                      std::string* value = nullptr) {
  PGconn* connection = PQconnectdb(url.c_str());
  bool ok = PQstatus(connection) == CONNECTION_OK;
  if (ok) {
    PGresult* result = PQexec(connection, sql.c_str());
    ok = PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK;
    if (ok && value != nullptr && PQntuples(result) > 0) *value = PQgetvalue(result, 0, 0);
    PQclear(result);
  }
  PQfinish(connection);
  return ok;
}

std::filesystem::path bench_dir() {
  return std::filesystem::temp_directory_path() /
         ("cradle-portfolio-bench-" + std::to_string(getpid()));
}

const std::string kDatabase = "cradle_portfolio_bench_" + std::to_string(getpid());

// The store of an engine (0 SQLite, 1 PostgreSQL): its location, empty when unavailable.
std::string location(int engine) {
  if (engine == 0) return (bench_dir() / "cradle.db").string();
  const char* server = postgres_server();
  if (server == nullptr) return {};
  std::string url = server;
  const std::size_t authority = url.find("://") + 3;
  const std::size_t path = url.find('/', authority);
  const std::size_t query = url.find('?', authority);
  return url.substr(0, path == std::string::npos ? query : path) + "/" + kDatabase +
         (query == std::string::npos ? "" : url.substr(query));
}

std::string osv_record(std::size_t i) {
  // Advisory 0 is the one every SBOM's pkg-0 meets: versions below 1.0.5 are affected.
  const std::size_t package = i == 0 ? 0 : 1 + (i * 7) % (kUniverse - 1);
  const std::string fixed = i == 0 ? "1.0.5" : fmt::format("1.{}.{}", package % 17, 4);
  return fmt::format(
      R"({{"id":"BENCH-{}","modified":"2026-01-01T00:00:00Z","aliases":["CVE-BENCH-{}"],"affected":[{{"package":)"
      R"({{"ecosystem":"PyPI","name":"pkg-{}"}},"ranges":[{{"type":"ECOSYSTEM","events":[{{"introduced":"0"}},{{"fixed":"{}"}}]}}]}}]}})",
      i, i, package, fixed);
}

struct Portfolio {
  std::unique_ptr<Store> store;
  bool ready = false;
};
Portfolio portfolios[2];

std::unique_ptr<Store> fresh_store(int engine, benchmark::State& state) {
  const std::string at = location(engine);
  if (at.empty()) {
    state.SkipWithError("no PostgreSQL server: set CRADLE_BENCH_POSTGRES");
    return nullptr;
  }
  if (engine == 0) {
    std::filesystem::remove_all(bench_dir());
  } else {
    postgres_command(postgres_server(), "DROP DATABASE IF EXISTS " + kDatabase + " WITH (FORCE)");
    if (!postgres_command(postgres_server(), "CREATE DATABASE " + kDatabase)) {
      state.SkipWithError("cannot create the benchmark's database");
      return nullptr;
    }
  }
  auto store = open_store(at, OpenMode::read_write);
  if (!store) {
    state.SkipWithError(store.error().message.c_str());
    return nullptr;
  }
  // The advisories, in one transaction.
  auto loaded = in_transaction(**store, [&]() -> std::expected<void, Error> {
    for (std::size_t i = 0; i < kAdvisories; ++i) {
      const std::string bytes = osv_record(i);
      AdvisoryParseResult parsed = parse_osv(bytes, "bench.json");
      if (!parsed.accepted())
        return std::unexpected(Error{ErrorCode::invalid_input, "a record was rejected", {}});
      auto document = (*store)->put_document(parsed.advisory->evidence, bytes);
      if (!document) return std::unexpected(document.error());
      if (auto put = (*store)->put_advisory(*parsed.advisory, *document); !put) return put;
    }
    return {};
  });
  if (!loaded) {
    state.SkipWithError(loaded.error().message.c_str());
    return nullptr;
  }
  return std::move(*store);
}

double store_bytes(int engine) {
  if (engine == 0) {
    double bytes = 0;
    for (const char* suffix : {"", "-wal"}) {
      std::error_code error;
      const auto size = std::filesystem::file_size(location(0) + suffix, error);
      if (!error) bytes += static_cast<double>(size);
    }
    return bytes;
  }
  std::string size;
  postgres_command(location(1), "SELECT pg_database_size(current_database())", &size);
  return size.empty() ? 0 : std::stod(size);
}

// Parses and ingests the 1,000 SBOMs; the documents are generated outside the timing.
void ingest_1000_sboms(benchmark::State& state) {
  const int engine = static_cast<int>(state.range(0));
  std::vector<std::string> documents;
  for (std::size_t product = 0; product < kProducts; ++product) {
    for (std::size_t version = 0; version < kVersions; ++version) {
      documents.push_back(bench::generate_product_sbom(product, version, kComponents, kUniverse));
    }
  }
  std::size_t bytes = 0;
  for (const std::string& document : documents) bytes += document.size();
  std::size_t findings = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Portfolio& portfolio = portfolios[engine];
    portfolio = Portfolio{fresh_store(engine, state), false};
    if (!portfolio.store) return;
    const double empty = store_bytes(engine);
    state.ResumeTiming();
    for (const std::string& document : documents) {
      SbomParseResult parsed = parse_sbom(document, "bench.cdx.json");
      if (!parsed.sbom) {
        state.SkipWithError("a generated SBOM was rejected");
        return;
      }
      parsed.sbom->evidence.source = "bench.cdx.json";
      // As `cradle ingest` does it: attached and evaluated in one transaction.
      auto ingested = in_transaction(*portfolio.store, [&]() -> std::expected<SbomIngest, Error> {
        auto attached = attach_sbom(*portfolio.store, *parsed.sbom, document, {});
        if (!attached) return attached;
        const std::vector<std::int64_t> ids{attached->sbom_id};
        auto evaluated = reevaluate_in_transaction(*portfolio.store, ids, "sbom bench");
        if (!evaluated) return std::unexpected(evaluated.error());
        findings += evaluated->events.size();
        return attached;
      });
      if (!ingested) {
        state.SkipWithError(ingested.error().message.c_str());
        return;
      }
    }
    state.PauseTiming();
    portfolio.ready = true;
    state.counters["store_bytes_per_component"] =
        (store_bytes(engine) - empty) / static_cast<double>(documents.size() * kComponents);
    state.ResumeTiming();
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["sboms_per_second"] = benchmark::Counter(
      static_cast<double>(documents.size() * state.iterations()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes * state.iterations()));
  state.SetLabel(engine == 0 ? "SQLite" : "PostgreSQL");
}

Store* portfolio_of(int engine, benchmark::State& state) {
  if (!portfolios[engine].ready) {
    state.SkipWithError("run ingest_1000_sboms for this engine first (it fills the store)");
    return nullptr;
  }
  return portfolios[engine].store.get();
}

void affected_over_portfolio(benchmark::State& state) {
  const int engine = static_cast<int>(state.range(0));
  Store* store = portfolio_of(engine, state);
  if (store == nullptr) return;
  std::size_t versions = 0;
  for (auto _ : state) {
    auto impact = affected_products(*store, "CVE-BENCH-0");
    if (!impact) {
      state.SkipWithError(impact.error().message.c_str());
      return;
    }
    versions = impact->product_versions.size();
  }
  state.counters["product_versions_affected"] = static_cast<double>(versions);
  state.SetLabel(engine == 0 ? "SQLite" : "PostgreSQL");
}

// As `cradle why` does it: the product's SBOMs, the current one's graph, the paths.
void why_over_portfolio(benchmark::State& state) {
  const int engine = static_cast<int>(state.range(0));
  Store* store = portfolio_of(engine, state);
  if (store == nullptr) return;
  // The last component of product 42's latest SBOM: the deepest in its order.
  const std::string document =
      bench::generate_product_sbom(42, kVersions - 1, kComponents, kUniverse);
  SbomParseResult parsed = parse_sbom(document, "bench.cdx.json");
  const Purl query = *parsed.sbom->components.back().purl;
  std::size_t paths = 0;
  for (auto _ : state) {
    auto sboms = store->product_sboms("product-42");
    if (!sboms || sboms->empty()) {
      state.SkipWithError("product-42 has no SBOM");
      return;
    }
    auto graph = store->sbom_graph(sboms->back().id);
    if (!graph) {
      state.SkipWithError(graph.error().message.c_str());
      return;
    }
    auto found = component_paths(*graph, query, 100);
    paths = found.empty() ? 0 : found.front().paths.paths.size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["paths"] = static_cast<double>(paths);
  state.SetLabel(engine == 0 ? "SQLite" : "PostgreSQL");
}

}  // namespace

BENCHMARK(ingest_1000_sboms)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK(affected_over_portfolio)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(why_over_portfolio)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  for (Portfolio& portfolio : portfolios) portfolio.store.reset();
  if (kKeep) {
    std::cout << "kept: " << location(0)
              << (postgres_server() != nullptr ? " and " + location(1) : "") << '\n';
    return 0;
  }
  std::filesystem::remove_all(bench_dir());
  if (postgres_server() != nullptr) {
    postgres_command(postgres_server(), "DROP DATABASE IF EXISTS " + kDatabase + " WITH (FORCE)");
  }
  return 0;
}
