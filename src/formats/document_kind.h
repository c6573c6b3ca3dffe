// DocumentKind: which format a document is in, told from its content, never its file name.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <string_view>

namespace cradle {

enum class DocumentKind {
  cyclonedx_json,
  cyclonedx_xml,
  spdx2_json,
  spdx2_tag_value,
  spdx3_json_ld,
  openvex,
  csaf,
  osv,          // an OSV record, JSON or YAML
  attestation,  // in-toto statements: bare, in DSSE envelopes or Sigstore bundles, or JSON Lines
  scorecard,    // an OpenSSF Scorecard result
  zip,  // an archive (of OSV records, say)
  unknown,
};

DocumentKind detect_document_kind(std::string_view bytes);

std::string_view to_string(DocumentKind kind);

// Whether documents of this kind are SBOMs (CycloneDX, SPDX 2 and 3).
bool is_sbom(DocumentKind kind);

}  // namespace cradle
