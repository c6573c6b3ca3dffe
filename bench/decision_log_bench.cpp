// The decision log's cost against what storing an assessment already does, in the same run: the
// canonical encoding of an assessment for its chain entry (log_content) next to the encoding of
// its decisions as rows (store/decision_rows.h, which every assessment pays), for an assessment of
// 200,000 decisions (the heavily affected scan of bench/scan_bench.cpp decided whole).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "assess/decision_log.h"
#include "store/decision_rows.h"

namespace {

const cradle::Assessment& heavy_assessment() {
  static const cradle::Assessment assessment = [] {
    cradle::Assessment a;
    a.id = 1;
    a.product = "portal";
    a.product_version = "1.0";
    a.sbom_id = 1;
    a.decided_at = "2026-12-01T09:00:00Z";
    a.policy = cradle::EvidenceRef{"policy.yaml", std::string(64, 'a'), "cradle policy", "", ""};
    for (int i = 0; i < 200'000; ++i) {
      cradle::Decision& d = a.decisions.emplace_back();
      d.purl = fmt::format("pkg:pypi/package-{}@1.{}.0", i / 20, i % 7);
      d.vulnerability = fmt::format("PYSEC-2024-{}", i);
      d.ids = {d.vulnerability, fmt::format("CVE-2024-{}", 10000 + i)};
      d.outcome = cradle::DecisionOutcome::remediate;
      d.rule = "fix-available";
      d.due_by = "2026-12-31T09:00:00Z";
      d.rationale = {"rule 'fix-available' of policy 'cradle default': a fixed version is known",
                     "verdict: affected (the installed version is in an affected range)", "fix: 1.9.0"};
      d.evidence = {cradle::EvidenceRef{"portal.cdx.json", std::string(64, 'b'), "CycloneDX 1.6 JSON", "", ""},
                    cradle::EvidenceRef{fmt::format("PYSEC-2024-{}.json", i), std::string(64, 'c'), "OSV JSON", "", ""},
                    a.policy};
    }
    return a;
  }();
  return assessment;
}

void decision_rows(benchmark::State& state) {
  const cradle::Assessment& assessment = heavy_assessment();
  for (auto _ : state) {
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < assessment.decisions.size(); ++i) {
      const cradle::DecisionRow row = cradle::to_row(assessment.decisions[i], static_cast<std::int64_t>(i));
      bytes += row.rationale.size() + row.evidence.size();
    }
    benchmark::DoNotOptimize(bytes);
  }
}

void log_content(benchmark::State& state) {
  const cradle::Assessment& assessment = heavy_assessment();
  for (auto _ : state) benchmark::DoNotOptimize(cradle::log_content(assessment));
}

void log_entry_hash(benchmark::State& state) {
  const std::string content = cradle::log_content(heavy_assessment());
  cradle::LogEntry entry{1, "", "", 1, "{}", content};
  for (auto _ : state) benchmark::DoNotOptimize(cradle::log_entry_hash(entry));
}

BENCHMARK(decision_rows)->Unit(benchmark::kMillisecond);
BENCHMARK(log_content)->Unit(benchmark::kMillisecond);
BENCHMARK(log_entry_hash)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
