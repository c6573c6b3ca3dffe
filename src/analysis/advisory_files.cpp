#include "analysis/advisory_files.h"

#include "formats/osv_record.h"
#include "sources/document_source.h"

namespace cradle {

AdvisoryLoad load_advisories(const std::vector<std::string>& paths, AdvisoryIndex& index) {
  AdvisoryLoad load;
  const ParseLimits limits;
  const SourceLimits source_limits{.max_document_bytes = limits.max_bytes};
  const std::vector<std::string> extensions{".json", ".yaml", ".yml"};
  for (const std::string& path : paths) {
    SourceReport report = read_file_tree(
        path, extensions, source_limits, [&](const std::string& file, std::string_view bytes) {
          ++load.files;
          AdvisoryParseResult parsed = parse_osv(bytes, file, limits);
          for (auto& d : parsed.diagnostics) load.diagnostics.push_back(std::move(d));
          if (!parsed.accepted()) {
            ++load.rejected;
            return;
          }
          parsed.advisory->evidence.source = file;
          index.add(std::move(*parsed.advisory));
        });
    for (auto& d : report.diagnostics) {
      load.diagnostics.push_back(std::move(d));
      ++load.rejected;
    }
  }
  index.finish();
  return load;
}

}  // namespace cradle
