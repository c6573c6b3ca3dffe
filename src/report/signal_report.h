// Project-health signals as JSON and as a table: what each source stated, when, with the
// document it rests on. A score is the source's, never a verdict of cradle's.
//
// Threads: plain functions of their arguments.
#pragma once

#include <nlohmann/json.hpp>

#include <span>
#include <string>

#include "model/signal.h"

namespace cradle {

nlohmann::ordered_json signals_json(std::string_view subject, std::span<const Signal> signals);
std::string signals_table(std::string_view subject, std::span<const Signal> signals);

}  // namespace cradle
