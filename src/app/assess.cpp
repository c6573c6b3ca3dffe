#include "app/assess.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "analysis/sbom_conformance.h"
#include "analysis/stored_sbom_match.h"
#include "analysis/stored_vex.h"
#include "app/log_verification.h"
#include "assess/decision_log.h"
#include "assess/policy_evaluation.h"
#include "formats/sbom_parser.h"
#include "model/ascii.h"
#include "model/sbom_graph.h"
#include "sources/input_file.h"

namespace cradle {
namespace {

// "github.com/o/r" from a URL or path naming a repository on GitHub or GitLab ("https://",
// "git+", "git@github.com:" and ".git" dropped), or empty.
std::string repository_in(std::string_view text) {
  for (std::string_view prefix : {"git+", "https://", "http://", "ssh://", "git://", "git@", "www."}) {
    if (text.starts_with(prefix)) text.remove_prefix(prefix.size());
  }
  for (std::string_view host : {"github.com", "gitlab.com"}) {
    if (!text.starts_with(host) || text.size() <= host.size() || (text[host.size()] != '/' && text[host.size()] != ':')) {
      continue;
    }
    std::string_view rest = text.substr(host.size() + 1);
    const std::size_t owner_end = rest.find('/');
    if (owner_end == std::string_view::npos || owner_end == 0) return {};
    std::string_view name = rest.substr(owner_end + 1);
    name = name.substr(0, name.find_first_of("/#?@"));
    if (name.ends_with(".git")) name.remove_suffix(4);
    if (name.empty()) return {};
    return ascii_lowercase(fmt::format("{}/{}/{}", host, rest.substr(0, owner_end), name));
  }
  return {};
}

}  // namespace

std::string source_repository(const Purl& purl) {
  if (purl.type == "github" && !purl.namespace_.empty() && purl.namespace_.find('/') == std::string::npos) {
    return ascii_lowercase(fmt::format("github.com/{}/{}", purl.namespace_, purl.name));
  }
  if (purl.type == "golang") {
    std::string repository = repository_in(fmt::format("{}/{}", purl.namespace_, purl.name));
    if (!repository.empty()) return repository;
  }
  if (auto vcs = purl.qualifier("vcs_url")) return repository_in(*vcs);
  return {};
}

namespace {

std::unexpected<Error> failure(std::string message) {
  return std::unexpected(Error{ErrorCode::invalid_input, std::move(message), {}});
}

// What the policy weighs, gathered from the store before anything is decided (and outside the
// transaction that keeps the decisions).
struct AssessmentFacts {
  std::vector<FindingFacts> findings;  // by (purl, vulnerability), each once
  struct Licensed {
    std::string purl;
    std::vector<std::string> concluded;
    std::vector<std::string> declared;
  };
  std::vector<Licensed> licensed;  // when the policy has licence rules: each component once
  std::vector<SbomConformance> conformance;
  EvidenceRef sbom;
  std::vector<EcosystemLoad> advisories;  // the loads the matching read
};

std::expected<AssessmentFacts, Error> gather_facts(Store& store, const SbomRecord& sbom, const Policy& policy,
                                                   const FreshnessRule& freshness, AssessmentRun& run) {
  AssessmentFacts facts;
  facts.sbom = sbom.evidence;
  auto statements = stored_vex_statements(store, run.diagnostics);
  if (!statements) return std::unexpected(statements.error());
  auto match = match_stored_sbom(store, sbom, *statements, run.diagnostics);
  if (!match) return std::unexpected(match.error());
  run.coverage = check_coverage(match->coverage, match->results, freshness);
  facts.advisories.assign(match->coverage.loads().begin(), match->coverage.loads().end());

  std::map<std::string, std::optional<Signal>> scorecards;  // by repository
  auto scorecard_of = [&](const Component& component) -> std::expected<std::optional<Signal>, Error> {
    if (!component.purl) return std::nullopt;
    const std::string repository = source_repository(*component.purl);
    if (repository.empty()) return std::nullopt;
    if (auto known = scorecards.find(repository); known != scorecards.end()) return known->second;
    auto signals = store.signals_about(repository);
    if (!signals) return std::unexpected(signals.error());
    // Newest first: the first aggregate with a score is the newest.
    auto newest = std::ranges::find_if(*signals, [](const Signal& s) { return s.name == "aggregate" && s.score; });
    return scorecards[repository] = newest == signals->end() ? std::nullopt : std::optional<Signal>(*newest);
  };

  for (const ComponentResult& result : match->results) {
    const ComponentRecord& row = *match->rows[result.component_index];
    for (const Finding& finding : result.findings) {
      FindingFacts& f = facts.findings.emplace_back();
      f.purl = component_label(row);
      f.vulnerability = finding.ids.front();
      f.ids = finding.ids.list();
      f.verdict = finding.verdict;
      f.rating = finding.rating;
      f.cvss_vector = finding.cvss_vector;
      f.cvss_score = finding.cvss_score;
      if (finding.vex) f.vex_status = finding.vex->status;
      f.nearest_fix = finding.nearest_fix;
      auto scorecard = scorecard_of(match->sbom.components[result.component_index]);
      if (!scorecard) return std::unexpected(scorecard.error());
      f.scorecard = std::move(*scorecard);
      f.evidence.push_back(sbom.evidence);
      std::set<std::string> cited{sbom.evidence.sha256};
      for (const MatchedAdvisory& advisory : finding.matches) {
        if (cited.insert(advisory.evidence->sha256).second) f.evidence.push_back(*advisory.evidence);
      }
      if (finding.vex && cited.insert(finding.vex->evidence.sha256).second) f.evidence.push_back(finding.vex->evidence);
    }
  }
  std::ranges::stable_sort(facts.findings, [](const FindingFacts& a, const FindingFacts& b) {
    return std::tie(a.purl, a.vulnerability) < std::tie(b.purl, b.vulnerability);
  });
  facts.findings.erase(std::unique(facts.findings.begin(), facts.findings.end(),
                                   [](const FindingFacts& a, const FindingFacts& b) {
                                     return a.purl == b.purl && a.vulnerability == b.vulnerability;
                                   }),
                       facts.findings.end());

  // The SBOM read again from its stored bytes, where its rows do not keep what the policy asks:
  // the licences, and the conformance of an SBOM stored before ingest checked it.
  std::optional<SbomParseResult> read_again;
  auto stored_sbom = [&]() -> std::expected<const Sbom*, Error> {
    if (!read_again) {
      auto document = store.document(sbom.evidence.sha256);
      if (!document) return std::unexpected(document.error());
      if (!*document) {
        return failure(fmt::format("the SBOM document of {}@{} is not in the store", sbom.product, sbom.product_version));
      }
      read_again = parse_sbom((*document)->content, sbom.evidence.source);
    }
    if (!read_again->sbom) {
      const Diagnostic* error = first_error(read_again->diagnostics);
      return failure(fmt::format("the stored SBOM of {}@{} no longer reads: {}", sbom.product, sbom.product_version,
                                 error != nullptr ? format_diagnostic(*error) : std::string("no SBOM")));
    }
    return &*read_again->sbom;
  };
  // The licences: once per component, the primary one (the product itself) aside.
  if (!policy.licence_rules.empty()) {
    auto read = stored_sbom();
    if (!read) return std::unexpected(read.error());
    const SbomGraph graph = build_sbom_graph(**read);
    std::set<std::string> labels;
    for (const ComponentRecord* row : match->rows) {
      if (row->node < 0 || static_cast<std::size_t>(row->node) >= graph.nodes.size()) {
        return failure(fmt::format("the stored SBOM of {}@{} reads to {} components, fewer than its rows", sbom.product,
                                   sbom.product_version, graph.nodes.size()));
      }
      if (!labels.insert(component_label(*row)).second) continue;
      const Component& component = *graph.nodes[static_cast<std::size_t>(row->node)];
      facts.licensed.push_back({component_label(*row), component.concluded_licenses, component.declared_licenses});
    }
  }
  facts.conformance = sbom.conformance;
  if (!policy.sbom_rules.empty() && facts.conformance.empty()) {
    auto read = stored_sbom();
    if (!read) return std::unexpected(read.error());
    facts.conformance = check_conformance(**read);
  }
  return facts;
}

// Every decision the policy makes on the facts, in the log's order: the ones that ask the most
// of the manufacturer first (blocks, then deadlines).
void decide_all(const AssessmentFacts& facts, const Policy& policy, const ProductContext& context,
                const std::string& decided_at, Assessment& assessment) {
  for (const FindingFacts& f : facts.findings) assessment.decisions.push_back(decide(policy, context, f, decided_at));
  for (const AssessmentFacts::Licensed& component : facts.licensed) {
    assessment.licence_decisions.push_back(decide_licence_of(policy, context, component.purl, component.concluded,
                                                             component.declared, {facts.sbom}, decided_at));
  }
  if (!policy.sbom_rules.empty()) {
    assessment.sbom_decision = decide_sbom(policy, context, facts.conformance, {facts.sbom}, decided_at);
  }
  std::ranges::stable_sort(assessment.decisions, {}, [](const Decision& d) { return d.outcome; });
  std::ranges::stable_sort(assessment.licence_decisions, [](const Decision& a, const Decision& b) {
    return std::tie(a.outcome, a.purl) < std::tie(b.outcome, b.purl);
  });
}

// The run of an assessment of `sbom` (one of the product's), its facts gathered.
std::expected<std::pair<AssessmentRun, AssessmentFacts>, Error> prepare(Store& store, const StoredProduct& product,
                                                                        const SbomRecord& sbom, const Policy& policy,
                                                                        const std::string& decided_at,
                                                                        const FreshnessRule& freshness) {
  AssessmentRun run;
  run.context = product.product.context;
  run.assessment.product = product.product.name;
  run.assessment.product_version = sbom.product_version;
  run.assessment.sbom_id = sbom.id;
  run.assessment.decided_at = decided_at;
  auto facts = gather_facts(store, sbom, policy, freshness, run);
  if (!facts) return std::unexpected(facts.error());
  return std::pair{std::move(run), std::move(*facts)};
}

}  // namespace

std::expected<AssessmentRun, Error> assess_product_version(Store& store, const ProductVersion& target,
                                                           const Policy& policy, std::string_view policy_bytes,
                                                           const std::string& decided_at,
                                                           const FreshnessRule& freshness) {
  auto product = store.product(target.name);
  if (!product) return std::unexpected(product.error());
  if (!*product) return failure(fmt::format("no product {} in the store", target.name));
  auto sboms = store.product_sboms(target.name);
  if (!sboms) return std::unexpected(sboms.error());
  const SbomRecord* sbom = current_sbom(*sboms, target.version);
  if (sbom == nullptr) {
    return failure(target.version.empty() ? fmt::format("no SBOM of {} in the store", target.name)
                                          : fmt::format("no SBOM of {}@{} in the store", target.name, target.version));
  }
  auto prepared = prepare(store, **product, *sbom, policy, decided_at, freshness);
  if (!prepared) return std::unexpected(prepared.error());
  auto& [run, facts] = *prepared;
  Assessment& assessment = run.assessment;

  auto stored = in_transaction(store, [&]() -> std::expected<void, Error> {
    // Dated by the assessment, not the clock, so that the same inputs and --now give the same log.
    auto document = store.put_document(EvidenceRef{policy.evidence.source, policy.evidence.sha256,
                                                   policy.evidence.kind, decided_at, ""},
                                       policy_bytes);
    if (!document) return std::unexpected(document.error());
    auto kept = store.document(policy.evidence.sha256);
    if (!kept) return std::unexpected(kept.error());
    if (!*kept) return std::unexpected(Error{ErrorCode::io, "the policy document was not kept", {}});
    Policy decided_by = policy;
    decided_by.evidence = (*kept)->evidence;
    assessment.policy = decided_by.evidence;
    decide_all(facts, decided_by, run.context, decided_at, assessment);
    auto id = store.put_assessment((*product)->id, *document, assessment);
    if (!id) return std::unexpected(id.error());
    assessment.id = *id;
    // Chained in the same transaction, which holds the write lock: the head cannot move.
    auto head = store.log_head();
    if (!head) return std::unexpected(head.error());
    return store.append_log_entry(
        next_log_entry(*head, assessment.id, log_snapshot(facts.advisories), log_content(assessment)));
  });
  if (!stored) return std::unexpected(stored.error());
  return std::move(run);
}

std::expected<AssessmentReplay, Error> replay_assessment(Store& store, std::int64_t assessment_id,
                                                         const std::string& now, const FreshnessRule& freshness) {
  AssessmentReplay replay;
  auto then = store.assessment(assessment_id);
  if (!then) return std::unexpected(then.error());
  if (!*then) return failure(fmt::format("no assessment {} in the store (see `cradle decisions`)", assessment_id));
  replay.then = std::move(**then);
  auto logged = check_logged(store, replay.then);
  if (!logged) return std::unexpected(logged.error());
  replay.log_problems = std::move(logged->problems);
  replay.predates_log = logged->predates;

  auto policy_document = store.document(replay.then.policy.sha256);
  if (!policy_document) return std::unexpected(policy_document.error());
  if (!*policy_document) return failure(fmt::format("the policy of assessment {} is not in the store", assessment_id));
  PolicyParseResult parsed = parse_policy_yaml((*policy_document)->content, replay.then.policy.source);
  if (!parsed.policy) return failure(fmt::format("the policy of assessment {} no longer reads", assessment_id));
  parsed.policy->evidence = replay.then.policy;

  auto product = store.product(replay.then.product);
  if (!product) return std::unexpected(product.error());
  auto sboms = store.product_sboms(replay.then.product);
  if (!sboms) return std::unexpected(sboms.error());
  const auto sbom = std::ranges::find(*sboms, replay.then.sbom_id, &SbomRecord::id);
  if (!*product || sbom == sboms->end()) {
    return failure(fmt::format("the SBOM assessment {} decided on is no longer in the store", assessment_id));
  }
  auto prepared = prepare(store, **product, *sbom, *parsed.policy, now, freshness);
  if (!prepared) return std::unexpected(prepared.error());
  auto& [run, facts] = *prepared;
  run.assessment.policy = replay.then.policy;
  decide_all(facts, *parsed.policy, run.context, now, run.assessment);
  replay.changes = compare_decisions(replay.then, run.assessment);

  if (const std::optional<LogEntry>& entry = logged->entry) {
    auto loads = read_log_snapshot(entry->snapshot);
    if (!loads) return failure(fmt::format("the log entry of assessment {} holds no readable snapshot", assessment_id));
    replay.advisories = compare_advisory_loads(*loads, facts.advisories);
  }
  replay.now = std::move(run);
  return replay;
}

PolicyLoad load_policy(const std::string& path) {
  PolicyLoad out;
  const std::string source = path.empty() ? "cradle built-in policy" : path;
  if (path.empty()) {
    out.bytes = std::string(default_policy_yaml());
  } else {
    auto read = read_input_file(path, ParseLimits{}.max_bytes);
    if (!read) {
      out.parsed.diagnostics.push_back(Diagnostic{Severity::error, path, {}, read.error().message});
      return out;
    }
    out.bytes = std::move(*read);
  }
  out.parsed = parse_policy_yaml(out.bytes, source);
  if (out.parsed.policy) out.parsed.policy->evidence.source = source;
  return out;
}

AssessVerdict assess_verdict(const AssessmentRun& run, bool allow_coverage_gaps) {
  if (has_errors(run.diagnostics)) return AssessVerdict::inputs_failed;
  auto blocks = [](const Decision& d) { return d.outcome == DecisionOutcome::block; };
  if (std::ranges::any_of(run.assessment.decisions, blocks) ||
      std::ranges::any_of(run.assessment.licence_decisions, blocks) ||
      (run.assessment.sbom_decision && blocks(*run.assessment.sbom_decision))) {
    return AssessVerdict::blocked;
  }
  if (run.coverage.has_gaps() && !allow_coverage_gaps) return AssessVerdict::coverage_gaps;
  return AssessVerdict::ok;
}

}  // namespace cradle
