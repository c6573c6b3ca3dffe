#include "report/attestation_report.h"

#include <fmt/format.h>

#include "model/display_text.h"
#include "report/scan_report.h"

namespace cradle {

nlohmann::ordered_json attestations_json(std::string_view digest, std::span<const Attestation> attestations) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Attestation& a : attestations) {
    nlohmann::ordered_json subjects = nlohmann::ordered_json::array();
    for (const AttestationSubject& subject : a.subjects) {
      nlohmann::ordered_json digests = nlohmann::ordered_json::object();
      for (const auto& [algorithm, value] : subject.digests) digests[algorithm] = value;
      subjects.push_back({{"name", subject.name}, {"digest", digests}});
    }
    nlohmann::ordered_json entry{{"predicate_type", a.predicate_type},
                                 {"statement_type", a.statement_type},
                                 {"envelope", a.envelope},
                                 {"position", a.position},
                                 {"subjects", subjects}};
    if (!a.builder_id.empty()) entry["builder_id"] = a.builder_id;
    if (!a.build_type.empty()) entry["build_type"] = a.build_type;
    if (!a.finished_at.empty()) entry["finished_at"] = a.finished_at;
    entry["signatures"] = a.signatures;
    entry["signatures_verified"] = false;
    entry["evidence"] = evidence_json(a.evidence);
    list.push_back(std::move(entry));
  }
  return {{"digest", digest}, {"attestations", list}};
}

std::string attestations_table(std::string_view digest, std::span<const Attestation> attestations) {
  if (attestations.empty()) return fmt::format("{}: no attestation in the store names it\n", digest);
  std::string out = fmt::format("{}: {} attestation{} (signatures counted, not verified)\n", digest,
                                attestations.size(), attestations.size() == 1 ? "" : "s");
  for (const Attestation& a : attestations) {
    if (a.envelope == "sigstore-message-signature") {
      // A signed artifact: no statement, no predicate.
      fmt::format_to(std::back_inserter(out), "  signed artifact  Sigstore message signature {} of {}, {} signature{}\n",
                     a.position, Shown{a.evidence.source}, a.signatures, a.signatures == 1 ? "" : "s");
    } else {
      fmt::format_to(std::back_inserter(out), "  {}  {} statement {} of {}, {} signature{}\n",
                     Shown{a.predicate_type}, a.envelope, a.position, Shown{a.evidence.source}, a.signatures,
                     a.signatures == 1 ? "" : "s");
    }
    if (!a.builder_id.empty()) fmt::format_to(std::back_inserter(out), "    builder {}\n", Shown{a.builder_id});
    if (!a.build_type.empty()) fmt::format_to(std::back_inserter(out), "    build type {}\n", Shown{a.build_type});
    if (!a.finished_at.empty()) fmt::format_to(std::back_inserter(out), "    finished {}\n", Shown{a.finished_at});
    for (const AttestationSubject& subject : a.subjects) {
      for (const auto& [algorithm, value] : subject.digests) {
        fmt::format_to(std::back_inserter(out), "    subject {} {}:{}\n",
                       Shown{subject.name.empty() ? "(unnamed)" : subject.name}, Shown{algorithm},
                       Shown{value});
      }
    }
  }
  return out;
}

}  // namespace cradle
