// VEX statements in the store, the same suite on both engines: each statement a row that reads
// back equal to the statement parsed from its document, lookups by the ids documents name, the
// documents kept before statements had rows read from their bytes, and damaged rows refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/stored_vex.h"
#include "formats/vex/vex_document.h"
#include "shared_data.h"
#include "store/scratch_store.h"
#include "store/store.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;


// One VEX document of each format, with statements naming products by purl, by bom-ref, with
// subcomponents, versions, aliases, justifications and impact statements between them.
const std::vector<fs::path> kDocuments{
    testing::project_root() / "examples/webapp.openvex.json",
    testing::project_root() / "tests/data/vex/cyclonedx/standalone.cdx.json",
    testing::project_root() / "tests/data/vex/cyclonedx/embedded.cdx.json",
    testing::project_root() / "tests/data/vex/csaf/vex.csaf.json",
};

class VexStoreTest : public testing::EngineTest {
 protected:
  // Keeps the document as `cradle ingest` does and returns its statements as parsed, with the
  // evidence a statement read back from the store carries.
  std::vector<VexStatement> keep(const fs::path& file) {
    const std::string bytes = testing::read_file(file);
    VexParseResult parsed = parse_vex(bytes, file.string());
    EXPECT_TRUE(parsed.accepted()) << file;
    EXPECT_FALSE(parsed.statements.empty()) << file;
    EvidenceRef evidence{file.string(), "", parsed.statements.front().evidence.kind, "", ""};
    auto kept = in_transaction(*store_, [&]() -> std::expected<bool, Error> {
      auto document = store_->put_document(evidence, bytes);
      if (!document) return std::unexpected(document.error());
      return store_->put_vex_document(*document, parsed.statements);
    });
    EXPECT_TRUE(kept && *kept) << file;
    auto stored = store_->document(sha256_hex(bytes));
    EXPECT_TRUE(stored && *stored);
    for (VexStatement& statement : parsed.statements) {
      statement.evidence.source = (*stored)->evidence.source;
      statement.evidence.ingested_at = (*stored)->evidence.ingested_at;
    }
    return parsed.statements;
  }

  std::vector<VexStatement> read(std::vector<std::string> naming) {
    auto statements = store_->vex_statements(naming);
    EXPECT_TRUE(statements) << statements.error().message;
    return statements ? *statements : std::vector<VexStatement>{};
  }
};

INSTANTIATE_TEST_SUITE_P(Engines, VexStoreTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(VexStoreTest, EachStatementIsARowThatReadsBackAsParsed) {
  std::vector<VexStatement> expected;
  for (const fs::path& file : kDocuments) {
    std::vector<VexStatement> statements = keep(file);
    expected.insert(expected.end(), statements.begin(), statements.end());
  }
  const std::vector<VexStatement> stored = read({});
  ASSERT_EQ(stored.size(), expected.size());
  for (std::size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(stored[i], expected[i]) << "statement " << i << " (" << expected[i].vulnerability
                                      << " of " << expected[i].evidence.source << ")";
  }
  EXPECT_EQ(scratch_->query("SELECT COUNT(*) FROM vex_statements"),
            std::to_string(expected.size()));
  // The same document again is kept once, its statements too.
  const std::string bytes = testing::read_file(kDocuments.front());
  auto again = in_transaction(*store_, [&]() -> std::expected<bool, Error> {
    auto document = store_->put_document(EvidenceRef{"again.json", "", "OpenVEX", "", ""}, bytes);
    if (!document) return std::unexpected(document.error());
    return store_->put_vex_document(*document, parse_vex(bytes, "again.json").statements);
  });
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  EXPECT_EQ(read({}).size(), expected.size());
}

TEST_P(VexStoreTest, NamingAnIdOrAnAliasSelectsTheDocumentsThatNameIt) {
  const std::vector<VexStatement> openvex = keep(kDocuments[0]);
  const std::vector<VexStatement> csaf = keep(kDocuments[3]);
  ASSERT_FALSE(openvex.front().aliases.empty());
  // An alias of the OpenVEX document's first statement: all that document's statements.
  EXPECT_EQ(read({openvex.front().aliases.front()}), openvex);
  EXPECT_EQ(read({csaf.front().vulnerability}), csaf);
  EXPECT_TRUE(read({"CVE-0000-0000"}).empty());
  std::vector<VexStatement> both = openvex;
  both.insert(both.end(), csaf.begin(), csaf.end());
  EXPECT_EQ(read({csaf.front().vulnerability, openvex.front().vulnerability}), both);
}

TEST_P(VexStoreTest, DocumentsKeptBeforeStatementRowsAreReadFromTheirBytes) {
  const std::vector<VexStatement> expected = keep(kDocuments[1]);
  // A store migrated from version 5 has the document and its index, but no statement rows.
  ASSERT_TRUE(scratch_->execute("DELETE FROM vex_statements"));
  EXPECT_TRUE(read({}).empty());
  auto documents = store_->vex_documents_without_rows({});
  ASSERT_TRUE(documents);
  ASSERT_EQ(documents->size(), 1u);
  std::vector<Diagnostic> diagnostics;
  auto statements = stored_vex_statements(*store_, diagnostics);
  ASSERT_TRUE(statements) << statements.error().message;
  EXPECT_EQ(*statements, expected);
  // The document's own warnings come with them, as when it was ingested.
  const VexParseResult parsed =
      parse_vex(testing::read_file(kDocuments[1]), kDocuments[1].string());
  ASSERT_EQ(diagnostics.size(), parsed.diagnostics.size());
  for (std::size_t i = 0; i < diagnostics.size(); ++i)
    EXPECT_EQ(format_diagnostic(diagnostics[i]), format_diagnostic(parsed.diagnostics[i]));
  auto unnamed = store_->vex_documents_without_rows(std::vector<std::string>{"CVE-0000-0000"});
  ASSERT_TRUE(unnamed);
  EXPECT_TRUE(unnamed->empty());
}

TEST_P(VexStoreTest, ADamagedRowIsAnErrorNamingItsDocument) {
  keep(kDocuments[0]);
  const std::string sha256 = sha256_hex(testing::read_file(kDocuments[0]));
  ASSERT_TRUE(
      scratch_->execute("UPDATE vex_statements SET products = '[{\"id\": 1}]' WHERE position = 0"));
  auto statements = store_->vex_statements({});
  ASSERT_FALSE(statements);
  EXPECT_NE(statements.error().message.find(sha256), std::string::npos)
      << statements.error().message;
  EXPECT_NE(statements.error().message.find("products"), std::string::npos);
  ASSERT_TRUE(scratch_->execute("UPDATE vex_statements SET products = '[]', aliases = 'CVE-1'"));
  statements = store_->vex_statements({});
  ASSERT_FALSE(statements);
  EXPECT_NE(statements.error().message.find("aliases"), std::string::npos);
}

}  // namespace
}  // namespace cradle
