// DecisionStore: one role of the evidence store (store/store.h). The decision log: assessments of
// product versions and their decisions, and the hash chain over them.
//
// Threads: as the Store it belongs to (one thread at a time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string_view>
#include <vector>

#include "model/decision.h"
#include "model/error.h"
#include "store/store_role.h"

namespace cradle {

class DecisionStore : protected StoreRole {
 public:
  // The decision log: an assessment of a product version and its decisions, kept as one. The
  // policy's document is stored first (put_document); returns the assessment's id.
  std::expected<std::int64_t, Error> put_assessment(std::int64_t product_id,
                                                    std::int64_t policy_document_id,
                                                    const Assessment& assessment);
  // The assessments of a product's version (every version when `version` is empty), newest
  // first, at most `limit`, each with its decisions and its policy's evidence.
  std::expected<std::vector<Assessment>, Error> assessments(std::string_view product,
                                                            std::string_view version,
                                                            std::size_t limit);
  std::expected<std::optional<Assessment>, Error> assessment(std::int64_t id);
  std::expected<std::vector<std::int64_t>, Error> assessment_ids();  // every one, oldest first

  // The decision log's hash chain (assess/decision_log.h): an entry appended in the
  // assessment's transaction (which holds the write lock, so the head cannot move meanwhile),
  // the newest entry, and every entry in position order.
  std::expected<void, Error> append_log_entry(const LogEntry& entry);
  std::expected<std::optional<LogEntry>, Error> log_head();
  std::expected<std::vector<LogEntry>, Error> log_entries();
  std::expected<std::optional<LogEntry>, Error> log_entry_of(std::int64_t assessment);
  // The id of the newest assessment stored before the log began (0: none); nullopt when the
  // origin row is gone.
  std::expected<std::optional<std::int64_t>, Error> log_origin();

 protected:
  using StoreRole::StoreRole;
};

}  // namespace cradle
