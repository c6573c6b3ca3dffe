// SBOMs that arrive inside an envelope: GitHub's dependency-graph REST answer
// (`GET /repos/{owner}/{repo}/dependency-graph/sbom`) is {"sbom": {an SPDX 2.3 document}}. The
// document is read where it lies in the envelope's bytes, and its diagnostics are located in the
// envelope (JSON pointers under /sbom, lines and columns of the whole file).
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"

namespace cradle {

struct WrappedSbom {
  std::string_view document;  // the SBOM's bytes, within the envelope's
  std::size_t offset = 0;     // where they start in the envelope
  std::string_view member;    // the envelope's member holding it: "sbom"
};

// The SBOM inside a GitHub dependency-graph answer: an object whose only member is `sbom`, an
// object. nullopt for anything else (a bare SBOM included).
std::optional<WrappedSbom> github_dependency_graph_sbom(std::string_view bytes);

// Diagnostics of the wrapped document, located in the envelope.
void locate_in_envelope(std::vector<Diagnostic>& diagnostics, std::string_view envelope,
                        const WrappedSbom& wrapped);

}  // namespace cradle
