#include "versions/osv_ranges.h"

#include <fmt/format.h>

#include <algorithm>

namespace cradle {
namespace {

std::string_view event_name(OsvEvent::Kind kind) {
  switch (kind) {
    case OsvEvent::Kind::introduced: return "introduced";
    case OsvEvent::Kind::fixed: return "fixed";
    case OsvEvent::Kind::last_affected: return "last_affected";
    case OsvEvent::Kind::limit: return "limit";
  }
  return "event";
}

}  // namespace

AffectedRanges::AffectedRanges(const OsvAffectedVersions& affected)
    : ecosystem_(affected.ecosystem),
      ecosystem_scheme_(scheme_for_ecosystem(affected.ecosystem)),
      versions_(affected.versions) {
  std::ranges::sort(versions_);
  for (std::size_t i = 0; i < affected.ranges.size(); ++i) {
    const OsvRange& source = affected.ranges[i];
    if (source.type == "GIT") {
      ++git_ranges_;
      continue;
    }
    if (source.type != "SEMVER" && source.type != "ECOSYSTEM") {
      other_range_types_.push_back(source.type);
      continue;
    }
    Range range{i, source.type, std::nullopt, {}, {}};
    if (source.type == "SEMVER") {
      // Go's ordering is SemVer's, with Go's spellings (a 'v', shorthands) accepted.
      range.scheme = ecosystem_scheme_ == VersionScheme::go ? VersionScheme::go : VersionScheme::semver;
    } else {
      range.scheme = ecosystem_scheme_;
    }
    if (!range.scheme) {
      range.problem = fmt::format("no version ordering for ecosystem '{}'", ecosystem_);
      ranges_.push_back(std::move(range));
      continue;
    }
    for (const OsvEvent& event : source.events) {
      const bool unbounded = (event.kind == OsvEvent::Kind::introduced && event.version == "0") ||
                             (event.kind == OsvEvent::Kind::limit && event.version == "*");
      Event compiled{event.kind, std::nullopt, event.version};
      if (!unbounded) {
        auto version = parse_version(*range.scheme, event.version);
        if (!version) {
          range.problem = fmt::format("{} version '{}' does not parse as {}: {}",
                                      event_name(event.kind), event.version,
                                      to_string(*range.scheme), version.error().message);
          break;
        }
        compiled.version = std::move(*version);
      }
      range.events.push_back(std::move(compiled));
    }
    if (!range.problem.empty()) {
      range.events.clear();
    } else {
      // Sort by version, "0" first and "*" last; ties keep the record's order.
      std::ranges::stable_sort(range.events, [](const Event& a, const Event& b) {
        if (!a.version || !b.version) {
          auto rank = [](const Event& e) {
            if (e.version) return 1;
            return e.kind == OsvEvent::Kind::introduced ? 0 : 2;
          };
          return rank(a) < rank(b);
        }
        return compare(*a.version, *b.version) < 0;
      });
    }
    ranges_.push_back(std::move(range));
  }
}

Verdict AffectedRanges::walk(const Range& range, const Version& version,
                             const Event** opened_by) const {
  if (!range.problem.empty()) return Verdict::unknown;
  bool has_limit = false;
  bool below_a_limit = false;
  for (const Event& event : range.events) {
    if (event.kind != OsvEvent::Kind::limit) continue;
    has_limit = true;
    if (!event.version || compare(version, *event.version) < 0) below_a_limit = true;
  }
  if (has_limit && !below_a_limit) return Verdict::not_affected;
  bool affected = false;
  for (const Event& event : range.events) {
    switch (event.kind) {
      case OsvEvent::Kind::introduced:
        if (!event.version || compare(version, *event.version) >= 0) {
          affected = true;
          if (opened_by != nullptr) *opened_by = &event;
        }
        break;
      case OsvEvent::Kind::fixed:
        if (compare(version, *event.version) >= 0) affected = false;
        break;
      case OsvEvent::Kind::last_affected:
        if (compare(version, *event.version) > 0) affected = false;
        break;
      case OsvEvent::Kind::limit:
        break;
    }
  }
  return affected ? Verdict::affected : Verdict::not_affected;
}

RangeVerdict AffectedRanges::evaluate_range(const Range& range, const Version& version) const {
  if (!range.problem.empty()) return {Verdict::unknown, range.problem};
  const Event* opened_by = nullptr;
  // evaluate_ranges() says why a version is outside every range: a reason per range would go
  // unused, so none is formatted.
  if (walk(range, version, &opened_by) != Verdict::affected) return {Verdict::not_affected, {}};
  // Name the interval: the introduced event that opened it and the event that would close it.
  const auto opened = std::ranges::find_if(range.events, [&](const Event& e) { return &e == opened_by; });
  const auto closed = std::find_if(opened, range.events.end(), [](const Event& e) {
    return e.kind == OsvEvent::Kind::fixed || e.kind == OsvEvent::Kind::last_affected;
  });
  if (closed == range.events.end()) {
    return {Verdict::affected, fmt::format("{} is in {} range {}: introduced {}, with no fix",
                                           version.text(), range.type, range.index, opened_by->text)};
  }
  return {Verdict::affected,
          fmt::format("{} is in {} range {}: introduced {}, {} {}", version.text(), range.type,
                      range.index, opened_by->text, event_name(closed->kind), closed->text)};
}

Verdict AffectedRanges::check(const Version& version) const {
  bool unknown = false;
  bool evaluated = false;
  for (const Range& range : ranges_) {
    if (!range.scheme || *range.scheme != version.scheme()) {
      unknown = true;
      continue;
    }
    switch (walk(range, version, nullptr)) {
      case Verdict::affected: return Verdict::affected;
      case Verdict::unknown: unknown = true; break;
      case Verdict::not_affected: evaluated = true; break;
    }
  }
  if (unknown || !evaluated) return Verdict::unknown;
  return Verdict::not_affected;
}

RangeVerdict AffectedRanges::evaluate_ranges(const Version& version) const {
  std::optional<RangeVerdict> unknown;
  bool evaluated = false;
  for (const Range& range : ranges_) {
    if (range.scheme && *range.scheme != version.scheme()) {
      unknown = RangeVerdict{Verdict::unknown,
                             fmt::format("{} range {} orders versions as {}, the version is {}",
                                         range.type, range.index, to_string(*range.scheme),
                                         to_string(version.scheme()))};
      continue;
    }
    RangeVerdict verdict = evaluate_range(range, version);
    if (verdict.verdict == Verdict::affected) return verdict;
    if (verdict.verdict == Verdict::unknown) {
      if (!unknown) unknown = std::move(verdict);
    } else {
      evaluated = true;
    }
  }
  if (unknown) return *unknown;
  if (evaluated) {
    return {Verdict::not_affected,
            fmt::format("{} is outside every range", version.text())};
  }
  return {Verdict::unknown, "no SEMVER or ECOSYSTEM range"};
}

bool AffectedRanges::listed(std::string_view version) const {
  return std::ranges::binary_search(versions_, version);
}

std::optional<VersionScheme> AffectedRanges::range_scheme() const {
  for (const Range& range : ranges_) {
    if (range.scheme) return range.scheme;
  }
  return std::nullopt;
}

std::string unparsable_version(std::string_view version, VersionScheme scheme, const Error& error) {
  return fmt::format("version '{}' does not parse as {}: {}", version, to_string(scheme),
                     error.message);
}

RangeVerdict AffectedRanges::evaluate(std::string_view version) const {
  // Without an evaluable range the scheme is not used.
  const VersionScheme scheme = range_scheme().value_or(VersionScheme::semver);
  const auto parsed = parse_version(scheme, version);
  const std::string problem = parsed ? std::string() : unparsable_version(version, scheme, parsed.error());
  return evaluate(InstalledVersion{version, scheme, parsed ? &*parsed : nullptr, problem});
}

RangeVerdict AffectedRanges::evaluate(const InstalledVersion& installed) const {
  const std::string_view version = installed.text;
  if (listed(version)) {
    return {Verdict::affected, fmt::format("{} is listed in versions[]", version)};
  }
  if (ranges_.empty()) {
    if (git_ranges_ > 0) {
      return {Verdict::unknown,
              versions_.empty()
                  ? std::string("only GIT ranges: not evaluable without the commit graph")
                  : fmt::format("{} is not listed in versions[], and the GIT ranges are not "
                                "evaluable without the commit graph",
                                version)};
    }
    if (!other_range_types_.empty()) {
      return {Verdict::unknown, fmt::format("unsupported range type '{}'", other_range_types_.front())};
    }
    if (!versions_.empty()) {
      return {Verdict::not_affected, fmt::format("{} is not listed in versions[]", version)};
    }
    return {Verdict::unknown, "the entry has neither ranges nor versions"};
  }
  // Under the ordering of the first evaluable range (ECOSYSTEM and SEMVER agree except for Go,
  // where both are Go's ordering); parsed again only when the installed version was parsed
  // under another.
  const std::optional<VersionScheme> scheme = range_scheme();
  if (!scheme) return {Verdict::unknown, ranges_.front().problem};
  if (installed.scheme == *scheme) {
    if (installed.parsed != nullptr) return evaluate_ranges(*installed.parsed);
    return {Verdict::unknown, std::string(installed.problem)};
  }
  auto reparsed = parse_version(*scheme, version);
  if (!reparsed) {
    return {Verdict::unknown, unparsable_version(version, *scheme, reparsed.error())};
  }
  return evaluate_ranges(*reparsed);
}

std::optional<AffectedRanges::Fix> AffectedRanges::nearest_fix(const Version& version) const {
  const Event* best = nullptr;
  for (const Range& range : ranges_) {
    if (!range.scheme || *range.scheme != version.scheme()) continue;
    for (const Event& event : range.events) {
      if (event.kind != OsvEvent::Kind::fixed || !event.version) continue;
      if (compare(*event.version, version) <= 0) continue;
      if (best == nullptr || compare(*event.version, *best->version) < 0) best = &event;
    }
  }
  if (best == nullptr) return std::nullopt;
  return Fix{&*best->version, best->text};
}

}  // namespace cradle
