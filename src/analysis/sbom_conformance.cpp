#include "analysis/sbom_conformance.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>

#include "model/date_time.h"

namespace cradle {
namespace {

constexpr SbomRequirement kNtia[] = {
    {"ntia.supplier",
     "Supplier name: the entity that creates, defines and identifies the component", true},
    {"ntia.name", "Component name: the name the supplier gives the component", true},
    {"ntia.version", "Version of the component: the supplier's identifier of this version", true},
    {"ntia.identifiers",
     "Other unique identifiers: a purl, CPE or SWID tag that looks the component up", true},
    {"ntia.dependencies",
     "Dependency relationship: which components are included in which, at least for the top level",
     false},
    {"ntia.author", "Author of SBOM data: the entity that creates the SBOM (a tool does not count)",
     false},
    {"ntia.timestamp", "Timestamp: the date and time the SBOM data was assembled (RFC 3339)",
     false},
};

std::string label(const Component& component) {
  if (!component.purl_text.empty()) return component.purl_text;
  if (!component.name.empty()) {
    return component.version.empty() ? component.name
                                     : fmt::format("{}@{}", component.name, component.version);
  }
  return component.ref;
}

std::string relationships(const Sbom& sbom) {
  return fmt::format("{} relationship{}", sbom.dependencies.size(),
                     sbom.dependencies.size() == 1 ? "" : "s");
}

RequirementResult result(std::string_view id, std::size_t component, bool met, std::string detail) {
  return RequirementResult{id, component, met ? RequirementStatus::met : RequirementStatus::not_met,
                           std::move(detail)};
}

// Per component, a detail only where a requirement is not met: a large SBOM has 100,000 of them.
void check_ntia_component(const Component& c, std::size_t index,
                          std::vector<RequirementResult>& out) {
  auto add = [&](std::string_view id, bool met, std::string_view missing) {
    out.push_back(result(id, index, met, met ? std::string() : std::string(missing)));
  };
  add("ntia.supplier", !c.details->supplier.empty(),
      "no supplier (nor manufacturer or publisher) is named");
  add("ntia.name", !c.name.empty(), "no name");
  add("ntia.version", !c.version.empty(), "no version");
  add("ntia.identifiers", !c.purl_text.empty() || !c.details->cpes.empty(),
      "neither a purl nor a CPE (cradle does not read SWID tags)");
}

void check_ntia_document(const Sbom& sbom, std::vector<RequirementResult>& out) {
  // The top level: the dependencies of the component the SBOM describes, else any stated.
  const Component* described = described_component(sbom);
  const std::size_t top_level = described == nullptr
                                    ? 0
                                    : static_cast<std::size_t>(std::ranges::count(
                                          sbom.dependencies, described->ref, &Dependency::from));
  if (sbom.components.empty()) {
    out.push_back(RequirementResult{"ntia.dependencies", kTheDocument,
                                    RequirementStatus::not_applicable,
                                    "the SBOM lists no components"});
  } else if (top_level > 0) {
    out.push_back(result(
        "ntia.dependencies", kTheDocument, true,
        fmt::format("{}, {} of them from {}", relationships(sbom), top_level, label(*described))));
  } else if (!sbom.dependencies.empty()) {
    out.push_back(result("ntia.dependencies", kTheDocument, described == nullptr,
                         described == nullptr
                             ? fmt::format("{}; the SBOM names no single component it describes",
                                           relationships(sbom))
                             : fmt::format("{}, none from {}, the component the SBOM describes",
                                           relationships(sbom), label(*described))));
  } else {
    out.push_back(
        result("ntia.dependencies", kTheDocument, false, "no dependency relationship is stated"));
  }
  out.push_back(result(
      "ntia.author", kTheDocument, !sbom.creators.empty(),
      sbom.creators.empty()
          ? (sbom.tools.empty() ? std::string("no author is named")
                                : fmt::format("only tools are named ({})", sbom.tools.front()))
          : fmt::format("{}", fmt::join(sbom.creators, "; "))));
  if (sbom.created.empty()) {
    out.push_back(result("ntia.timestamp", kTheDocument, false, "no timestamp"));
  } else {
    const bool valid = parse_rfc3339(sbom.created).has_value();
    out.push_back(result(
        "ntia.timestamp", kTheDocument, valid,
        valid ? sbom.created : fmt::format("'{}' is not an RFC 3339 date-time", sbom.created)));
  }
}

}  // namespace

std::string_view to_string(SbomProfile profile) {
  switch (profile) {
    case SbomProfile::ntia:
      return "ntia";
  }
  return "ntia";
}

std::optional<SbomProfile> parse_sbom_profile(std::string_view text) {
  if (text == "ntia") return SbomProfile::ntia;
  return std::nullopt;
}

std::string_view to_string(RequirementStatus status) {
  switch (status) {
    case RequirementStatus::met:
      return "met";
    case RequirementStatus::not_met:
      return "not met";
    case RequirementStatus::not_applicable:
      return "not applicable";
    case RequirementStatus::cannot_tell:
      return "cannot tell";
  }
  return "cannot tell";
}

std::size_t ProfileCheck::count(RequirementStatus status) const {
  return static_cast<std::size_t>(std::ranges::count(results, status, &RequirementResult::status));
}

std::optional<double> ProfileCheck::score() const {
  const std::size_t counted = results.size() - count(RequirementStatus::not_applicable);
  if (counted == 0) return std::nullopt;
  return static_cast<double>(count(RequirementStatus::met)) / static_cast<double>(counted);
}

ProfileCheck check_sbom(const Sbom& sbom, SbomProfile profile) {
  ProfileCheck out;
  out.profile = profile;
  out.requirements.assign(std::begin(kNtia), std::end(kNtia));
  std::vector<RequirementResult> unordered;
  unordered.reserve(sbom.components.size() * 4 + 3);
  out.components.reserve(sbom.components.size());
  for (const Component& component : sbom.components) {
    check_ntia_component(component, out.components.size(), unordered);
    out.components.push_back(CheckedComponent{label(component), component.line});
  }
  check_ntia_document(sbom, unordered);
  // By requirement in the profile's order; within one, in document order.
  out.results.reserve(unordered.size());
  for (const SbomRequirement& requirement : out.requirements) {
    for (RequirementResult& r : unordered) {
      if (r.requirement == requirement.id) out.results.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace cradle
