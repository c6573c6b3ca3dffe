// libFuzzer target for the in-toto attestation reader (statements, DSSE envelopes, Sigstore
// bundles, npm lists, JSON Lines): no crash, nothing refused without an error, every diagnostic
// names the file, and every attestation read has a statement type, a predicate type and subjects
// that each carry a digest.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "formats/attestation/intoto_attestation.h"
#include "fuzz_checks.h"

using cradle::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const cradle::ParseLimits limits{.max_bytes = 1 << 20, .max_depth = 64};
  const cradle::AttestationParseResult result = cradle::parse_attestations(bytes, cradle::fuzz::kFile, limits);
  require(result.accepted() || cradle::has_errors(result.diagnostics), "refused without an error");
  cradle::fuzz::require_located_diagnostics(result.diagnostics);
  for (const cradle::Attestation& attestation : result.attestations) {
    require(attestation.statement_type.starts_with("https://in-toto.io/Statement/"), "a statement type not in-toto's");
    require(!attestation.subjects.empty(), "an attestation without subjects");
    for (const cradle::AttestationSubject& subject : attestation.subjects) {
      require(!subject.digests.empty(), "a subject without a digest");
    }
  }
  return 0;
}
