// The work `cradle worker` does: jobs claimed from the store's queue, run, and marked done or
// failed with a one-line result. Kinds:
//   advisory-update  payload: a directory, file, zip or URL of OSV records (`cradle db update`).
//   ingest           payload: {"sha256", "source", "product"}: a document already kept in the
//                    store, ingested as `cradle ingest` would (`cradle ingest --queue`).
// Several workers over one PostgreSQL database each claim different jobs (SKIP LOCKED).
//
// Threads: one worker loop per store; several worker processes share a PostgreSQL store.
#pragma once

#include <chrono>
#include <cstddef>
#include <expected>
#include <functional>
#include <string>
#include <string_view>

#include "model/error.h"
#include "store/store.h"

namespace cradle {

inline constexpr std::string_view kAdvisoryUpdateJob = "advisory-update";
inline constexpr std::string_view kIngestJob = "ingest";

// The payload of an ingest job.
std::string ingest_job_payload(std::string_view sha256, std::string_view source, std::string_view product);

// What a job did: one line for the worker's log and the jobs table, and for a job that failed,
// its whole outcome as JSON (report/ingest_report.h: every problem with its location), kept in
// the jobs table beside the line.
struct JobResult {
  bool succeeded = false;
  std::string line;
  std::string outcome;  // empty when the job succeeded, or failed before it read anything
};

// Called now and then during an advisory-update job with the records read so far and their
// total when known (0 otherwise): the worker's progress line.
using JobProgress = std::function<void(std::size_t done, std::size_t total)>;

// Runs one job against the store. An advisory update is followed by the re-evaluation of the
// product versions it touches, as `cradle db update` does; an ingest job ingests as
// `cradle ingest` does (app/ingest.h).
JobResult run_job(Store& store, const Job& job, const JobProgress& progress = {});

struct WorkerOptions {
  std::string name;             // recorded as claimed_by
  bool exit_when_idle = false;  // return when the queue is empty instead of polling
  double poll_seconds = 1.0;    // wait between polls of an empty queue
  // A job claimed longer ago than this and still running was abandoned (its worker died) and
  // is run again; 0: never. Jobs are then run at least once, not exactly once.
  double lease_seconds = 0.0;
  // Called when a job is claimed, before it runs.
  std::function<void(const Job&)> on_started;
  // Called after each job with what it did.
  std::function<void(const Job&, const JobResult&)> on_finished;
  // Called after each job and after each poll that found the queue empty (webhook deliveries).
  std::function<void()> between_jobs;
  // Called when the store is locked by another writer beyond the lock timeout (ErrorCode::busy),
  // before the worker waits `pause` and tries again.
  std::function<void(const Error&, std::chrono::seconds pause)> on_waiting;
  JobProgress progress;
};

// The claim time before which a claim (of a job, of a delivery) taken by whoever still holds it
// counts as abandoned: now - lease_seconds, RFC 3339 UTC; empty (never) when lease_seconds <= 0.
std::string lease_cutoff(const Clock& clock, double lease_seconds);

struct WorkerReport {
  std::size_t done = 0;
  std::size_t failed = 0;
};

// Claims and runs jobs until the queue is empty (exit_when_idle) or forever. A store locked by
// another writer is waited for (on_waiting says so), with back-off; any other store error ends
// the loop with that error.
std::expected<WorkerReport, Error> work(Store& store, const WorkerOptions& options);

}  // namespace cradle
