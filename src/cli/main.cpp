#include <fmt/format.h>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/allocator.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/unknown_command.h"
#include "store/lock_wait.h"

int main(int argc, char** argv) {
  CLI::App app{"cradle: software supply-chain due diligence for the EU Cyber Resilience Act"};
  app.require_subcommand(1);
  app.set_version_flag("--version", [] {
    return fmt::format("cradle 0.1.0 (allocator: {})", cradle::allocator_in_use());
  });
  int exit_code = cradle::kExitOk;
  cradle::add_sbom_command(app, exit_code);
  cradle::add_purl_command(app, exit_code);
  cradle::add_version_command(app, exit_code);
  cradle::add_scan_command(app, exit_code);
  cradle::add_db_command(app, exit_code);
  cradle::add_worker_command(app, exit_code);
  cradle::add_ingest_command(app, exit_code);
  cradle::add_product_command(app, exit_code);
  cradle::add_why_command(app, exit_code);
  cradle::add_affected_command(app, exit_code);
  cradle::add_diff_command(app, exit_code);
  cradle::add_events_command(app, exit_code);
  cradle::add_reevaluate_command(app, exit_code);
  cradle::add_attestations_command(app, exit_code);
  cradle::add_signals_command(app, exit_code);
  cradle::add_assess_command(app, exit_code);  // and `decisions`
  cradle::add_csaf_command(app, exit_code);
  cradle::add_licence_command(app, exit_code);
  cradle::add_log_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // A word where a command belongs that names none: said with the closest command.
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (auto unknown = cradle::unknown_command_message(app, args); unknown && e.get_exit_code() != 0) {
      std::cerr << "cradle: " << *unknown << '\n';
      return cradle::kExitInput;
    }
    int code = app.exit(e);
    return code == 0 ? cradle::kExitOk : cradle::kExitInput;
  } catch (const std::exception& e) {
    std::cerr << fmt::format("cradle: internal error: {}\n", e.what());
    return cradle::kExitInternal;
  }
  if ((exit_code == cradle::kExitInput || exit_code == cradle::kExitInternal) &&
      cradle::lock_wait_ran_out()) {
    return cradle::kExitBusy;
  }
  return exit_code;
}
