#include "store/attestation_rows.h"

#include <tuple>

namespace cradle {

std::vector<Attestation> assemble_attestations(std::vector<AttestationRow> rows,
                                               std::span<const AttestationSubjectRow> subjects) {
  std::vector<Attestation> out;
  out.reserve(rows.size());
  std::size_t next = 0;
  for (AttestationRow& row : rows) {
    const auto key = std::tuple(row.document_id, static_cast<std::int64_t>(row.attestation.position));
    while (next < subjects.size() && std::tuple(subjects[next].document_id, subjects[next].position) < key) {
      ++next;
    }
    std::int64_t current = -1;
    for (; next < subjects.size() && std::tuple(subjects[next].document_id, subjects[next].position) == key;
         ++next) {
      const AttestationSubjectRow& subject = subjects[next];
      if (subject.subject != current) {
        row.attestation.subjects.push_back(AttestationSubject{subject.name, {}});
        current = subject.subject;
      }
      row.attestation.subjects.back().digests.emplace_back(subject.algorithm, subject.digest);
    }
    out.push_back(std::move(row.attestation));
  }
  return out;
}

}  // namespace cradle
