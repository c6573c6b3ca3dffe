#include "report/sbom_summary_report.h"

#include <fmt/format.h>

namespace cradle {
namespace {

nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics) {
    nlohmann::ordered_json item;
    item["severity"] = d.severity == Severity::error ? "error" : "warning";
    if (d.location.line > 0) {
      item["line"] = d.location.line;
      item["column"] = d.location.column;
    }
    if (!d.location.json_pointer.empty()) item["pointer"] = d.location.json_pointer;
    item["message"] = d.message;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

nlohmann::ordered_json sbom_summaries_json(const std::vector<SbomShowEntry>& entries) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const SbomShowEntry& entry : entries) {
    nlohmann::ordered_json item;
    item["file"] = entry.file;
    item["ok"] = entry.summary.has_value() && !has_errors(entry.diagnostics);
    if (entry.summary) {
      const SbomSummary& s = *entry.summary;
      item["format"] = to_string(s.format);
      item["spec_version"] = s.spec_version;
      item["encoding"] = s.encoding;
      item["serial_number"] = s.serial_number;
      item["created"] = s.created;
      item["sha256"] = s.sha256;
      item["components"] = s.components;
      item["by_ecosystem"] = s.by_ecosystem;
      item["dependencies"] = s.dependencies;
      item["roots"] = s.roots;
      item["max_depth"] = s.max_depth;
      item["has_cycles"] = s.has_cycles;
      item["without_purl"] = s.without_purl;
      item["invalid_purl"] = s.invalid_purl;
      item["without_version"] = s.without_version;
      item["without_hash"] = s.without_hash;
      item["without_licence"] = s.without_licence;
      item["duplicates"] = s.duplicates;
      item["duplicate_keys"] = s.duplicate_keys;
    }
    item["diagnostics"] = diagnostics_json(entry.diagnostics);
    out.push_back(std::move(item));
  }
  return out;
}

std::string sbom_summaries_table(const std::vector<SbomShowEntry>& entries) {
  std::string out;
  for (const SbomShowEntry& entry : entries) {
    if (!out.empty()) out += '\n';
    out += fmt::format("{}\n", entry.file);
    if (entry.summary) {
      const SbomSummary& s = *entry.summary;
      out += fmt::format("  format           {} {} ({})\n", to_string(s.format), s.spec_version,
                         s.encoding);
      if (!s.serial_number.empty()) out += fmt::format("  serial/namespace {}\n", s.serial_number);
      if (!s.created.empty()) out += fmt::format("  created          {}\n", s.created);
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
