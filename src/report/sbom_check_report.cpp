#include "report/sbom_check_report.h"

#include <absl/container/flat_hash_map.h>
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
      const auto score = check.score();
      const std::string_view conformant = check.count(RequirementStatus::not_met) > 0 ? "false"
                                          : check.count(RequirementStatus::cannot_tell) > 0
                                              ? "null"
                                              : "true";
      buffer += fmt::format(
          "{}\n        {{\n          \"profile\": {},\n          \"conformant\": {},\n"
          "          \"score\": {},\n          \"components\": [",
          p == 0 ? "" : ",", quoted(to_string(check.profile)), conformant,
          score ? nlohmann::json(*score).dump() : "null");
      for (std::size_t c = 0; c < check.components.size(); ++c) {
        const CheckedComponent& component = check.components[c];
        buffer += fmt::format("{}\n            {{\"component\": {}, \"evidence\": {}}}",
                              c == 0 ? "" : ",", quoted(component.label),
                              component.line == 0 ? "null"
                                                  : fmt::format("\"line {}\"", component.line));
        if (buffer.size() > (1u << 16)) flush();
      }
      buffer += check.components.empty() ? "],\n          \"requirements\": ["
                                         : "\n          ],\n          \"requirements\": [";
      // Each requirement's results grouped by what they say: a status and a detail, with the
      // components (indices into `components`) that have them, in document order.
      std::size_t r = 0;
      for (std::size_t q = 0; q < check.requirements.size(); ++q) {
        const SbomRequirement& requirement = check.requirements[q];
        struct Group {
          RequirementStatus status;
          std::string_view detail;
          std::vector<std::size_t> components;
        };
        std::vector<Group> groups;
        absl::flat_hash_map<std::pair<int, std::string_view>, std::size_t> group_of;
        std::array<std::size_t, 4> counts{};
        for (; r < check.results.size() && check.results[r].requirement == requirement.id; ++r) {
          const RequirementResult& result = check.results[r];
          ++counts[static_cast<std::size_t>(result.status)];
          const auto [at, added] = group_of.try_emplace(
              std::pair{static_cast<int>(result.status), result.detail}, groups.size());
          if (added) groups.push_back(Group{result.status, result.detail, {}});
          if (result.component != kTheDocument) groups[at->second].components.push_back(result.component);
        }
        buffer += fmt::format(
            "{}\n            {{\"id\": {}, \"text\": {}, \"per_component\": {}, \"met\": {}, "
            "\"not_met\": {}, \"not_applicable\": {}, \"cannot_tell\": {}, \"results\": [",
            q == 0 ? "" : ",", quoted(requirement.id), quoted(requirement.text),
            requirement.per_component, counts[0], counts[1], counts[2], counts[3]);
        for (std::size_t g = 0; g < groups.size(); ++g) {
          const Group& group = groups[g];
          buffer += fmt::format(
              "{}\n              {{\"status\": {}, \"detail\": {}, \"components\": ",
              g == 0 ? "" : ",", quoted(to_string(group.status)),
              group.detail.empty() ? "null" : quoted(group.detail));
          if (!requirement.per_component) {
            buffer += "null}";
            continue;
          }
          buffer += '[';
          for (std::size_t i = 0; i < group.components.size(); ++i) {
            if (i > 0) buffer += ", ";
            buffer += std::to_string(group.components[i]);
            if (buffer.size() > (1u << 16)) flush();
          }
          buffer += "]}";
        }
        buffer += groups.empty() ? "]}" : "\n            ]}";
      }
      buffer += check.requirements.empty() ? "]\n        }" : "\n          ]\n        }";
    }
    buffer += entry.checks.empty() ? "]\n    }" : "\n      ]\n    }";
  }
  buffer += entries.empty() ? "]\n}\n" : "\n  ]\n}\n";
  flush();
}

}  // namespace cradle
