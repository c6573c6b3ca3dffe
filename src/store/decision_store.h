// DecisionStore: one role of the evidence store (store/store.h). The decision log: assessments of
// product versions and their decisions.
//
// Threads: as the Store it belongs to (one thread at a time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
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

 protected:
  using StoreRole::StoreRole;
};

}  // namespace cradle
