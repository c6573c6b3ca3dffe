// Signal: one project-health observation a document states about a source repository (an
// OpenSSF Scorecard check and its score, say). As stated by its source, at the time it says:
// a signal informs an assessment of a component's supplier; it guarantees nothing about it.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "model/evidence_ref.h"

namespace cradle {

struct Signal {
  std::string subject;           // the repository, as the document names it (github.com/o/r)
  std::string revision;          // the commit observed; may be empty
  std::string source;            // "OpenSSF Scorecard"
  std::string source_version;    // the tool's version, as written
  std::string name;              // the check ("Code-Review"), or "aggregate" for the overall score
  std::optional<double> score;   // 0-10; nullopt when the source could not conclude (Scorecard -1)
  std::string reason;            // the source's one-line explanation
  std::string observed_at;       // the document's date (RFC 3339, or a date as older outputs write)
  std::size_t position = 0;      // its place in the document, from 0
  EvidenceRef evidence;          // the document's

  bool operator==(const Signal&) const = default;
};

}  // namespace cradle
