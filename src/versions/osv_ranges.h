// AffectedRanges: one OSV `affected[]` entry's ranges and versions list, compiled once (every
// event version parsed under the ecosystem's ordering) and evaluated for many installed versions.
//
// Rules (OSV schema, "Evaluation"): a version is affected when it is listed in `versions[]` or
// lies in any SEMVER or ECOSYSTEM range. Within a range, events are sorted by version (ties keep
// their order) and walked: introduced <= v turns affected on ("0" is the very first version);
// fixed <= v or last_affected < v turns it off; with `limit` events, v must be below one of them.
//
// The answer is explicit, never a guess: `unknown`, with the reason, for an ecosystem without a
// version ordering, an installed or event version that does not parse, or a record with only GIT
// ranges (commit ranges need the repository's commit graph). GIT ranges are not used when the
// entry also has SEMVER or ECOSYSTEM ranges or a versions list: those speak about package
// versions; the GIT ranges describe the same fix in commits.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/advisory.h"
#include "model/verdict.h"
#include "versions/version.h"

namespace cradle {

struct RangeVerdict {
  Verdict verdict = Verdict::unknown;
  std::string reason;  // why: the interval or list that matched, or what could not be evaluated
};

// The reason given for a version that does not parse under an ordering, the same everywhere.
std::string unparsable_version(std::string_view version, VersionScheme scheme, const Error& error);

// An installed version parsed once under one ordering, to be evaluated against many entries (a
// scan parses each component's version once): a version that does not parse is not parsed
// again by every entry of that ordering.
struct InstalledVersion {
  std::string_view text;
  VersionScheme scheme;
  const Version* parsed;     // null when `text` does not parse under `scheme`
  std::string_view problem;  // then why, as the reason of an unknown verdict
};

class AffectedRanges {
 public:
  explicit AffectedRanges(const OsvAffectedVersions& affected);

  // versions[] first (exact text), then the ranges.
  RangeVerdict evaluate(std::string_view version) const;
  // The same, given the version already parsed; the text is parsed again only when the ranges
  // use another ordering.
  RangeVerdict evaluate(const InstalledVersion& installed) const;
  // Whether versions[] lists `version` (exact text).
  bool listed(std::string_view version) const;
  // The SEMVER / ECOSYSTEM ranges alone, for a version already parsed under scheme().
  RangeVerdict evaluate_ranges(const Version& version) const;
  // The same verdict without its reason: no allocation, for the hot path of a scan (ask
  // evaluate_ranges() for the reason of the few that matter).
  Verdict check(const Version& version) const;

  // The lowest `fixed` version of any range that is above `version`: the nearest upgrade that
  // leaves this entry's ranges (nullopt when no fix is known). Both refer into this object.
  struct Fix {
    const Version* version;  // parsed under the range's scheme, the scheme of `version`
    std::string_view text;   // as the record writes it
  };
  std::optional<Fix> nearest_fix(const Version& version) const;

  // The ordering ECOSYSTEM ranges use; nullopt for an ecosystem cradle cannot order.
  std::optional<VersionScheme> scheme() const { return ecosystem_scheme_; }
  bool has_version_ranges() const { return !ranges_.empty(); }

 private:
  struct Event {
    OsvEvent::Kind kind;
    std::optional<Version> version;  // nullopt for introduced "0" and limit "*"
    std::string text;
  };
  struct Range {
    std::size_t index;  // position in the record's ranges[]
    std::string type;
    std::optional<VersionScheme> scheme;
    std::vector<Event> events;  // sorted; empty when `problem` is set
    std::string problem;        // why this range cannot be evaluated
  };

  // The ordering of the first range that has one.
  std::optional<VersionScheme> range_scheme() const;
  RangeVerdict evaluate_range(const Range& range, const Version& version) const;
  // The range walk; `opened_by` gets the introduced event of the matching interval.
  Verdict walk(const Range& range, const Version& version, const Event** opened_by) const;

  std::string ecosystem_;
  std::optional<VersionScheme> ecosystem_scheme_;
  std::vector<std::string> versions_;
  std::vector<Range> ranges_;  // SEMVER and ECOSYSTEM
  std::size_t git_ranges_ = 0;
  std::vector<std::string> other_range_types_;
};

}  // namespace cradle
