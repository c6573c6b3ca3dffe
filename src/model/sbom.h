// Sbom: one SBOM document as cradle's model holds it, whatever its format.
//
// `components` is the inventory: every CycloneDX component (nested ones included,
// metadata.component excluded, it is `primary_component`) or every SPDX package.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/component.h"
#include "model/dependency.h"
#include "model/evidence_ref.h"

namespace cradle {

enum class SbomFormat { cyclonedx, spdx };

std::string_view to_string(SbomFormat format);  // "CycloneDX" or "SPDX"

struct Sbom {
  SbomFormat format = SbomFormat::cyclonedx;
  std::string spec_version;  // "1.6", "2.3", "3.0.1"
  std::string encoding;      // "JSON", "XML", "tag-value", "JSON-LD"
  std::string serial_number;  // CycloneDX serialNumber, SPDX documentNamespace or document id
  std::string bom_version;    // CycloneDX `version` (BOM-Links name it); empty elsewhere
  std::string name;           // SPDX document name; CycloneDX has none
  std::string created;        // RFC 3339 as written
  std::vector<std::string> creators;  // authors, organisations, persons
  std::vector<std::string> tools;     // "name version"
  // E-mail addresses and URLs of the SBOM's creator (CycloneDX metadata authors, manufacturer
  // and supplier; SPDX creators' e-mail), as stated.
  std::vector<std::string> creator_contacts;
  std::optional<Component> primary_component;  // CycloneDX metadata.component
  std::vector<std::string> described_refs;  // what the document describes (SPDX DESCRIBES)
  std::vector<Component> components;
  std::vector<Dependency> dependencies;
  // The components whose direct dependencies the document lists, an empty list included (a
  // CycloneDX `dependencies` entry without dependsOn, SPDX DEPENDS_ON NONE): one absent here
  // has no list, which is not the same as a list that is empty. Each ref once per statement.
  std::vector<std::string> dependency_lists;
  std::vector<DependencyCompleteness> dependency_completeness;
  // Relationships whose ends are not components (files, snippets, the document): counted so
  // that nothing is lost silently, but not part of the component graph.
  std::size_t other_relationships = 0;
  EvidenceRef evidence;
};

// The component the document is about: CycloneDX's metadata.component, else the one package an
// SPDX document DESCRIBES; nullptr when there is none, or several.
const Component* described_component(const Sbom& sbom);

}  // namespace cradle
