// What the store holds about an artifact's attestations, as JSON and as a table. Signatures are
// reported as counted, never as verified.
//
// Threads: plain functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>

#include <span>
#include <string>

#include "model/attestation.h"

namespace cradle {

nlohmann::ordered_json attestations_json(std::string_view digest, std::span<const Attestation> attestations);
std::string attestations_table(std::string_view digest, std::span<const Attestation> attestations);

}  // namespace cradle
