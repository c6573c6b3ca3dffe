// The exit codes every `cradle` command uses (DESIGN.md).
//
// Threads: constants.
#pragma once

namespace cradle {

enum ExitCode : int {
  kExitOk = 0,
  kExitPolicy = 1,  // a policy or --fail-on threshold was met
  kExitInput = 2,   // usage or input error
  kExitInternal = 3,
  // The answer has a coverage gap (analysis/coverage_check.h): a component's ecosystem had no
  // advisories loaded, or its data is stale or incomplete; --allow-coverage-gaps accepts it.
  // Likewise `csaf check`: nothing failed, but a test could not tell.
  kExitCoverage = 4,
  // The command failed while another writer held the store's lock beyond --lock-timeout: try
  // again later (store/lock_wait.h). Whatever failed then exits 5 rather than 2 or 3.
  kExitBusy = 5,
};

}  // namespace cradle
