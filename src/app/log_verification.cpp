#include "app/log_verification.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace cradle {

namespace {

// The store's assessment against the content its entry logged.
void compare(const LogEntry& entry, const Assessment& stored, std::vector<LogProblem>& out) {
  for (std::string& difference : log_content_differences(entry.content, log_content(stored))) {
    out.push_back(LogProblem{entry.position, entry.assessment, std::move(difference)});
  }
}

LogProblem not_logged(const Assessment& stored) {
  return LogProblem{0, stored.id,
                    fmt::format("the assessment of {}@{} at {} is in the store, not in the log: it was added or its "
                                "entry deleted",
                                stored.product, stored.product_version, stored.decided_at)};
}

}  // namespace

std::expected<LoggedCheck, Error> check_logged(DecisionStore& store, const Assessment& stored) {
  LoggedCheck out;
  auto entry = store.log_entry_of(stored.id);
  if (!entry) return std::unexpected(entry.error());
  if (!*entry) {
    auto origin = store.log_origin();
    if (!origin) return std::unexpected(origin.error());
    out.predates = *origin && stored.id <= **origin;
    if (!out.predates) out.problems.push_back(not_logged(stored));
    return out;
  }
  out.entry = std::move(*entry);
  if (log_entry_hash(*out.entry) != out.entry->hash) {
    out.problems.push_back(LogProblem{out.entry->position, out.entry->assessment, "its log entry was edited"});
  }
  compare(*out.entry, stored, out.problems);
  return out;
}

std::expected<LogVerification, Error> verify_decision_log(DecisionStore& store, std::string_view product) {
  LogVerification out;
  auto entries = store.log_entries();
  if (!entries) return std::unexpected(entries.error());
  out.entries = entries->size();
  if (!entries->empty()) out.head = entries->back();
  out.problems = verify_log_chain(*entries);

  std::set<std::int64_t> logged;
  for (const LogEntry& entry : *entries) {
    logged.insert(entry.assessment);
    if (!product.empty() && log_entry_product(entry.content) != product) continue;
    ++out.compared;
    auto stored = store.assessment(entry.assessment);
    if (!stored) return std::unexpected(stored.error());
    if (!*stored) {
      out.problems.push_back(LogProblem{entry.position, entry.assessment,
                                        "the assessment is in the log, not in the store: it was deleted"});
      continue;
    }
    compare(entry, **stored, out.problems);
  }

  auto origin = store.log_origin();
  if (!origin) return std::unexpected(origin.error());
  if (!*origin) out.problems.push_back(LogProblem{0, 0, "the log's origin (which assessments predate it) is gone"});
  auto ids = store.assessment_ids();
  if (!ids) return std::unexpected(ids.error());
  const std::int64_t predating = origin->value_or(0);
  for (std::int64_t id : *ids) {
    if (logged.contains(id)) continue;
    auto stored = store.assessment(id);
    if (!stored) return std::unexpected(stored.error());
    if (!*stored || (!product.empty() && (*stored)->product != product)) continue;
    if (id <= predating) {
      out.unverifiable.push_back(id);
    } else {
      out.problems.push_back(not_logged(**stored));
    }
  }
  std::ranges::stable_sort(out.problems, {}, [](const LogProblem& p) { return p.position == 0 ? INT64_MAX : p.position; });
  return out;
}

LogVerification verify_exported_log(std::string_view bytes, std::string_view file) {
  LogVerification out;
  std::vector<LogEntry> entries;
  int line_number = 0;
  while (!bytes.empty()) {
    ++line_number;
    const std::size_t end = bytes.find('\n');
    std::string_view line = bytes.substr(0, end);
    bytes = end == std::string_view::npos ? std::string_view() : bytes.substr(end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.empty()) continue;
    std::string error;
    if (auto entry = read_log_export_line(line, error)) {
      entries.push_back(std::move(*entry));
    } else {
      out.diagnostics.push_back(Diagnostic{Severity::error, std::string(file), SourceLocation{line_number, 1, {}},
                                           fmt::format("not an entry of an exported decision log: {}", error)});
    }
  }
  out.entries = entries.size();
  if (!entries.empty()) out.head = entries.back();
  out.problems = verify_log_chain(entries);
  return out;
}

}  // namespace cradle
