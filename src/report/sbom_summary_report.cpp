#include "report/sbom_summary_report.h"

#include <fmt/format.h>

#include "model/display_text.h"
#include "report/scan_report.h"

namespace cradle {
namespace {

nlohmann::ordered_json summary_json(const SbomSummary& s) {
  nlohmann::ordered_json out;
  out["format"] = to_string(s.format);
  out["spec_version"] = text_or_null(s.spec_version);
  out["encoding"] = s.encoding;
  out["serial_number"] = text_or_null(s.serial_number);
  out["created"] = text_or_null(s.created);
  out["sha256"] = s.sha256;
  out["components"] = s.components;
  out["by_ecosystem"] = s.by_ecosystem;
  out["dependencies"] = s.dependencies;
  out["roots"] = s.roots;
  out["max_depth"] = s.max_depth;
  out["has_cycles"] = s.has_cycles;
  out["without_purl"] = s.without_purl;
  out["invalid_purl"] = s.invalid_purl;
  out["without_version"] = s.without_version;
  out["without_hash"] = s.without_hash;
  out["without_licence"] = s.without_licence;
  out["duplicates"] = s.duplicates;
  out["duplicate_keys"] = s.duplicate_keys;
  return out;
}

}  // namespace

nlohmann::ordered_json sbom_summaries_json(const std::vector<SbomShowEntry>& entries) {
  nlohmann::ordered_json documents = nlohmann::ordered_json::array();
  for (const SbomShowEntry& entry : entries) {
    nlohmann::ordered_json item;
    item["file"] = entry.file;
    item["ok"] = entry.summary.has_value() && !has_errors(entry.diagnostics);
    item["summary"] = entry.summary ? summary_json(*entry.summary) : nlohmann::ordered_json();
    item["diagnostics"] = diagnostics_json(entry.diagnostics);
    documents.push_back(std::move(item));
  }
  return {{"schema_version", kSbomShowJsonSchemaVersion}, {"documents", std::move(documents)}};
}

std::string sbom_summaries_table(const std::vector<SbomShowEntry>& entries) {
  std::string out;
  for (const SbomShowEntry& entry : entries) {
    if (!out.empty()) out += '\n';
    out += fmt::format("{}\n", Shown{entry.file});
    if (entry.summary) {
      const SbomSummary& s = *entry.summary;
      out += fmt::format("  format           {} {} ({})\n", to_string(s.format), Shown{s.spec_version},
                         s.encoding);
      if (!s.serial_number.empty())
        out += fmt::format("  serial/namespace {}\n", Shown{s.serial_number});
      if (!s.created.empty()) out += fmt::format("  created          {}\n", Shown{s.created});
      out += fmt::format("  components       {}\n", s.components);
      for (const auto& [ecosystem, count] : s.by_ecosystem) {
        out += fmt::format("    {:<14} {}\n", ecosystem, count);
      }
      out += fmt::format("  dependency edges {}\n", s.dependencies);
      out += fmt::format("  roots            {}\n", s.roots);
      out += fmt::format("  max depth        {}{}\n", s.max_depth,
                         s.has_cycles ? " (the graph has cycles)" : "");
      out += fmt::format("  without purl     {}{}\n", s.without_purl,
                         s.invalid_purl > 0 ? fmt::format(" ({} invalid)", s.invalid_purl) : "");
      out += fmt::format("  without version  {}\n", s.without_version);
      out += fmt::format("  without hash     {}\n", s.without_hash);
      out += fmt::format("  without licence  {}\n", s.without_licence);
      out += fmt::format("  duplicates       {}\n", s.duplicates);
    }
    for (const Diagnostic& d : entry.diagnostics) {
      out += fmt::format("  {}\n", format_diagnostic(d));
    }
  }
  return out;
}

}  // namespace cradle
