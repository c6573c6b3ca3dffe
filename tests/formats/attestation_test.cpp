// in-toto attestations: bare statements, DSSE envelopes, Sigstore bundles, npm's lists of bundles
// and JSON Lines, on the real files of ../shared/data (slsa-verifier's testdata, GUAC's fixtures)
// with hand-checked facts, and on malformed input: every problem located, nothing crashes.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>

#include "formats/document_kind.h"
#include "formats/attestation/intoto_attestation.h"
#include "shared_data.h"

namespace cradle {
namespace {

namespace fs = std::filesystem;

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                  reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  return out;
}

std::string envelope(std::string_view statement, std::string_view payload_type = "application/vnd.in-toto+json") {
  return std::string(R"({"payloadType":")") + std::string(payload_type) + R"(","payload":")" +
         base64(statement) + R"(","signatures":[{"keyid":"k","sig":"c2ln"}]})";
}

constexpr std::string_view kStatement =
    R"({"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"app.tar.gz",)"
    R"("digest":{"sha512":"bb","sha256":"aa"}}],"predicateType":"https://slsa.dev/provenance/v1",)"
    R"("predicate":{"buildDefinition":{"buildType":"https://example.org/build/v1"},)"
    R"("runDetails":{"builder":{"id":"https://example.org/builder"},)"
    R"("metadata":{"finishedOn":"2026-01-02T03:04:05Z"}}}})";

std::string messages(const AttestationParseResult& result) {
  std::string out;
  for (const Diagnostic& d : result.diagnostics) out += format_diagnostic(d) + "\n";
  return out;
}

TEST(Attestations, AStatementInAnEnvelopeInABundle) {
  for (const auto& [bytes, kind] :
       {std::pair{std::string(kStatement), "statement"}, std::pair{envelope(kStatement), "dsse"},
        std::pair{R"({"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","dsseEnvelope":)" +
                      envelope(kStatement) + "}",
                  "sigstore-bundle"}}) {
    EXPECT_EQ(detect_document_kind(bytes), DocumentKind::attestation) << kind;
    AttestationParseResult result = parse_attestations(bytes, "t.json");
    ASSERT_TRUE(result.accepted()) << kind << "\n" << messages(result);
    ASSERT_EQ(result.attestations.size(), 1u);
    const Attestation& a = result.attestations[0];
    EXPECT_EQ(a.envelope, kind);
    EXPECT_EQ(a.statement_type, "https://in-toto.io/Statement/v1");
    EXPECT_EQ(a.predicate_type, "https://slsa.dev/provenance/v1");
    ASSERT_EQ(a.subjects.size(), 1u);
    EXPECT_EQ(a.subjects[0].name, "app.tar.gz");
    // Digests sorted by algorithm.
    EXPECT_EQ(a.subjects[0].digests,
              (std::vector<std::pair<std::string, std::string>>{{"sha256", "aa"}, {"sha512", "bb"}}));
    EXPECT_EQ(a.builder_id, "https://example.org/builder");
    EXPECT_EQ(a.build_type, "https://example.org/build/v1");
    EXPECT_EQ(a.finished_at, "2026-01-02T03:04:05Z");
    EXPECT_EQ(a.signatures, std::string_view(kind) == "statement" ? 0u : 1u);
  }
}

TEST(Attestations, UnpaddedAndUrlSafeBase64Payloads) {
  // A statement whose base64 needs padding and holds '+' or '/' in the standard alphabet.
  std::string statement(kStatement);
  statement.insert(statement.size() - 1, R"(,"x":"??>>~~")");
  std::string encoded = base64(statement);
  while (encoded.ends_with('=')) encoded.pop_back();
  std::ranges::replace(encoded, '+', '-');
  std::ranges::replace(encoded, '/', '_');
  const std::string bytes = R"({"payloadType":"application/vnd.in-toto+json","payload":")" + encoded + R"("})";
  AttestationParseResult result = parse_attestations(bytes, "t.json");
  ASSERT_TRUE(result.accepted()) << messages(result);
  EXPECT_EQ(result.attestations[0].subjects[0].name, "app.tar.gz");
  EXPECT_EQ(result.attestations[0].signatures, 0u);
}

