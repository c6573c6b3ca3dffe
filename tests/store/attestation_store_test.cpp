// in-toto attestations in the store, the same suite on both engines: each statement a row that
// reads back equal to the statement parsed from its document, found by any of its subjects'
// digests, and a document kept once.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>
#include <vector>

#include "formats/attestation/intoto_attestation.h"
#include "store/scratch_store.h"
#include "store/store.h"

namespace cradle {
namespace {

std::string envelope(std::string_view statement) {
  std::string payload(4 * ((statement.size() + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(payload.data()),
                  reinterpret_cast<const unsigned char*>(statement.data()), static_cast<int>(statement.size()));
  return R"({"payloadType":"application/vnd.in-toto+json","payload":")" + payload +
         R"(","signatures":[{"sig":"YQ=="},{"sig":"Yg=="}]})";
}

std::string statement(std::string_view subjects, std::string_view predicate_type = "https://slsa.dev/provenance/v0.2") {
  return std::string(R"({"_type":"https://in-toto.io/Statement/v0.1","predicateType":")") +
         std::string(predicate_type) + R"(","subject":)" + std::string(subjects) +
         R"(,"predicate":{"builder":{"id":"https://example.org/ci"},"buildType":"make",)"
         R"("metadata":{"buildFinishedOn":"2026-03-04T05:06:07Z"}}})";
}

constexpr std::string_view kApp = R"({"name":"app","digest":{"sha256":"aa11","sha512":"bb22"}})";
constexpr std::string_view kLib = R"({"name":"lib.so","digest":{"sha256":"cc33"}})";

class AttestationStoreTest : public testing::EngineTest {
 protected:
  // Keeps the document as `cradle ingest` does; returns its statements as parsed, with the
  // evidence a statement read back from the store carries.
  std::vector<Attestation> keep(const std::string& name, const std::string& bytes, bool expect_new = true) {
    AttestationParseResult parsed = parse_attestations(bytes, name);
    EXPECT_TRUE(parsed.accepted()) << name;
    auto kept = in_transaction(*store_, [&]() -> std::expected<bool, Error> {
      auto document = store_->put_document(EvidenceRef{name, "", "in-toto attestation", "", ""}, bytes);
      if (!document) return std::unexpected(document.error());
      return store_->put_attestations(*document, parsed.attestations);
    });
    EXPECT_TRUE(kept) << kept.error().message;
    EXPECT_EQ(kept && *kept, expect_new) << name;
    auto stored = store_->document(sha256_hex(bytes));
    EXPECT_TRUE(stored && *stored);
    for (Attestation& a : parsed.attestations) a.evidence = (*stored)->evidence;
    return parsed.attestations;
  }

  std::vector<Attestation> about(std::string_view algorithm, std::string_view digest) {
    auto found = store_->attestations_for_digest(algorithm, digest);
    EXPECT_TRUE(found) << found.error().message;
    return found ? *found : std::vector<Attestation>{};
  }
};

INSTANTIATE_TEST_SUITE_P(Engines, AttestationStoreTest,
                         ::testing::Values(testing::Engine::sqlite, testing::Engine::postgresql),
                         testing::engine_name);

TEST_P(AttestationStoreTest, StatementsAreFoundByAnyDigestOfTheirSubjects) {
  // JSON Lines of two envelopes: one about the app, one about the app and the library.
  const std::string lines = envelope(statement(std::string("[") + std::string(kApp) + "]")) + "\n" +
                            envelope(statement(std::string("[") + std::string(kApp) + "," +
                                               std::string(kLib) + "]")) +
                            "\n";
  const std::vector<Attestation> first = keep("build.intoto.jsonl", lines);
  ASSERT_EQ(first.size(), 2u);
  // A bare SBOM statement about the library.
  const std::vector<Attestation> second =
      keep("sbom.json", statement(std::string("[") + std::string(kLib) + "]", "https://spdx.dev/Document"));
  ASSERT_EQ(second.size(), 1u);

  EXPECT_EQ(about("sha256", "aa11"), first);
  EXPECT_EQ(about("sha512", "bb22"), first);
  const std::vector<Attestation> library = about("sha256", "cc33");
  ASSERT_EQ(library.size(), 2u);
  EXPECT_EQ(library[0], first[1]);
  EXPECT_EQ(library[1], second[0]);
  EXPECT_EQ(library[0].signatures, 2u);
  EXPECT_EQ(library[0].builder_id, "https://example.org/ci");
  EXPECT_EQ(library[0].subjects.size(), 2u);
  EXPECT_EQ(library[1].predicate_type, "https://spdx.dev/Document");
  EXPECT_TRUE(about("sha256", "dd44").empty());
  // The algorithm is part of the digest: the same value under another name is another digest.
  EXPECT_TRUE(about("sha512", "aa11").empty());

  EXPECT_EQ(scratch_->query("SELECT COUNT(*) FROM attestations"), "3");
  EXPECT_EQ(scratch_->query("SELECT COUNT(*) FROM attestation_subjects"), "6");
}

TEST_P(AttestationStoreTest, ADocumentIsKeptOnce) {
  const std::string bytes = envelope(statement(std::string("[") + std::string(kApp) + "]"));
  keep("a.json", bytes);
  keep("a-again.json", bytes, /*expect_new=*/false);
  EXPECT_EQ(about("sha256", "aa11").size(), 1u);
  EXPECT_EQ(scratch_->query("SELECT COUNT(*) FROM attestations"), "1");
}

}  // namespace
}  // namespace cradle
