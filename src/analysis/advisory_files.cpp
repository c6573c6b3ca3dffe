#include "analysis/advisory_files.h"

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "analysis/parallel_for.h"
#include "formats/osv/osv_record.h"
#include "sources/document_source.h"
#include "sources/input_file.h"

namespace cradle {

AdvisoryLoad load_advisories(const std::vector<std::string>& paths, AdvisoryIndex& index) {
  AdvisoryLoad load;
  ParseLimits limits;
  limits.readable_padding = kInputPadding;  // every record is read by read_input_file()
  const std::vector<std::string> extensions{".json", ".yaml", ".yml"};
  // Records are read and parsed in batches, each on every core (analysis/parallel_for.h: a
  // database is thousands of small files, and reading them costs as much as parsing), and then
  // added in the order they were listed, so that the diagnostics and the index do not depend
  // on the schedule.
  constexpr std::size_t kBatch = 1024;
  struct Slot {
    std::optional<Diagnostic> unreadable;
    AdvisoryParseResult parsed;
  };
  std::vector<Slot> slots;
  for (const std::string& path : paths) {
    FileTree tree = list_file_tree(path, extensions);
    for (auto& d : tree.diagnostics) {
      load.diagnostics.push_back(std::move(d));
      ++load.rejected;
    }
    for (std::size_t first = 0; first < tree.files.size(); first += kBatch) {
      const std::span<std::string> batch =
          std::span(tree.files).subspan(first, std::min(kBatch, tree.files.size() - first));
      slots.assign(batch.size(), Slot{});
      parallel_for(batch.size(), 64, [&](std::size_t i) {
        auto bytes = read_input_file(batch[i], limits.max_bytes);
        if (!bytes) {
          slots[i].unreadable = Diagnostic{Severity::error, batch[i], {}, bytes.error().message};
          return;
        }
        slots[i].parsed = parse_osv(*bytes, batch[i], limits);
      });
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if (slots[i].unreadable) {
          load.diagnostics.push_back(std::move(*slots[i].unreadable));
          ++load.rejected;
          continue;
        }
        ++load.files;
        AdvisoryParseResult& parsed = slots[i].parsed;
        for (auto& d : parsed.diagnostics) load.diagnostics.push_back(std::move(d));
        if (!parsed.accepted()) {
          ++load.rejected;
          continue;
        }
        parsed.advisory->evidence.source = std::move(batch[i]);
        index.add(std::move(*parsed.advisory));
      }
    }
  }
  std::string given;
  for (const std::string& path : paths) given += (given.empty() ? "" : ", ") + path;
  index.finish(given, !paths.empty() && std::ranges::all_of(paths, is_example_data));
  return load;
}

}  // namespace cradle
