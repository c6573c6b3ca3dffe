#include "cli/advisory_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "cli/input_file.h"
#include "formats/osv_record.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

bool is_record_file(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".json" || extension == ".yaml" || extension == ".yml";
}

}  // namespace

AdvisoryLoad load_advisories(const std::vector<std::string>& paths, AdvisoryIndex& index) {
  AdvisoryLoad load;
  const ParseLimits limits;
  for (const std::string& path : paths) {
    std::vector<fs::path> files;
    std::error_code error;
    if (fs::is_directory(path, error)) {
      for (auto it = fs::recursive_directory_iterator(path, error);
           !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file(error) && is_record_file(it->path())) files.push_back(it->path());
      }
      std::ranges::sort(files);
    } else {
      files.emplace_back(path);
    }
    if (error) {
      load.diagnostics.push_back(
          Diagnostic{Severity::error, path, {}, fmt::format("cannot read: {}", error.message())});
      ++load.rejected;
      continue;
    }
    for (const fs::path& file : files) {
      ++load.files;
      auto bytes = read_input_file(file.string(), limits.max_bytes);
      if (!bytes) {
        load.diagnostics.push_back(Diagnostic{Severity::error, file.string(), {}, bytes.error().message});
        ++load.rejected;
        continue;
      }
      AdvisoryParseResult parsed = parse_osv(*bytes, file.string(), limits);
      for (auto& d : parsed.diagnostics) load.diagnostics.push_back(std::move(d));
      if (!parsed.accepted()) {
        ++load.rejected;
        continue;
      }
      parsed.advisory->evidence.source = file.string();
      index.add(std::move(*parsed.advisory));
    }
  }
  index.finish();
  return load;
}

}  // namespace cradle
