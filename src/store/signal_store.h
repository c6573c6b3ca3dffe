// SignalStore: one role of the evidence store (store/store.h). Project-health signals (OpenSSF
// Scorecard results), a row per signal.
//
// Threads: as the Store it belongs to (one thread at a time).
#pragma once

#include <cstdint>
#include <expected>
#include <span>
#include <string_view>
#include <vector>

#include "model/error.h"
#include "model/signal.h"
#include "store/store_role.h"

namespace cradle {

class SignalStore : protected StoreRole {
 public:
  // Signals: a stored document's project-health signals, each a row pointing at the document.
  // Returns false when the document was already kept as signals.
  std::expected<bool, Error> put_signals(std::int64_t document_id, std::span<const Signal> signals);
  // The signals about a repository (named as the documents name it), each with its document's
  // evidence: newest observation first, then as each document lists them.
  std::expected<std::vector<Signal>, Error> signals_about(std::string_view subject);

 protected:
  using StoreRole::StoreRole;
};

}  // namespace cradle
