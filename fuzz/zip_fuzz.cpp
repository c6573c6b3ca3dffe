// libFuzzer target for zip archives as sources (sources/document_source.h, with the central
// directory checks of sources/zip_directory.h). Beyond crashes: every diagnostic names the
// archive or one of its entries, and nothing handed over exceeds the limits.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_checks.h"
#include "sources/document_source.h"

using cradle::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cradle::SourceLimits limits;
  limits.max_document_bytes = 1 << 20;
  limits.max_total_bytes = 4 << 20;
  limits.max_entries = 10'000;
  const std::string name(cradle::fuzz::kFile);
  std::size_t total = 0;
  const cradle::SourceReport report = cradle::read_zip(
      bytes, name, {".json"}, limits, [&](const std::string& document, std::string_view entry) {
        require(document.starts_with(name + "!"), "a document not named after its archive");
        require(entry.size() <= limits.max_document_bytes, "an entry beyond the limit");
        total += entry.size();
      });
  require(total <= limits.max_total_bytes, "entries beyond the total limit");
  for (const cradle::Diagnostic& diagnostic : report.diagnostics) {
    require(diagnostic.file.starts_with(name), "a diagnostic does not name the archive");
    require(!diagnostic.message.empty(), "a diagnostic has no message");
  }
  return 0;
}
