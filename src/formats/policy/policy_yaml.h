// cradle policy files (YAML): bytes -> Policy + diagnostics. The format:
//
//   cradle-policy: 1
//   name: release gate
//   rules:
//     - id: vex-not-affected
//       when: {vex: [not_affected, fixed]}
//       decide: accept
//       reason: the supplier states the product is not affected
//     - id: network-facing-high
//       when: {severity: [critical, high], exposure: [network-facing]}
//       decide: block
//     - id: default
//       decide: remediate
//       within_days: 30
//   licences:                      # optional: decisions on each component's licence
//     - id: copyleft-online
//       when: {licence_category: [strong-copyleft, network-copyleft], exposure: [network-facing]}
//       decide: block
//     - id: allowed
//       when: {licence_category: [permissive, weak-copyleft]}
//       decide: accept
//   sbom:                          # optional: a decision on the SBOM itself
//     - id: bsi-online
//       when: {sbom_conformance: {profile: bsi-2.1, status: nonconformant}, exposure: [network-facing]}
//       decide: remediate
//       within_days: 30
//
// Strict: an unknown key or value is an error at its line and column, since a misspelt condition
// would otherwise hold for every finding. The policy's evidence is the SHA-256 of its bytes.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "formats/parse_limits.h"
#include "model/diagnostic.h"
#include "model/policy.h"

namespace cradle {

struct PolicyParseResult {
  std::optional<Policy> policy;
  std::vector<Diagnostic> diagnostics;

  bool accepted() const { return policy.has_value() && !has_errors(diagnostics); }
};

PolicyParseResult parse_policy_yaml(std::string_view bytes, std::string_view file,
                                    const ParseLimits& limits = {});

// The policy `cradle assess` applies when none is given, as YAML text in the format above.
std::string_view default_policy_yaml();

}  // namespace cradle
