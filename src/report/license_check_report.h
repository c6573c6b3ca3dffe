// What `cradle licence check` says about each SPDX licence expression (formats/spdx/
// license_expression.h): its verdict, canonical form, problems by column, and each licence and
// exception it names with where the id comes from; as text and as JSON
// (schemas/licence-check.schema.json).
//
// Threads: plain functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "formats/spdx/license_expression.h"

namespace cradle {

inline constexpr std::string_view kLicenseCheckJsonSchemaVersion = "1";

struct LicenseCheckEntry {
  std::string text;
  ParsedLicenseExpression parsed;
  bool strict = false;  // warnings make it not valid

  bool valid() const;
};

std::string license_check_text(const std::vector<LicenseCheckEntry>& entries);
nlohmann::json license_check_json(const std::vector<LicenseCheckEntry>& entries);

}  // namespace cradle
