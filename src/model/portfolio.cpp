#include "model/portfolio.h"

namespace cradle {

const SbomRecord* current_sbom(const std::vector<SbomRecord>& sboms, std::string_view version) {
  if (version.empty() && !sboms.empty()) version = sboms.back().product_version;
  const SbomRecord* found = nullptr;
  for (const SbomRecord& sbom : sboms) {
    if (sbom.product_version == version) found = &sbom;
  }
  return found;
}

Component to_component(const ComponentRecord& row) {
  Component component;
  component.ref = row.ref;
  component.name = row.name;
  component.version = row.version;
  component.purl_text = row.purl;
  if (!row.purl.empty()) {
    if (auto purl = parse_purl(row.purl)) component.purl = std::move(*purl);
  }
  if (!row.source_name.empty()) component.details.edit().source_name = row.source_name;
  return component;
}

std::string FindingRecord::status() const {
  if (!vex_status) return std::string(to_string(verdict));
  const std::string status(to_string(*vex_status));
  return suppressed ? status + " (suppressed)" : status;
}

std::string_view to_string(EventKind kind) {
  switch (kind) {
    case EventKind::new_finding: return "new_finding";
    case EventKind::resolved: return "resolved";
    case EventKind::status_changed: return "status_changed";
    case EventKind::not_covered: return "not_covered";
  }
  return "?";
}

std::optional<EventKind> parse_event_kind(std::string_view text) {
  for (EventKind kind : {EventKind::new_finding, EventKind::resolved, EventKind::status_changed,
                         EventKind::not_covered}) {
    if (to_string(kind) == text) return kind;
  }
  return std::nullopt;
}

Sbom to_sbom(const SbomRecord& record, const SbomGraphRecord& graph,
             std::vector<const ComponentRecord*>& rows) {
  Sbom sbom;
  sbom.serial_number = record.serial_number;
  sbom.bom_version = record.bom_version;
  sbom.evidence = record.evidence;
  for (const ComponentRecord& row : graph.components) {
    if (row.primary) {
      sbom.primary_component = to_component(row);
      continue;
    }
    sbom.components.push_back(to_component(row));
    rows.push_back(&row);
  }
  return sbom;
}

std::string component_label(const ComponentRecord& row) {
  if (!row.purl.empty()) return row.purl;
  if (!row.name.empty()) return row.version.empty() ? row.name : row.name + "@" + row.version;
  return row.ref;
}

}  // namespace cradle
