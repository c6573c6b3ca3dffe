#include "formats/attestation/intoto_attestation.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "formats/json_reader.h"

namespace cradle {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::string_view kStatementPrefix = "https://in-toto.io/Statement/";
constexpr std::string_view kInTotoPayload = "application/vnd.in-toto+json";
constexpr std::string_view kBundlePrefix = "application/vnd.dev.sigstore.bundle";

// Standard or URL-safe base64, padded or not (DSSE implementations write both); nullopt when it
// is not base64.
std::optional<std::string> decode_base64(std::string_view text) {
  std::string input(text);
  std::ranges::replace(input, '-', '+');
  std::ranges::replace(input, '_', '/');
  while (input.size() % 4 != 0) input.push_back('=');
  const std::size_t padding = input.ends_with("==") ? 2 : input.ends_with("=") ? 1 : 0;
  std::string out(input.size() / 4 * 3, '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(input.data()),
                                      static_cast<int>(input.size()));
  if (written < 0 || static_cast<std::size_t>(written) < padding) return std::nullopt;
  out.resize(static_cast<std::size_t>(written) - padding);
  return out;
}

class AttestationReader {
 public:
  AttestationReader(std::string_view file, const ParseLimits& limits, AttestationParseResult& result)
      : file_(file), limits_(limits), result_(result) {}

  // One JSON document: a Statement, an envelope, a bundle, or the npm registry's list of
  // bundles ({"attestations": [{"predicateType", "bundle"}]}).
  void read_document(std::string_view bytes) {
    JsonReader json(file_, result_.diagnostics);
    auto root = json.parse_object(bytes, limits_);
    if (!root) return;
    if (JsonReader::has(*root, "attestations") && !JsonReader::has(*root, "_type")) {
      auto list = json.array_at(*root, "attestations", "");
      if (!list) return;
      const JsonPath list_at("/attestations");
      std::size_t index = 0;
      for (element entry : *list) {
        const JsonPath entry_at(list_at, index);
        auto fields = json.as_object(entry, entry_at);
        auto bundle = fields ? json.object_at(*fields, "bundle", entry_at) : std::nullopt;
        if (fields && !bundle && !JsonReader::has(*fields, "bundle")) {
          json.error(JsonPath(entry_at, "bundle"), "an entry of 'attestations' needs 'bundle'");
        }
        const std::size_t position = next_position_++;
        if (bundle) read_bundle(json, *bundle, JsonPath(entry_at, "bundle"), position);
        ++index;
      }
      if (index == 0) json.error(list_at, "the list of attestations is empty");
      return;
    }
    const std::size_t position = next_position_++;
    if (JsonReader::has(*root, "mediaType")) {
      read_bundle(json, *root, "", position);
      return;
    }
    if (JsonReader::has(*root, "payloadType")) {
      read_envelope(json, *root, "", "dsse", position);
      return;
    }
    Attestation attestation;
    attestation.envelope = "statement";
    attestation.position = position;
    if (read_statement(json, result_.diagnostics, *root, "", attestation)) {
      result_.attestations.push_back(std::move(attestation));
    }
  }

 private:
  // A Sigstore bundle: its DSSE envelope (a bundle with a message signature instead signs an
  // artifact, not a statement).
  void read_bundle(JsonReader& json, object bundle, const JsonPath& at, std::size_t position) {
    const JsonPath media_at(at, "mediaType");
    auto media_type = json.string_at(bundle, "mediaType", at);
    if (!media_type) {
      json.error(media_at, "a Sigstore bundle needs 'mediaType'");
      return;
    }
    if (!media_type->starts_with(kBundlePrefix)) {
      json.error(media_at, fmt::format("'{}' is not a Sigstore bundle media type ({}...)",
                                       *media_type, kBundlePrefix));
      return;
    }
    const JsonPath envelope_at(at, "dsseEnvelope");
    if (!JsonReader::has(bundle, "dsseEnvelope") && JsonReader::has(bundle, "messageSignature")) {
      read_message_signature(json, bundle, at, position);
      return;
    }
    auto envelope = json.object_at(bundle, "dsseEnvelope", at);
    if (!envelope) {
      if (!JsonReader::has(bundle, "dsseEnvelope")) {
        json.error(envelope_at, "a Sigstore bundle needs 'dsseEnvelope' or 'messageSignature'");
      }
      return;
    }
    read_envelope(json, *envelope, envelope_at, "sigstore-bundle", position);
  }

