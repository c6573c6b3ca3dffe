// in-toto attestations (in-toto Attestation Framework: Statement v0.1 and v1, DSSE envelope)
// and the Sigstore bundles that carry them: bytes -> Attestations + diagnostics.
//
// A document is a bare Statement, a DSSE envelope whose payload (base64) is a Statement, a
// Sigstore bundle holding such an envelope, or JSON Lines of envelopes or bundles (the
// `.intoto.jsonl` files SLSA builders publish), one per line. What a statement says about its
// subjects is read; SLSA provenance (v0.2 and v1) also gives its builder and build type.
// Signatures are counted, not verified.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <string_view>
#include <vector>

#include "formats/parse_limits.h"
#include "model/attestation.h"
#include "model/diagnostic.h"

namespace cradle {

struct AttestationParseResult {
  std::vector<Attestation> attestations;
  std::vector<Diagnostic> diagnostics;

  bool accepted() const { return !attestations.empty() && !has_errors(diagnostics); }
};

// Each attestation's evidence names the document: the SHA-256 of `bytes`, the kind "in-toto
// attestation", and the time its provenance says the build finished, when it does.
AttestationParseResult parse_attestations(std::string_view bytes, std::string_view file,
                                          const ParseLimits& limits = {});

}  // namespace cradle
