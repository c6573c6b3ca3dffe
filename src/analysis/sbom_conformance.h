// SBOM conformance: an SBOM checked against a profile's requirements, each result met, not met,
// not applicable or cannot tell, with the component it concerns and where its evidence is.
//
// Profiles (../shared/spec/sbom-requirements.md):
//  - ntia: the NTIA minimum elements (2021): per component a supplier, a name, a version and
//    another unique identifier (purl, CPE); per document the dependency relationships of at
//    least the top level, the author of the SBOM data (a tool does not count) and a timestamp.
// (BSI TR-03183-2 v2.0 and v2.1 and the CRA profile are to follow.)
//
// What the score counts: the results met, over the results met, not met and cannot tell (not
// applicable ones aside), one result per requirement and component (or per document for the
// document's requirements); every requirement weighs the same per result: no other weighting.
//
// Threads: plain functions of their arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/sbom.h"

namespace cradle {

enum class SbomProfile { ntia };
enum class RequirementStatus { met, not_met, not_applicable, cannot_tell };

std::string_view to_string(SbomProfile profile);  // "ntia"
std::optional<SbomProfile> parse_sbom_profile(std::string_view text);
std::string_view to_string(RequirementStatus status);  // "met", "not met", ...

struct SbomRequirement {
  std::string_view id;    // "ntia.supplier"
  std::string_view text;  // what the profile asks, in its words
  bool per_component = false;
};

// A component a check names: how (its purl, else name@version, else its ref) and where it starts
// in the document (its line; 0 when the reader does not know).
struct CheckedComponent {
  std::string label;
  std::uint32_t line = 0;
};

inline constexpr std::size_t kTheDocument = static_cast<std::size_t>(-1);

struct RequirementResult {
  std::string_view requirement;  // an SbomRequirement's id
  std::size_t component =
      kTheDocument;  // into ProfileCheck::components; kTheDocument for the document
  RequirementStatus status = RequirementStatus::cannot_tell;
  // Why, where it is not met or cannot tell; for a document's requirement that is met, what was
  // found; empty for a component's requirement that is met.
  std::string detail;
};

struct ProfileCheck {
  SbomProfile profile = SbomProfile::ntia;
  std::vector<SbomRequirement> requirements;
  std::vector<CheckedComponent> components;  // each once, in document order
  std::vector<RequirementResult> results;  // by requirement in the profile's order, then component

  std::size_t count(RequirementStatus status) const;
  // met / (met + not met + cannot tell); nullopt when nothing applied.
  std::optional<double> score() const;
  bool conformant() const {
    return count(RequirementStatus::not_met) == 0 && count(RequirementStatus::cannot_tell) == 0;
  }
};

ProfileCheck check_sbom(const Sbom& sbom, SbomProfile profile);

}  // namespace cradle
