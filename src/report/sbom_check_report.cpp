#include "report/sbom_check_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "model/display_text.h"

namespace cradle {
namespace {

constexpr std::size_t kListedFailures = 10;

struct Tally {
  const SbomRequirement* requirement = nullptr;
  std::array<std::size_t, 4> counts{};  // by RequirementStatus
  std::size_t count(RequirementStatus status) const {
    return counts[static_cast<std::size_t>(status)];
  }
};

std::vector<Tally> tallies(const ProfileCheck& check) {
  std::vector<Tally> out;
  for (const SbomRequirement& requirement : check.requirements)
    out.push_back(Tally{&requirement, {}});
  for (const RequirementResult& r : check.results) {
    auto tally = std::ranges::find_if(
        out, [&](const Tally& t) { return t.requirement->id == r.requirement; });
    if (tally != out.end()) ++tally->counts[static_cast<std::size_t>(r.status)];
  }
  return out;
}

// Only what was checked is called conformant: a result that could not tell keeps it open.
std::string verdict(const ProfileCheck& check) {
  if (check.count(RequirementStatus::not_met) > 0) return "not conformant";
  if (check.count(RequirementStatus::cannot_tell) > 0)
    return "nothing unmet found, not every requirement could tell";
  return "conformant";
}

std::string tally_text(const Tally& tally) {
  const std::size_t applicable = tally.count(RequirementStatus::met) +
                                 tally.count(RequirementStatus::not_met) +
                                 tally.count(RequirementStatus::cannot_tell);
  if (applicable == 0) return "not applicable";
  const std::size_t not_met = tally.count(RequirementStatus::not_met);
  const std::size_t cannot_tell = tally.count(RequirementStatus::cannot_tell);
  if (!tally.requirement->per_component)
    return not_met > 0 ? "not met" : cannot_tell > 0 ? "cannot tell" : "met";
  if (not_met > 0) return fmt::format("not met for {} of {} components", not_met, applicable);
  if (cannot_tell > 0)
    return fmt::format("cannot tell for {} of {} components", cannot_tell, applicable);
  return fmt::format("met by all {} components", applicable);
}

}  // namespace

std::string sbom_check_text(const std::vector<SbomCheckEntry>& entries, bool verbose) {
  std::string out;
  for (const SbomCheckEntry& entry : entries) {
    if (!out.empty()) out += '\n';
    if (!entry.read) {
      out += fmt::format("{}: not read as an SBOM\n", Shown{entry.file});
      continue;
    }
    for (const ProfileCheck& check : entry.checks) {
      const auto score = check.score();
      out +=
          fmt::format("{}: {}: {}; {} of {} results met{}\n", Shown{entry.file},
                      to_string(check.profile), verdict(check), check.count(RequirementStatus::met),
                      check.results.size() - check.count(RequirementStatus::not_applicable),
                      score ? fmt::format(" ({:.0f}%)", *score * 100) : "");
      std::vector<Tally> by_failures = tallies(check);
      std::ranges::stable_sort(by_failures, [](const Tally& a, const Tally& b) {
        return a.count(RequirementStatus::not_met) + a.count(RequirementStatus::cannot_tell) >
               b.count(RequirementStatus::not_met) + b.count(RequirementStatus::cannot_tell);
      });
      for (const Tally& tally : by_failures) {
        out += fmt::format("  {:<18} {}: {}\n", tally.requirement->id, tally_text(tally),
                           tally.requirement->text);
        std::size_t listed = 0;
        std::size_t unlisted = 0;
        for (const RequirementResult& r : check.results) {
          if (r.requirement != tally.requirement->id) continue;
          const bool failing =
              r.status == RequirementStatus::not_met || r.status == RequirementStatus::cannot_tell;
          const bool document = r.component == kTheDocument;
          if (!failing && !(document && !r.detail.empty())) continue;
          if (!verbose && listed == kListedFailures) {
            ++unlisted;
            continue;
          }
          ++listed;
          std::string subject =
              document ? std::string("the document") : shown(check.components[r.component].label);
          if (!document && check.components[r.component].line != 0) {
            subject += fmt::format(" (line {})", check.components[r.component].line);
          }
          out += fmt::format("    {}: {}\n", subject, Shown{r.detail});
        }
        if (unlisted > 0)
          out += fmt::format("    ... and {} more (--verbose lists them)\n", unlisted);
      }
    }
  }
  return out;
}

void write_sbom_check_json(const std::vector<SbomCheckEntry>& entries, std::ostream& out) {
  std::string buffer;
  auto flush = [&] {
    out << buffer;
    buffer.clear();
  };
  auto quoted = [](std::string_view text) { return nlohmann::json(text).dump(); };
  buffer += fmt::format("{{\n  \"schema_version\": {},\n  \"documents\": [",
                        quoted(kSbomCheckJsonSchemaVersion));
  for (std::size_t d = 0; d < entries.size(); ++d) {
    const SbomCheckEntry& entry = entries[d];
    nlohmann::json diagnostics = nlohmann::json::array();
    for (const Diagnostic& diagnostic : entry.diagnostics)
      diagnostics.push_back(format_diagnostic(diagnostic));
    buffer += fmt::format(
        "{}\n    {{\n      \"file\": {},\n      \"read\": {},\n      \"diagnostics\": {},\n"
        "      \"profiles\": [",
        d == 0 ? "" : ",", quoted(entry.file), entry.read, diagnostics.dump());
    for (std::size_t p = 0; p < entry.checks.size(); ++p) {
      const ProfileCheck& check = entry.checks[p];
      nlohmann::json requirements = nlohmann::json::array();
      for (const Tally& tally : tallies(check)) {
        requirements.push_back({{"id", tally.requirement->id},
                                {"text", tally.requirement->text},
                                {"per_component", tally.requirement->per_component},
                                {"met", tally.count(RequirementStatus::met)},
                                {"not_met", tally.count(RequirementStatus::not_met)},
                                {"not_applicable", tally.count(RequirementStatus::not_applicable)},
                                {"cannot_tell", tally.count(RequirementStatus::cannot_tell)}});
      }
      const auto score = check.score();
      const std::string_view conformant = check.count(RequirementStatus::not_met) > 0 ? "false"
                                          : check.count(RequirementStatus::cannot_tell) > 0
                                              ? "null"
                                              : "true";
      buffer += fmt::format(
          "{}\n        {{\n          \"profile\": {},\n          \"conformant\": {},\n"
          "          \"score\": {},\n          \"requirements\": {},\n          \"results\": [",
          p == 0 ? "" : ",", quoted(to_string(check.profile)), conformant,
          score ? nlohmann::json(*score).dump() : "null", requirements.dump());
      std::vector<std::string> labels;  // each component's label quoted once, not once per result
      labels.reserve(check.components.size());
      for (const CheckedComponent& component : check.components)
        labels.push_back(quoted(component.label));
      for (std::size_t r = 0; r < check.results.size(); ++r) {
        const RequirementResult& result = check.results[r];
        const bool document = result.component == kTheDocument;
        const std::uint32_t line = document ? 0 : check.components[result.component].line;
        buffer += fmt::format(
            "{}\n            {{\"requirement\": {}, \"component\": {}, \"status\": {}, "
            "\"evidence\": {}, "
            "\"detail\": {}}}",
            r == 0 ? "" : ",", quoted(result.requirement),
            document ? "null" : labels[result.component], quoted(to_string(result.status)),
            line == 0 ? "null" : fmt::format("\"line {}\"", line),
            result.detail.empty() ? "null" : quoted(result.detail));
        if (buffer.size() > (1u << 16)) flush();
      }
      buffer += check.results.empty() ? "]\n        }" : "\n          ]\n        }";
    }
    buffer += entry.checks.empty() ? "]\n    }" : "\n      ]\n    }";
  }
  buffer += entries.empty() ? "]\n}\n" : "\n  ]\n}\n";
  flush();
}

}  // namespace cradle