  // A bundle whose message signature signs an artifact (`cosign sign-blob`): kept as what it
  // states, that someone signed an artifact of this digest; no statement, no predicate, the
  // signature counted, not verified.
  void read_message_signature(JsonReader& json, object bundle, const JsonPath& at, std::size_t position) {
    const JsonPath signature_at(at, "messageSignature");
    auto signature = json.object_at(bundle, "messageSignature", at);
    if (!signature) return;
    const JsonPath digest_at(signature_at, "messageDigest");
    auto digest = json.object_at(*signature, "messageDigest", signature_at);
    if (!digest) {
      if (!JsonReader::has(*signature, "messageDigest")) {
        json.error(digest_at, "a message signature needs 'messageDigest' (the signed artifact's digest)");
      }
      return;
    }
    auto algorithm = json.string_at(*digest, "algorithm", digest_at);
    auto value = json.string_at(*digest, "digest", digest_at);
    if (!algorithm || !value) {
      json.error(digest_at, "a message digest needs 'algorithm' and 'digest'");
      return;
    }
    // The bundle's HashAlgorithm names, as in-toto digests name them.
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kAlgorithms{
        {{"SHA2_256", "sha256"}, {"SHA2_384", "sha384"}, {"SHA2_512", "sha512"}, {"SHA3_256", "sha3-256"}}};
    auto known = std::ranges::find(kAlgorithms, *algorithm, &std::pair<std::string_view, std::string_view>::first);
    if (known == kAlgorithms.end()) {
      json.error(JsonPath(digest_at, "algorithm"),
                 fmt::format("'{}' is not a Sigstore hash algorithm (SHA2_256, SHA2_384, SHA2_512, SHA3_256)",
                             *algorithm));
      return;
    }
    auto bytes = decode_base64(*value);
    if (!bytes) {
      json.error(JsonPath(digest_at, "digest"), "the digest is not base64");
      return;
    }
    std::string hex;
    for (unsigned char byte : *bytes) hex += fmt::format("{:02x}", byte);
    Attestation attestation;
    attestation.envelope = "sigstore-message-signature";
    attestation.position = position;
    attestation.subjects.push_back(AttestationSubject{"", {{std::string(known->second), std::move(hex)}}});
    attestation.signatures = JsonReader::has(*signature, "signature") ? 1 : 0;
    result_.attestations.push_back(std::move(attestation));
  }

