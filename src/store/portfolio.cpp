#include "store/portfolio.h"

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
  if (vex_status.empty()) return verdict;
  return suppressed ? vex_status + " (suppressed)" : vex_status;
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
