// `cradle attestations DIGEST | --artifact FILE`: the in-toto statements the store holds about
// an artifact, found by a subject digest (ALGORITHM:VALUE, or a bare SHA-256), with who built it
// where the provenance says so. What is stated, not what is verified: signatures are counted.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "cli/store_access.h"
#include "report/attestation_report.h"
#include "sources/input_file.h"

namespace cradle {
namespace {

struct AttestationsOptions {
  std::string digest;
  std::string artifact;
  std::string db;
  std::string format = "table";
};

int run_attestations(const AttestationsOptions& options) {
  std::string algorithm = "sha256";
  std::string value = options.digest;
  if (!options.artifact.empty()) {
    auto bytes = read_input_file(options.artifact, std::size_t{1} << 34);
    if (!bytes) {
      std::cerr << fmt::format("{}: error: {}\n", options.artifact, bytes.error().message);
      return kExitInput;
    }
    value = sha256_hex(*bytes);
  } else if (auto colon = options.digest.find(':'); colon != std::string::npos) {
    algorithm = options.digest.substr(0, colon);
    value = options.digest.substr(colon + 1);
  }
  if (algorithm.empty() || value.empty()) {
    std::cerr << "cradle: give a digest as ALGORITHM:VALUE (sha256:...) or an artifact with --artifact\n";
    return kExitInput;
  }
  auto store = open_store_or_report(options.db, OpenMode::read_only);
  if (!store) return kExitInput;
  auto found = store->attestations_for_digest(algorithm, value);
  if (!found) {
    std::cerr << "cradle: " << found.error().message << '\n';
    return kExitInput;
  }
  const std::string digest = algorithm + ":" + value;
  if (options.format == "json") {
    std::cout << attestations_json(digest, *found).dump(2) << '\n';
  } else {
    print_table(attestations_table(digest, *found));
  }
  return kExitOk;
}

}  // namespace

void add_attestations_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AttestationsOptions>();
  CLI::App* command = app.add_subcommand(
      "attestations", "In-toto attestations the store holds about an artifact (signatures not verified)");
  auto* digest = command->add_option("digest", options->digest,
                                     "A subject digest: ALGORITHM:VALUE, or a bare SHA-256 in hex");
  auto* artifact = command->add_option("--artifact", options->artifact,
                                       "The artifact itself: its SHA-256 is the digest looked up");
  digest->excludes(artifact);
  command->add_option("--db", options->db, "Store (default: $CRADLE_DB, else .cradle/cradle.db)");
  add_table_json_format(command, options->format);
  command->callback([options, &exit_code] {
    if (options->digest.empty() && options->artifact.empty()) {
      throw CLI::RequiredError("a digest or --artifact");
    }
    exit_code = run_attestations(*options);
  });
}

}  // namespace cradle
