#include "analysis/advisory_files.h"

#include <string>
#include <utility>
#include <vector>

#include "analysis/parallel_for.h"
#include "formats/osv_record.h"
#include "sources/document_source.h"

namespace cradle {

AdvisoryLoad load_advisories(const std::vector<std::string>& paths, AdvisoryIndex& index) {
  AdvisoryLoad load;
  const ParseLimits limits;
  const SourceLimits source_limits{.max_document_bytes = limits.max_bytes};
  const std::vector<std::string> extensions{".json", ".yaml", ".yml"};
  // Records are read in batches, each parsed on every core (analysis/parallel_for.h) and then
  // added in the order they were read, so that the diagnostics and the index do not depend on
  // the schedule.
  constexpr std::size_t kBatch = 1024;
  std::vector<std::pair<std::string, std::string>> batch;
  std::vector<AdvisoryParseResult> parsed;
  auto flush = [&] {
    parsed.assign(batch.size(), AdvisoryParseResult{});
    parallel_for(batch.size(), 64, [&](std::size_t i) {
      parsed[i] = parse_osv(batch[i].second, batch[i].first, limits);
    });
    for (std::size_t i = 0; i < batch.size(); ++i) {
      for (auto& d : parsed[i].diagnostics) load.diagnostics.push_back(std::move(d));
      if (!parsed[i].accepted()) {
        ++load.rejected;
        continue;
      }
      parsed[i].advisory->evidence.source = std::move(batch[i].first);
      index.add(std::move(*parsed[i].advisory));
    }
    batch.clear();
  };
  for (const std::string& path : paths) {
    SourceReport report = read_file_tree(
        path, extensions, source_limits, [&](const std::string& file, std::string_view bytes) {
          ++load.files;
          batch.emplace_back(file, std::string(bytes));
          if (batch.size() == kBatch) flush();
        });
    flush();
    for (auto& d : report.diagnostics) {
      load.diagnostics.push_back(std::move(d));
      ++load.rejected;
    }
  }
  index.finish();
  return load;
}

}  // namespace cradle
