// Waiting for another writer: how long a statement waits for a lock before it gives up, who
// holds the lock it waited for, and whether a wait ran out in this process (the command line
// says so with an exit code of its own, cli/exit_code.h).
//
// Threads: lock_wait_ran_out() and note_lock_wait_ran_out() may be called from any thread;
// lock_holder() is a plain function of the file system's state.
#pragma once

#include <chrono>
#include <string>

namespace cradle {

struct StoreOptions {
  // How long a write waits for another writer's lock (SQLite's busy timeout, PostgreSQL's
  // lock_timeout) before it fails with ErrorCode::busy.
  std::chrono::milliseconds lock_timeout{std::chrono::minutes(5)};
};

// Who holds the write lock of a SQLite store (its WAL write lock, else a write lock on the file):
// "process 1234 (cradle ingest big.json)", read from /proc/locks; empty when no other process
// is seen to hold one (or /proc is not there).
std::string sqlite_lock_holder(const std::string& path);

// The command line of a process (its arguments joined by spaces, at most 120 characters, shown
// escaped), from /proc; empty when it cannot be read.
std::string process_command(long pid);

// Whether a lock wait ran out in this process.
bool lock_wait_ran_out();
void note_lock_wait_ran_out();

}  // namespace cradle
