// `cradle assess PRODUCT[@VERSION] [--policy FILE]` (or `--replay ID`, below): decides every finding of the product
// version's current SBOM by a policy (the built-in one unless --policy names a file), prints the
// decisions and keeps them in the store's decision log. Exit 1 when a decision blocks.
// `cradle decisions PRODUCT[@VERSION]`: the decision log, newest assessment first, each checked
// against its entry in the log's hash chain (exit 2, saying what differs, when one does not match).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>

#include "app/assess.h"
#include "app/log_verification.h"
#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "model/display_text.h"
#include "model/date_time.h"
#include "report/assessment_report.h"
#include "report/scan_report.h"

namespace cradle {
namespace {

struct AssessOptions {
  std::string product;
  std::string policy;  // empty: the built-in policy
  std::string now;     // empty: the clock
  std::string db;
  std::string format = "table";
  std::string max_advisory_age = "7d";
  bool allow_coverage_gaps = false;
  std::int64_t replay = 0;  // an assessment to decide again, nothing stored
};

struct DecisionsOptions {
  std::string product;
  std::size_t limit = 1;
  std::string db;
  std::string format = "table";
};

int run_replay(const AssessOptions& options) {
  auto store = open_store_or_report(options.db, OpenMode::read_only);
  if (!store) return kExitInput;
  if (auto at = parse_rfc3339(options.now)) store->set_clock(Clock::fixed(*at));
  const std::string now = options.now.empty() ? store->clock().now_text() : options.now;
  auto replay = replay_assessment(*store, options.replay, now, freshness_rule(options.max_advisory_age));
  if (!replay) {
    std::cerr << "cradle: " << replay.error().message << '\n';
    return kExitInput;
  }
  for (const Diagnostic& d : replay->now.diagnostics) std::cerr << format_diagnostic(d) << '\n';
  if (options.format == "json") {
    nlohmann::ordered_json out = replay_json(replay->then, now, replay->predates_log, replay->log_problems,
                                             replay->advisories, replay->changes);
    out["coverage"] = coverage_json(replay->now.coverage);
    std::cout << out.dump(2) << '\n';
  } else {
    print_table(replay_table(replay->then, now, replay->predates_log, replay->log_problems, replay->advisories,
                             replay->changes) +
                coverage_lines(replay->now.coverage));
  }
  if (!replay->log_problems.empty() || has_errors(replay->now.diagnostics)) return kExitInput;
  return kExitOk;
}

int run_assess(const AssessOptions& options) {
  if (options.replay > 0) return run_replay(options);
  if (options.product.empty()) {
    std::cerr << "cradle: assess: a product (NAME or NAME@VERSION) or --replay ASSESSMENT_ID is required\n";
    return kExitInput;
  }
  PolicyLoad policy = load_policy(options.policy);
  for (const Diagnostic& d : policy.parsed.diagnostics) std::cerr << format_diagnostic(d) << '\n';
  if (!policy.parsed.accepted()) return kExitInput;

  auto store = open_store_or_report(options.db, OpenMode::read_write);
  if (!store) return kExitInput;
  // --now dates the decisions and stamps what the assessment stores (its policy document).
  if (auto at = parse_rfc3339(options.now)) store->set_clock(Clock::fixed(*at));
  const std::string now = options.now.empty() ? store->clock().now_text() : options.now;
  auto run = assess_product_version(*store, parse_product_version(options.product),
                                    *policy.parsed.policy, policy.bytes, now,
                                    freshness_rule(options.max_advisory_age));
  if (!run) {
    std::cerr << "cradle: " << run.error().message << '\n';
    return kExitInput;
  }
  for (const Diagnostic& d : run->diagnostics) std::cerr << format_diagnostic(d) << '\n';
  if (options.format == "json") {
    nlohmann::ordered_json out = assessment_json(run->assessment);
    out["coverage"] = coverage_json(run->coverage);
    std::cout << out.dump(2) << '\n';
  } else {
    print_table(assessment_table(run->assessment) + coverage_lines(run->coverage));
  }
  switch (assess_verdict(*run, options.allow_coverage_gaps)) {
    case AssessVerdict::inputs_failed: return kExitInput;
    case AssessVerdict::blocked: return kExitPolicy;
    case AssessVerdict::coverage_gaps: return kExitCoverage;
    case AssessVerdict::ok: break;
  }
  return kExitOk;
}

int run_decisions(const DecisionsOptions& options) {
  auto store = open_store_or_report(options.db, OpenMode::read_only);
  if (!store) return kExitInput;
  const ProductVersion wanted = parse_product_version(options.product);
  // A product or version the store does not have is an error, as for `assess`: "no assessments"
  // would read as if it had been looked at.
  auto product = store->product(wanted.name);
  auto sboms = store->product_sboms(wanted.name);
  if (!product || !sboms) {
    std::cerr << "cradle: " << (!product ? product.error() : sboms.error()).message << '\n';
    return kExitInput;
  }
  if (!*product) {
    std::cerr << fmt::format("cradle: no product {} in the store (see `cradle product list`)\n", Shown{wanted.name});
    return kExitInput;
  }
  if (!wanted.version.empty() &&
      std::ranges::none_of(*sboms, [&](const SbomRecord& s) { return s.product_version == wanted.version; })) {
    std::cerr << fmt::format("cradle: no SBOM of {}@{} in the store (see `cradle history --product {}`)\n",
                             wanted.name, wanted.version, wanted.name);
    return kExitInput;
  }
  auto found = store->assessments(wanted.name, wanted.version, options.limit);
  if (!found) {
    std::cerr << "cradle: " << found.error().message << '\n';
    return kExitInput;
  }
  // Each assessment shown is checked against its entry in the decision log: a row edited by hand
  // is said, not shown as if it were what was decided.
  bool tampered = false;
  for (const Assessment& assessment : *found) {
    auto checked = check_logged(*store, assessment);
    if (!checked) {
      std::cerr << "cradle: " << checked.error().message << '\n';
      return kExitInput;
    }
    for (const LogProblem& problem : checked->problems) {
      std::cerr << fmt::format("cradle: error: assessment {} does not match the decision log: {} (see `cradle log "
                               "verify`)\n",
                               assessment.id, Shown{problem.what});
      tampered = true;
    }
  }
  if (options.format == "json") {
    std::cout << decisions_json(*found).dump(2) << '\n';
  } else if (found->empty()) {
    std::cout << fmt::format("{}: no assessments (see `cradle assess`)\n", options.product);
  } else {
    for (std::size_t i = 0; i < found->size(); ++i) {
      if (i > 0) std::cout << '\n';
      print_table(assessment_table((*found)[i]));
    }
  }
  return tampered ? kExitInput : kExitOk;
}

}  // namespace

void add_assess_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AssessOptions>();
  CLI::App* assess = app.add_subcommand(
      "assess", "Decide every finding of a product version by a policy, and keep the decisions (exit 1 on a block)");
  CLI::Option* product =
      assess->add_option("product", options->product, "NAME or NAME@VERSION (default: the version ingested last)");
  CLI::Option* replay = assess->add_option(
      "--replay", options->replay,
      "Decide a past assessment again from its recorded inputs (its SBOM and policy) on today's advisories, VEX and "
      "signals, store nothing, and show what would change and why");
  replay->check(CLI::PositiveNumber)->excludes(product);
  assess->add_option("--policy", options->policy, "Policy file (YAML, cradle-policy: 1); default: the built-in one")
      ->excludes(replay);
  assess->add_option("--now", options->now, "The time the decisions are dated (RFC 3339; default: the clock)")
      ->check([](const std::string& text) {
        return is_rfc3339_date_time(text) ? std::string() : std::string("not an RFC 3339 date-time");
      });
  add_table_json_format(assess, options->format);
  add_store_option(assess, options->db);
  add_lock_timeout_option(assess);
  add_coverage_options(assess, options->max_advisory_age, &options->allow_coverage_gaps);
  assess->callback([options, &exit_code] { exit_code = run_assess(*options); });

  auto listed = std::make_shared<DecisionsOptions>();
  CLI::App* decisions = app.add_subcommand("decisions", "The decision log of a product: its assessments, newest first");
  decisions->add_option("product", listed->product, "NAME or NAME@VERSION (default: every version)")->required();
  decisions->add_option("--limit", listed->limit, "How many assessments")->capture_default_str();
  add_table_json_format(decisions, listed->format);
  add_store_option(decisions, listed->db);
  decisions->callback([listed, &exit_code] { exit_code = run_decisions(*listed); });
}

}  // namespace cradle