  void read_envelope(JsonReader& json, object envelope, const JsonPath& at, std::string_view kind,
                     std::size_t position) {
    auto payload_type = json.string_at(envelope, "payloadType", at);
    auto payload = json.string_at(envelope, "payload", at);
    const JsonPath type_at(at, "payloadType");
    const JsonPath payload_at(at, "payload");
    if (!payload_type) {
      json.error(type_at, "a DSSE envelope needs 'payloadType'");
      return;
    }
    if (*payload_type != kInTotoPayload) {
      json.error(type_at, fmt::format("payload type '{}' is not an in-toto statement ('{}')",
                                      *payload_type, kInTotoPayload));
      return;
    }
    if (!payload) {
      json.error(payload_at, "a DSSE envelope needs 'payload'");
      return;
    }
    Attestation attestation;
    attestation.envelope = std::string(kind);
    attestation.position = position;
    if (auto signatures = json.array_at(envelope, "signatures", at)) {
      attestation.signatures = signatures->size();
    }
    auto statement_bytes = decode_base64(*payload);
    if (!statement_bytes) {
      json.error(payload_at, "the payload is not base64");
      return;
    }
    // The statement is a document of its own: its problems are reported at the payload, with
    // the pointer inside the decoded statement.
    std::vector<Diagnostic> inner;
    JsonReader statement_json(file_, inner);
    ParseLimits unpadded = limits_;
    unpadded.readable_padding = 0;  // the decoded bytes are a string of their own
    auto statement = statement_json.parse_object(*statement_bytes, unpadded);
    const bool read = statement && read_statement(statement_json, inner, *statement, "", attestation);
    for (Diagnostic& d : inner) {
      std::string where = d.location.json_pointer.empty() && d.location.line > 0
                              ? fmt::format("{}:{}", d.location.line, d.location.column)
                              : d.location.json_pointer;
      d.message = where.empty() ? fmt::format("the decoded payload: {}", d.message)
                                : fmt::format("the decoded payload, at {}: {}", where, d.message);
      d.location = SourceLocation{0, 0, payload_at.pointer()};
      result_.diagnostics.push_back(std::move(d));
    }
    if (read) result_.attestations.push_back(std::move(attestation));
  }

  // Reads a Statement into `attestation`; false when it is not one. `diagnostics` is the list
  // `json` reports into.
  bool read_statement(JsonReader& json, const std::vector<Diagnostic>& diagnostics, object statement,
                      const JsonPath& at, Attestation& attestation) {
    const std::size_t errors_before = error_count(diagnostics);
    auto type = json.string_at(statement, "_type", at);
    if (!type) {
      if (!JsonReader::has(statement, "_type")) {
        json.error(JsonPath(at, "_type"), "an in-toto statement needs '_type'");
      }
    } else if (!type->starts_with(kStatementPrefix)) {
      json.error(JsonPath(at, "_type"),
                 fmt::format("'{}' is not an in-toto statement type ({}...)", *type, kStatementPrefix));
    } else {
      attestation.statement_type = std::string(*type);
    }
    if (auto predicate_type = json.string_at(statement, "predicateType", at)) {
      attestation.predicate_type = std::string(*predicate_type);
    } else if (!JsonReader::has(statement, "predicateType")) {
      json.error(JsonPath(at, "predicateType"), "an in-toto statement needs 'predicateType'");
    }
    const JsonPath subjects_at(at, "subject");
    if (auto subjects = json.array_at(statement, "subject", at)) {
      std::size_t index = 0;
      for (element subject : *subjects) read_subject(json, subject, JsonPath(subjects_at, index++), attestation);
      if (subjects->size() == 0) json.error(subjects_at, "an in-toto statement needs at least one subject");
    } else if (!JsonReader::has(statement, "subject")) {
      json.error(subjects_at, "an in-toto statement needs 'subject'");
    }
    if (auto predicate = json.object_at(statement, "predicate", at)) {
      read_provenance(*predicate, attestation);
    }
    return error_count(diagnostics) == errors_before;
  }

  void read_subject(JsonReader& json, element value, const JsonPath& at, Attestation& attestation) {
    auto subject = json.as_object(value, at);
    if (!subject) return;
    AttestationSubject read;
    if (auto name = json.string_at(*subject, "name", at)) read.name = std::string(*name);
    const JsonPath digest_at(at, "digest");
    auto digests = json.object_at(*subject, "digest", at);
    if (!digests) {
      if (!JsonReader::has(*subject, "digest")) json.error(digest_at, "a subject needs 'digest'");
      return;
    }
    for (auto [algorithm, digest] : *digests) {
      if (auto text = json.as_string(digest, JsonPath(digest_at, algorithm))) {
        read.digests.emplace_back(std::string(algorithm), std::string(*text));
      }
    }
    if (read.digests.empty()) {
      json.error(digest_at, "a subject needs at least one digest");
      return;
    }
    std::ranges::sort(read.digests);
    attestation.subjects.push_back(std::move(read));
  }

