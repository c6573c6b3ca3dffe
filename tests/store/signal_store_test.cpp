// Project-health signals in the store, the same suite on both engines: each signal a row that
// reads back equal to the signal parsed, found by its repository, newest observation first, and
// a document kept once.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/signals/scorecard.h"
#include "shared_data.h"
#include "store/scratch_store.h"
#include "store/store.h"

namespace cradle {
namespace {

class SignalStoreTest : public testing::EngineTest {
 protected:
  std::vector<Signal> keep(const std::string& name, const std::string& bytes, bool expect_new = true) {
    SignalParseResult parsed = parse_scorecard(bytes, name);
    EXPECT_TRUE(parsed.accepted()) << name;
    auto kept = in_transaction(*store_, [&]() -> std::expected<bool, Error> {
      auto document = store_->put_document(EvidenceRef{name, "", "OpenSSF Scorecard", "", ""}, bytes);
      if (!document) return std::unexpected(document.error());
      return store_->put_signals(*document, parsed.signals);
    });
    EXPECT_TRUE(kept) << kept.error().message;
    EXPECT_EQ(kept && *kept, expect_new) << name;
    auto stored = store_->document(sha256_hex(bytes));
    EXPECT_TRUE(stored && *stored);
    for (Signal& s : parsed.signals) s.evidence = (*stored)->evidence;
    return parsed.signals;
  }

  std::vector<Signal> about(std::string_view subject) {
    auto found = store_->signals_about(subject);
    EXPECT_TRUE(found) << found.error().message;
    return found ? *found : std::vector<Signal>{};
  }
};

INSTANTIATE_TEST_SUITE_P(Engines, SignalStoreTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(SignalStoreTest, SignalsReadBackByRepositoryNewestFirst) {
  const std::string current = testing::read_file(testing::test_data_dir() / "signals/webapp.scorecard.json");
  std::string older = current;
  older.replace(older.find("2026-11-28T09:15:00Z"), 20, "2026-05-01T00:00:00Z");
  older.replace(older.find("\"score\": 6.4"), 12, "\"score\": 5.5");
  const std::vector<Signal> older_signals = keep("older.json", older);
  const std::vector<Signal> current_signals = keep("current.json", current);
  std::vector<Signal> expected = current_signals;
  expected.insert(expected.end(), older_signals.begin(), older_signals.end());
  EXPECT_EQ(about("github.com/example/webapp"), expected);
  EXPECT_FALSE(about("github.com/example/webapp")[2].score) << "an inconclusive check reads back as no score";
  EXPECT_EQ(about("github.com/example/webapp")[4].score, 5.5);
  EXPECT_TRUE(about("github.com/example/other").empty());
  keep("again.json", current, /*expect_new=*/false);
  EXPECT_EQ(scratch_->query("SELECT COUNT(*) FROM signals"), "8");
}

}  // namespace
}  // namespace cradle
