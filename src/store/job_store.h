// JobStore: one role of the evidence store (store/store.h). The job queue of `cradle worker`
// (app/jobs.h).
//
// Threads: as the Store it belongs to (one thread at a time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "model/error.h"
#include "store/store_role.h"

namespace cradle {

// A unit of work for `cradle worker`: its kind (e.g. "advisory-update") and what it works on.
struct Job {
  std::int64_t id = 0;
  std::string kind;
  std::string payload;
  int attempts = 0;  // claims so far, this one included
};

struct JobCounts {
  std::size_t queued = 0;
  std::size_t running = 0;
  std::size_t done = 0;
  std::size_t failed = 0;
};

class JobStore : protected StoreRole {
 public:
  // The job queue. claim_job() hands the oldest queued job to one worker only: on PostgreSQL
  // with SELECT ... FOR UPDATE SKIP LOCKED, so that many workers claim without waiting for each
  // other; on SQLite under its single-writer lock. A claim is its own transaction. A job still
  // `running` whose claim is older than `stale_before` (RFC 3339 UTC; empty: never) counts as
  // abandoned by a dead worker and is claimed again (its attempts say so).
  std::expected<std::int64_t, Error> enqueue_job(std::string_view kind, std::string_view payload);
  std::expected<std::optional<Job>, Error> claim_job(std::string_view worker,
                                                     std::string_view stale_before = {});
  // `outcome`: a failed job's structured outcome (JSON), kept beside its result line; empty:
  // none (NULL).
  std::expected<void, Error> finish_job(std::int64_t id, bool succeeded, std::string_view result,
                                        std::string_view outcome = {});
  std::expected<JobCounts, Error> job_counts();

 protected:
  using StoreRole::StoreRole;
};

}  // namespace cradle