TEST(Attestations, MalformedInputIsLocated) {
  struct Case {
    std::string bytes;
    std::string expected;  // in the formatted diagnostics
  };
  const std::string bad_statement =
      R"({"_type":"https://example.org/Other","subject":[{"name":"x","digest":"aa"}]})";
  const std::vector<Case> cases = {
      {R"({"_type":"https://in-toto.io/Statement/v1", "subject": [)", "t.json:1:"},
      {R"({"payloadType":"application/vnd.in-toto+json","payload":"%%%"})", "/payload: error: the payload is not base64"},
      {envelope("not json"), "/payload: error: the decoded payload, at 1:"},
      {envelope(kStatement, "text/plain"), "/payloadType: error: payload type 'text/plain' is not an in-toto statement"},
      {R"({"payloadType":"application/vnd.in-toto+json"})", "/payload: error: a DSSE envelope needs 'payload'"},
      {envelope(bad_statement), "at /_type: 'https://example.org/Other' is not an in-toto statement type"},
      {envelope(bad_statement), "at /predicateType: an in-toto statement needs 'predicateType'"},
      {envelope(bad_statement), "at /subject/0/digest: expected an object, found a string"},
      {R"({"_type":"https://in-toto.io/Statement/v1","predicateType":"p","subject":[]})", "/subject: error: an in-toto statement needs at least one subject"},
      {R"({"_type":"https://in-toto.io/Statement/v1","predicateType":"p","subject":[{"digest":{}}]})", "/subject/0/digest: error: a subject needs at least one digest"},
      {R"({"mediaType":"application/vnd.dev.sigstore.bundle+json;version=0.1","messageSignature":{}})", "/messageSignature/messageDigest: error: a message signature needs 'messageDigest'"},
      {R"({"mediaType":"application/vnd.dev.sigstore.bundle+json;version=0.3","messageSignature":{"messageDigest":{"algorithm":"MD5","digest":"AA=="}}})", "/messageSignature/messageDigest/algorithm: error: 'MD5' is not a Sigstore hash algorithm"},
      {R"({"mediaType":"application/vnd.dev.sigstore.bundle+json;version=0.3"})", "/dsseEnvelope: error: a Sigstore bundle needs 'dsseEnvelope' or 'messageSignature'"},
      {R"({"attestations":[{"predicateType":"p"}]})", "/attestations/0/bundle: error: an entry of 'attestations' needs 'bundle'"},
  };
  for (const Case& c : cases) {
    AttestationParseResult result = parse_attestations(c.bytes, "t.json");
    EXPECT_FALSE(result.accepted()) << c.bytes;
    EXPECT_NE(messages(result).find(c.expected), std::string::npos)
        << "expected '" << c.expected << "' in:\n" << messages(result);
  }
}

// A bundle with a message signature (`cosign sign-blob`) signs an artifact: kept as evidence that
// someone signed an artifact of that digest, the signature counted and not verified.
TEST(Attestations, AMessageSignatureBundleIsASignedArtifact) {
  // sha256("hello"), base64.
  const std::string bundle = R"({"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
    "verificationMaterial": {"certificate": {"rawBytes": "MIIB"}},
    "messageSignature": {"messageDigest": {"algorithm": "SHA2_256",
      "digest": "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ="}, "signature": "MEUCIQ=="}})";
  AttestationParseResult result = parse_attestations(bundle, "blob.sigstore.json");
  ASSERT_TRUE(result.accepted()) << messages(result);
  ASSERT_EQ(result.attestations.size(), 1u);
  const Attestation& signed_artifact = result.attestations[0];
  EXPECT_EQ(signed_artifact.envelope, "sigstore-message-signature");
  EXPECT_TRUE(signed_artifact.predicate_type.empty());
  EXPECT_EQ(signed_artifact.signatures, 1u);
  ASSERT_EQ(signed_artifact.subjects.size(), 1u);
  EXPECT_EQ(signed_artifact.subjects[0].digests,
            (std::vector<std::pair<std::string, std::string>>{
                {"sha256", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"}}));
}

// The Sigstore conformance suite's message-signature bundles are read as signed artifacts.
TEST(Attestations, SigstoreConformanceMessageSignatureBundles) {
  CRADLE_REQUIRE_SHARED_DATA();
  const auto bundle = testing::shared_data_dir() / "sigstore-conformance/test/assets/bundle-verify/happy-path-v0.2/bundle.sigstore.json";
  AttestationParseResult result = parse_attestations(testing::read_file(bundle), bundle.string());
  ASSERT_TRUE(result.accepted()) << messages(result);
  EXPECT_EQ(result.attestations[0].envelope, "sigstore-message-signature");
  EXPECT_EQ(result.attestations[0].subjects[0].digests[0].first, "sha256");
  EXPECT_EQ(result.attestations[0].subjects[0].digests[0].second.size(), 64u);
}

// JSON Lines: each line a document; a bad line is reported at its line, the others are read.
TEST(Attestations, JsonLinesReportTheirLine) {
  const std::string bytes = envelope(kStatement) + "\n" + R"({"payloadType":"application/vnd.in-toto+json","payload":"%%%"})" +
                            "\n\n" + envelope(kStatement) + "\n";
  AttestationParseResult result = parse_attestations(bytes, "t.intoto.jsonl");
  EXPECT_FALSE(result.accepted());
  ASSERT_EQ(result.attestations.size(), 2u);
  EXPECT_EQ(result.attestations[0].position, 0u);
  EXPECT_EQ(result.attestations[1].position, 2u);  // the rejected line's statement counts
  EXPECT_NE(messages(result).find("t.intoto.jsonl:2:1: /payload: error: the payload is not base64"), std::string::npos)
      << messages(result);
}

TEST(Attestations, RealFilesWithHandCheckedFacts) {
  CRADLE_REQUIRE_SHARED_DATA();
  const fs::path data = testing::shared_data_dir();
  auto parse = [&](const fs::path& relative) {
    const std::string bytes = testing::read_file(data / relative);
    EXPECT_EQ(detect_document_kind(bytes), DocumentKind::attestation) << relative;
    return parse_attestations(bytes, relative.string());
  };
  // GUAC: a Tekton Chains provenance in a DSSE envelope.
  auto tekton = parse("guac-exampledata/exampledata/oci-dsse-att.json");
  ASSERT_TRUE(tekton.accepted()) << messages(tekton);
  ASSERT_EQ(tekton.attestations.size(), 1u);
  EXPECT_EQ(tekton.attestations[0].predicate_type, "https://slsa.dev/provenance/v0.2");
  EXPECT_EQ(tekton.attestations[0].builder_id, "https://tekton.dev/chains/v2");
  EXPECT_EQ(tekton.attestations[0].build_type, "tekton.dev/v1beta1/TaskRun");
  EXPECT_EQ(tekton.attestations[0].finished_at, "2022-12-20T14:09:36Z");
  ASSERT_EQ(tekton.attestations[0].subjects.size(), 1u);
  EXPECT_EQ(tekton.attestations[0].subjects[0].digests[0].second,
            "9e183c89765d92a440f44ac7059385c778cbadad0ee8fe3208360efb07c0ba09");
  // GUAC: a bare statement about the 75 binaries of a kubectl release.
  auto kubectl = parse("guac-exampledata/exampledata/oci-kubectl-linux-amd64-in-toto.json");
  ASSERT_TRUE(kubectl.accepted()) << messages(kubectl);
  EXPECT_EQ(kubectl.attestations[0].envelope, "statement");
  EXPECT_EQ(kubectl.attestations[0].subjects.size(), 75u);
  // slsa-verifier: SLSA v1 provenance in a Sigstore bundle, and v0.2 in JSON Lines.
  const fs::path testdata = "slsa-verifier/cli/slsa-verifier/testdata";
  auto bundle = parse(testdata / "gha_container-based/v1.7.0/binary-linux-amd64-workflow_dispatch.intoto.sigstore");
  ASSERT_TRUE(bundle.accepted()) << messages(bundle);
  EXPECT_EQ(bundle.attestations[0].envelope, "sigstore-bundle");
  EXPECT_EQ(bundle.attestations[0].predicate_type, "https://slsa.dev/provenance/v1");
  EXPECT_EQ(bundle.attestations[0].builder_id,
            "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
            "builder_container-based_slsa3.yml@refs/tags/v1.7.0");
  EXPECT_EQ(bundle.attestations[0].signatures, 1u);
  auto lines = parse(testdata / "binary-linux-amd64-multi-subject-first.intoto.jsonl");
  ASSERT_TRUE(lines.accepted()) << messages(lines);
  ASSERT_EQ(lines.attestations[0].subjects.size(), 3u);
  EXPECT_EQ(lines.attestations[0].subjects[2].name, "artifact3");
  // GUAC's own variants break the Statement spec: ClearlyDefined documents write `type` and
  // `predicate_type` (so they are not even told as attestations); vulnerability certifications
  // name subjects by uri without the digest "each element MUST have" (in-toto Statement v1).
  // Refused, saying so.
  const std::string cd = testing::read_file(data / "guac-exampledata/exampledata/cd-log4j.json");
  EXPECT_EQ(detect_document_kind(cd), DocumentKind::unknown);
  auto clearly_defined = parse_attestations(cd, "cd-log4j.json");
  EXPECT_FALSE(clearly_defined.accepted());
  EXPECT_NE(messages(clearly_defined).find("/_type: error: an in-toto statement needs '_type'"), std::string::npos);
  auto by_uri = parse("guac-exampledata/exampledata/certify-vuln-v02.json");
  EXPECT_FALSE(by_uri.accepted());
  EXPECT_NE(messages(by_uri).find("/subject/0/digest: error: a subject needs 'digest'"), std::string::npos);
  auto certified = parse("guac-exampledata/exampledata/certify-novuln-v02.json");
  ASSERT_TRUE(certified.accepted()) << messages(certified);
  EXPECT_EQ(certified.attestations[0].predicate_type, "https://in-toto.io/attestation/vulns/v0.2");
  EXPECT_TRUE(certified.attestations[0].subjects[0].name.empty());
}

// Every attestation file of the data set is read, except the ones slsa-verifier's tests tamper
// with in the statement itself (a payload type, a statement type, a digest or the subjects
// changed), which must be rejected.
TEST(Attestations, EveryRealFileIsReadAndTamperedStatementsAreRejected) {
  CRADLE_REQUIRE_SHARED_DATA();
  const std::set<std::string> tampered = {
      "npm-att-mismatch-prov-payloadtype.intoto.sigstore", "npm-att-mismatch-pub-payloadtype.intoto.sigstore",
      "npm-att-publish-invalid-signature.intoto.sigstore", "npm-att-publish-nodigest.intoto.sigstore",
      "npm-att-publish-nosubjects.intoto.sigstore", "npm-stmt-mismatch-prov-type.intoto.sigstore",
      "npm-stmt-mismatch-pub-type.intoto.sigstore"};
  std::size_t read = 0;
  std::size_t rejected = 0;
  for (const char* root : {"slsa-verifier", "guac-exampledata"}) {
    for (const auto& entry : fs::recursive_directory_iterator(testing::shared_data_dir() / root)) {
      const std::string name = entry.path().filename().string();
      const bool candidate = name.ends_with(".intoto.jsonl") || name.ends_with(".sigstore") ||
                             name.ends_with(".sigstore.json") || name.find("in-toto") != std::string::npos ||
                             name.find("dsse") != std::string::npos;
      const bool json_text = name.ends_with("json") || name.ends_with("jsonl") || name.ends_with(".sigstore");
      if (!entry.is_regular_file() || !candidate || !json_text) continue;
      const std::string bytes = testing::read_file(entry.path());
      AttestationParseResult result = parse_attestations(bytes, name);
      if (tampered.contains(name)) {
        EXPECT_FALSE(result.accepted()) << name;
        ++rejected;
      } else {
        EXPECT_TRUE(result.accepted()) << name << "\n" << messages(result);
        ++read;
      }
    }
  }
  EXPECT_EQ(rejected, tampered.size());
  EXPECT_GT(read, 100u);
  std::cout << "[ attestations ] " << read << " files read, " << rejected << " tampered ones rejected\n";
}

}  // namespace
}  // namespace cradle
