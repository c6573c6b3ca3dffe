#include "model/vex.h"

#include <algorithm>
#include <array>

namespace cradle {
namespace {

struct Crosswalk {
  std::string_view cyclonedx;
  std::string_view openvex;
};

// Each CycloneDX justification with the OpenVEX label closest to it.
constexpr std::array kCrosswalk{
    Crosswalk{"code_not_present", "vulnerable_code_not_present"},
    Crosswalk{"code_not_reachable", "vulnerable_code_not_in_execute_path"},
    Crosswalk{"requires_configuration", "vulnerable_code_cannot_be_controlled_by_adversary"},
    Crosswalk{"requires_dependency", "vulnerable_code_cannot_be_controlled_by_adversary"},
    Crosswalk{"requires_environment", "vulnerable_code_cannot_be_controlled_by_adversary"},
    Crosswalk{"protected_by_compiler", "inline_mitigations_already_exist"},
    Crosswalk{"protected_at_runtime", "inline_mitigations_already_exist"},
    Crosswalk{"protected_at_perimeter", "inline_mitigations_already_exist"},
    Crosswalk{"protected_by_mitigating_control", "inline_mitigations_already_exist"},
};

// OpenVEX labels with the CycloneDX justification closest to each.
constexpr std::array kOpenVexToCycloneDx{
    Crosswalk{"code_not_present", "component_not_present"},
    Crosswalk{"code_not_present", "vulnerable_code_not_present"},
    Crosswalk{"code_not_reachable", "vulnerable_code_not_in_execute_path"},
    Crosswalk{"requires_environment", "vulnerable_code_cannot_be_controlled_by_adversary"},
    Crosswalk{"protected_by_mitigating_control", "inline_mitigations_already_exist"},
};

}  // namespace

std::string_view to_string(VexStatus status) {
  switch (status) {
    case VexStatus::not_affected: return "not_affected";
    case VexStatus::affected: return "affected";
    case VexStatus::fixed: return "fixed";
    case VexStatus::under_investigation: return "under_investigation";
  }
  return "under_investigation";
}

std::optional<VexStatus> parse_vex_status(std::string_view text) {
  for (VexStatus status : {VexStatus::not_affected, VexStatus::affected, VexStatus::fixed,
                           VexStatus::under_investigation}) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

std::string_view openvex_justification(std::string_view label) {
  for (const Crosswalk& entry : kOpenVexToCycloneDx) {
    if (entry.openvex == label) return entry.openvex;
  }
  for (const Crosswalk& entry : kCrosswalk) {
    if (entry.cyclonedx == label) return entry.openvex;
  }
  return {};
}

std::string_view cyclonedx_justification(std::string_view label) {
  for (const Crosswalk& entry : kCrosswalk) {
    if (entry.cyclonedx == label) return entry.cyclonedx;
  }
  for (const Crosswalk& entry : kOpenVexToCycloneDx) {
    if (entry.openvex == label) return entry.cyclonedx;
  }
  return {};
}

}  // namespace cradle
