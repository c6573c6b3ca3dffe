// The decision log's chain: every assessment, when it is stored, is also appended to the log as
// an entry that holds its canonical encoding (the assessment, every decision with its rationale
// and the evidence it cites by SHA-256, the policy's hash) and the advisory data it rested on,
// hash-chained to the entry before it. An edited, deleted, inserted or reordered row, in the log
// or in the assessments and decisions it records, then shows: the chain no longer links, or the
// store no longer says what the log says.
//
// What it proves, and what not: the chain shows that the log is the one that was appended, entry
// by entry, unless somebody rewrote every entry after the one they changed; and that the
// assessments as stored now are the ones logged. It cannot show that the newest entries were not
// cut off, nor that the whole chain was not rebuilt: for that, keep the head's hash somewhere
// else (`cradle log verify` prints it; `cradle log export` writes the chain).
//
// Encodings: JSON with the keys sorted and no whitespace (nlohmann's), so that the same
// assessment always gives the same bytes; an entry's hash is SHA-256 over a version line, its
// position, the previous entry's hash, the assessment's id, the snapshot and the content, one
// per line.
//
// Threads: plain functions of their arguments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/advisory_coverage.h"
#include "model/decision.h"
#include "model/diagnostic.h"

namespace cradle {

// (LogEntry, the rows of the chain, is in model/decision.h.)

// The canonical encoding of an assessment as the log keeps it.
std::string log_content(const Assessment& assessment);
// The canonical encoding of the advisory data an assessment rested on: each source's last load
// of each ecosystem (what was loaded, how many records, the newest, when).
std::string log_snapshot(std::span<const EcosystemLoad> loads);
std::string log_entry_hash(const LogEntry& entry);
// The loads a snapshot holds; nullopt when it does not read as one.
std::optional<std::vector<EcosystemLoad>> read_log_snapshot(std::string_view snapshot);

// The entry that follows `head` (nullopt: the log is empty) for an assessment.
LogEntry next_log_entry(const std::optional<LogEntry>& head, std::int64_t assessment,
                        std::string snapshot, std::string content);

// What a verification found wrong with one entry, or with an assessment the log does not hold.
struct LogProblem {
  std::int64_t position = 0;    // the entry's; 0 for an assessment without one
  std::int64_t assessment = 0;  // 0 when the entry names none
  std::string what;
};

// What `cradle log verify` found (app/log_verification.h).
struct LogVerification {
  std::size_t entries = 0;       // in the chain
  std::size_t compared = 0;      // logged assessments compared with the store
  std::optional<LogEntry> head;  // the newest entry: its hash is what to keep elsewhere
  std::vector<LogProblem> problems;
  // Assessments stored before the log began (the store's schema 17): nothing can show whether
  // they were changed; not verified, and said so.
  std::vector<std::int64_t> unverifiable;
  std::vector<Diagnostic> diagnostics;  // an exported file's lines that do not read

  bool verified() const { return problems.empty() && diagnostics.empty(); }
};

// The chain's own links, in position order: positions 1, 2, ... without a gap, each entry's
// `previous` the hash of the one before, each hash the entry's own. One problem per broken link.
std::vector<LogProblem> verify_log_chain(std::span<const LogEntry> entries);

// How the assessment as stored now differs from what its entry's content says, one line per
// difference (a decision edited names its field, one missing or added is said); empty when it
// does not. `logged` is an entry's content, `stored` log_content() of the stored assessment.
std::vector<std::string> log_content_differences(std::string_view logged, std::string_view stored);

// The product an entry's content names ("" when it does not read).
std::string log_entry_product(std::string_view content);

// An entry as one line of `cradle log export` (JSON Lines), and back: a line that is not one is
// an error naming what is wrong (the file and line are the caller's).
std::string log_export_line(const LogEntry& entry);
std::optional<LogEntry> read_log_export_line(std::string_view line, std::string& error);

}  // namespace cradle
