// `cradle log verify` as a table and as JSON (schemas/log-verify.schema.json): what was checked
// (the chain's links, the assessments compared with the store), every problem found with the
// entry it concerns, the assessments that cannot be verified, and the head to keep elsewhere.
//
// Threads: plain functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "assess/decision_log.h"

namespace cradle {

inline constexpr std::string_view kLogVerifyJsonSchemaVersion = "1";
nlohmann::ordered_json log_verification_json(const LogVerification& verification);
std::string log_verification_table(const LogVerification& verification, bool from_store);

}  // namespace cradle
