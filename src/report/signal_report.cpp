#include "report/signal_report.h"

#include <fmt/format.h>

#include <iterator>

#include "model/display_text.h"
#include "report/scan_report.h"

namespace cradle {

nlohmann::ordered_json signals_json(std::string_view subject, std::span<const Signal> signals) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Signal& s : signals) {
    list.push_back({{"source", s.source},
                    {"source_version", s.source_version},
                    {"name", s.name},
                    {"score", s.score ? nlohmann::ordered_json(*s.score) : nlohmann::ordered_json(nullptr)},
                    {"reason", s.reason},
                    {"observed_at", s.observed_at},
                    {"revision", s.revision},
                    {"evidence", evidence_json(s.evidence)}});
  }
  return {{"subject", subject}, {"signals", list}};
}

std::string signals_table(std::string_view subject, std::span<const Signal> signals) {
  if (signals.empty()) return fmt::format("{}: no signals\n", subject);
  std::string out = fmt::format("{}: {} signal{} (as their sources state them)\n", subject, signals.size(),
                                signals.size() == 1 ? "" : "s");
  std::string_view document;
  for (const Signal& s : signals) {
    if (s.evidence.sha256 != document) {
      document = s.evidence.sha256;
      fmt::format_to(std::back_inserter(out), "  {} {} on {}{} ({})\n", Shown{s.source},
                     Shown{s.source_version}, Shown{s.observed_at},
                     s.revision.empty() ? "" : fmt::format(" at {}", Shown{s.revision}),
                     Shown{s.evidence.source});
    }
    fmt::format_to(std::back_inserter(out), "    {:<24} {:>4}{}{}\n", Shown{s.name},
                   s.score ? fmt::format("{:g}", *s.score) : std::string("?"),
                   s.reason.empty() ? "" : "  ", Shown{s.reason});
  }
  return out;
}

}  // namespace cradle