  // SLSA provenance v0.2 and v1: who built the subjects, how, and when it finished. Other
  // predicates are kept whole in the document, not read.
  static void read_provenance(object predicate, Attestation& attestation) {
    // The string at predicate/keys..., or empty when any step is missing or of another type.
    auto text_at = [](object from, std::initializer_list<std::string_view> keys) {
      element at;
      object inner = from;
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (inner.at_key(keys.begin()[i]).get(at)) return std::string();
        if (i + 1 < keys.size() && at.get(inner)) return std::string();
      }
      std::string_view text;
      return at.get(text) ? std::string() : std::string(text);
    };
    if (attestation.predicate_type.starts_with("https://slsa.dev/provenance/v0.")) {
      attestation.builder_id = text_at(predicate, {"builder", "id"});
      attestation.build_type = text_at(predicate, {"buildType"});
      attestation.finished_at = text_at(predicate, {"metadata", "buildFinishedOn"});
    } else if (attestation.predicate_type.starts_with("https://slsa.dev/provenance/v1")) {
      attestation.builder_id = text_at(predicate, {"runDetails", "builder", "id"});
      attestation.build_type = text_at(predicate, {"buildDefinition", "buildType"});
      attestation.finished_at = text_at(predicate, {"runDetails", "metadata", "finishedOn"});
    }
  }

  static std::size_t error_count(const std::vector<Diagnostic>& diagnostics) {
    return static_cast<std::size_t>(std::ranges::count(diagnostics, Severity::error, &Diagnostic::severity));
  }

  std::string_view file_;
  const ParseLimits& limits_;
  AttestationParseResult& result_;
  std::size_t next_position_ = 0;  // each statement's place, read or rejected
};

// The documents of `bytes`: one, or one per line of JSON Lines.
AttestationParseResult read_attestations(std::string_view bytes, std::string_view file,
                                         const ParseLimits& limits) {
  AttestationParseResult result;
  // JSON Lines: one document per non-empty line; a single document may span lines.
  const auto first_line_end = bytes.find('\n');
  const std::string_view first_line = bytes.substr(0, first_line_end);
  const bool json_lines = first_line_end != std::string_view::npos &&
                          bytes.find_first_not_of(" \t\r\n", first_line_end) != std::string_view::npos &&
                          first_line.find_last_not_of(" \t\r") != std::string_view::npos &&
                          first_line[first_line.find_last_not_of(" \t\r")] == '}';
  if (!json_lines) {
    AttestationReader(file, limits, result).read_document(bytes);
    return result;
  }
  ParseLimits line_limits = limits;
  line_limits.readable_padding = 0;  // a line is followed by the next one, not by padding
  AttestationReader reader(file, line_limits, result);
  std::size_t line_number = 0;
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t end = std::min(bytes.find('\n', at), bytes.size());
    const std::string_view line = bytes.substr(at, end - at);
    ++line_number;
    at = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::size_t before = result.diagnostics.size();
    reader.read_document(line);
    // Positions in the file: a line's own line:column become the file's; a JSON pointer is
    // given the line it is on.
    for (std::size_t i = before; i < result.diagnostics.size(); ++i) {
      SourceLocation& location = result.diagnostics[i].location;
      if (location.line > 0) {
        location.line += static_cast<int>(line_number) - 1;
      } else {
        location.line = static_cast<int>(line_number);
        location.column = 1;
      }
    }
  }
  return result;
}

}  // namespace

AttestationParseResult parse_attestations(std::string_view bytes, std::string_view file,
                                          const ParseLimits& limits) {
  AttestationParseResult result = read_attestations(bytes, file, limits);
  const std::string sha256 = sha256_hex(bytes);
  for (Attestation& attestation : result.attestations) {
    attestation.evidence.sha256 = sha256;
    attestation.evidence.kind = "in-toto attestation";
    attestation.evidence.produced_at = attestation.finished_at;
  }
  return result;
}

}  // namespace cradle
