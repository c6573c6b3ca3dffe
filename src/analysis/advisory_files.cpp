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
namespace {

// Records are read and parsed in batches, each on every core (analysis/parallel_for.h: a
// database is thousands of small files, and reading them costs as much as parsing), and then
// added in the order they were listed, so that the diagnostics and the index do not depend on
// the schedule.
constexpr std::size_t kBatch = 1024;

// One record: a file to read, or an archive's entry already inflated.
struct Slot {
  std::string name;
  std::string entry;  // an archive's entry; empty for a file
  bool is_file = false;
  std::optional<Diagnostic> unreadable;
  AdvisoryParseResult parsed;
};

void parse_batch(std::vector<Slot>& slots, AdvisoryLoad& load, AdvisoryIndex& index) {
  parallel_for(slots.size(), 64, [&](std::size_t i) {
    Slot& slot = slots[i];
    ParseLimits limits;
    if (!slot.is_file) {
      slot.parsed = parse_osv(slot.entry, slot.name, limits);
      return;
    }
    auto bytes = read_input_file(slot.name, limits.max_bytes);
    if (!bytes) {
      slot.unreadable = Diagnostic{Severity::error, slot.name, {}, bytes.error().message};
      return;
    }
    limits.readable_padding = kInputPadding;  // read_input_file() pads
    slot.parsed = parse_osv(*bytes, slot.name, limits);
  });
  for (Slot& slot : slots) {
    if (slot.unreadable) {
      load.diagnostics.push_back(std::move(*slot.unreadable));
      ++load.rejected;
      continue;
    }
    ++load.files;
    AdvisoryParseResult& parsed = slot.parsed;
    for (auto& d : parsed.diagnostics) load.diagnostics.push_back(std::move(d));
    if (!parsed.accepted()) {
      ++load.rejected;
      continue;
    }
    parsed.advisory->evidence.source = std::move(slot.name);
    index.add(std::move(*parsed.advisory));
  }
  slots.clear();
}

}  // namespace

AdvisoryLoad load_advisories(const std::vector<std::string>& paths, AdvisoryIndex& index) {
  AdvisoryLoad load;
  const std::vector<std::string> extensions{".json", ".yaml", ".yml"};
  std::vector<Slot> slots;
  const auto take = [&](Slot slot) {
    slots.push_back(std::move(slot));
    if (slots.size() == kBatch) parse_batch(slots, load, index);
  };
  for (const std::string& path : paths) {
    std::vector<Diagnostic> problems;
    if (is_zip_file(path) || named_as_zip(path)) {
      problems = read_zip_file(path, extensions, SourceLimits{},
                               [&](const std::string& name, std::string_view bytes) {
                                 take(Slot{name, std::string(bytes), false, {}, {}});
                               })
                     .diagnostics;
    } else {
      FileTree tree = list_file_tree(path, extensions);
      problems = std::move(tree.diagnostics);
      for (std::string& file : tree.files) take(Slot{std::move(file), {}, true, {}, {}});
    }
    parse_batch(slots, load, index);
    for (auto& d : problems) {
      if (d.severity == Severity::error) ++load.rejected;
      load.diagnostics.push_back(std::move(d));
    }
  }
  std::string given;
  for (const std::string& path : paths) given += (given.empty() ? "" : ", ") + path;
  index.finish(given, !paths.empty() && std::ranges::all_of(paths, is_example_data));
  return load;
}

}  // namespace cradle
