// `cradle log verify`: the decision log's hash chain checked link by link, and every logged
// assessment compared with the assessment and decisions the store holds now
// (assess/decision_log.h). Also an exported log (`cradle log export`, JSON Lines) checked without
// a store: its links only.
//
// Threads: one call at a time per store (store/store.h).
#pragma once

#include <expected>
#include <optional>
#include <string_view>

#include "assess/decision_log.h"
#include "model/error.h"
#include "store/store.h"

namespace cradle {

// `product` empty: every assessment; else that product's (the chain is checked whole either way).
std::expected<LogVerification, Error> verify_decision_log(DecisionStore& store, std::string_view product);

// One assessment as read from the store (`cradle decisions`) checked against its own entry: the
// entry's hash, and the store's assessment as logged (not the chain's links: `log verify`). An
// assessment from before the log began has nothing to be checked against: no problem, and
// `predates` says so.
struct LoggedCheck {
  std::vector<LogProblem> problems;
  bool predates = false;
  std::optional<LogEntry> entry;  // the assessment's entry, when the log has one
};
std::expected<LoggedCheck, Error> check_logged(DecisionStore& store, const Assessment& stored);

// An exported log's bytes (`file` names it in diagnostics): its chain only.
LogVerification verify_exported_log(std::string_view bytes, std::string_view file);

}  // namespace cradle
