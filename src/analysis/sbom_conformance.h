// SBOM conformance: an SBOM checked against a profile's requirements, each result met, not met,
// not applicable or cannot tell, with the component it concerns and where its evidence is.
//
// Profiles (../shared/spec/sbom-requirements.md):
//  - ntia: the NTIA minimum elements (2021): per component a supplier, a name, a version and
//    another unique identifier (purl, CPE); per document the dependency relationships of at
//    least the top level, the author of the SBOM data (a tool does not count) and a timestamp.
//  - bsi-2.0, bsi-2.1: BSI TR-03183-2 v2.0.0 and v2.1.0, their required fields (section 5.2.1
//    and 5.2.2: creator as an e-mail address or URL, timestamp; per component creator, name,
//    version, filename, dependencies, licences, SHA-512, executable, archive and structured
//    properties) and additional ones (5.2.3, 5.2.4: SBOM URI, source code URI, URI of the
//    deployable form, other identifiers, concluded or original licences), and the format floor
//    of section 4 (v2.0: CycloneDX >= 1.5 or SPDX >= 2.2.1; v2.1: CycloneDX >= 1.6 or SPDX >=
//    3.0.1; JSON or XML). An additional field is required where it exists, which an SBOM cannot
//    show: one that is absent cannot tell, it is not failed. v2.1's logical, identified and
//    referenced components (with fewer fields) are not told apart: every component is checked as
//    a fully described one.
//  - cra: cradle's reading of CRA Annex I Part II (1) (an SBOM "in a commonly used and
//    machine-readable format covering at the very least the top-level dependencies"), not a text
//    of the regulation: a machine-readable format, the product named, its direct dependencies
//    listed, and each component identified (a name and a version) so that vulnerabilities can be
//    looked up (a purl or a CPE).
// The primary component (CycloneDX metadata.component) is checked like the others, first.
//
// Where the evidence is in a place cradle does not read (SPDX annotations, SPDX 3 distribution
// artifact files, SWID tags), the result cannot tell, and says so.
//
// What the score counts: the results met, over the results met, not met and cannot tell (not
// applicable ones aside), one result per requirement and component (or per document for the
// document's requirements); every requirement weighs the same per result: no other weighting.
//
// Threads: plain functions of their arguments.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/sbom.h"
#include "model/sbom_profile.h"

namespace cradle {

enum class RequirementStatus { met, not_met, not_applicable, cannot_tell };

std::string_view to_string(RequirementStatus status);  // "met", "not met", ...

struct SbomRequirement {
  std::string_view id;    // "ntia.supplier", "bsi.hash"
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
  // found; empty for a component's requirement that is met. A fixed text, or one of the
  // ProfileCheck's own (`details`): a large SBOM has a million results, most of them repeating a
  // few words, which are not copied a million times.
  std::string_view detail;
};

struct ProfileCheck {
  SbomProfile profile = SbomProfile::ntia;
  std::vector<SbomRequirement> requirements;
  std::vector<CheckedComponent> components;  // each once, in document order
  std::vector<RequirementResult> results;  // by requirement in the profile's order, then component
  std::deque<std::string> details;           // the texts of results that are not fixed ones

  ProfileCheck() = default;
  // Results view `details`: a move keeps them where they are, a copy would not.
  ProfileCheck(ProfileCheck&&) = default;
  ProfileCheck& operator=(ProfileCheck&&) = default;
  ProfileCheck(const ProfileCheck&) = delete;
  ProfileCheck& operator=(const ProfileCheck&) = delete;

  std::size_t count(RequirementStatus status) const;
  // met / (met + not met + cannot tell); nullopt when nothing applied.
  std::optional<double> score() const;
  bool conformant() const {
    return count(RequirementStatus::not_met) == 0 && count(RequirementStatus::cannot_tell) == 0;
  }
};

ProfileCheck check_sbom(const Sbom& sbom, SbomProfile profile);

// How many results of each status a check has, without the results: what ingest keeps of each
// SBOM (no allocation per result).
struct ConformanceTally {
  SbomProfile profile = SbomProfile::ntia;
  std::array<std::size_t, 4> counts{};  // by RequirementStatus

  std::size_t count(RequirementStatus status) const {
    return counts[static_cast<std::size_t>(status)];
  }
  // One of kConformanceVerdicts (model/sbom_profile.h).
  std::string_view verdict() const;
};

ConformanceTally tally_sbom(const Sbom& sbom, SbomProfile profile);

// The SBOM's conformance to every profile, in kSbomProfiles' order: what ingest stores.
std::vector<SbomConformance> check_conformance(const Sbom& sbom);

}  // namespace cradle
