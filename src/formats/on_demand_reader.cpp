#include "formats/on_demand_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "formats/text_position.h"

namespace cradle {
namespace {

namespace ondemand = simdjson::ondemand;
using ondemand::json_type;

// Whether the document's whole index has been read (simdjson 3.0 has no document::at_end()):
// past the last token, there is no current location.
bool at_end(ondemand::document& document) {
  const char* location = nullptr;
  return document.current_location().get(location) != simdjson::SUCCESS;
}

struct SyntaxError {
  std::size_t offset;
  simdjson::error_code code;
};

// The first syntax error, found by walking the document with On-Demand: where, and what (text
// after a complete document is told as such, whatever the first pass made of it).
std::optional<SyntaxError> first_syntax_error(std::string_view bytes, std::size_t max_depth) {
  simdjson::padded_string padded(bytes);
  ondemand::parser parser;
  if (parser.allocate(bytes.size(), max_depth)) return std::nullopt;
  ondemand::document document;
  if (parser.iterate(padded).get(document)) return std::nullopt;
  ondemand::value root;
  simdjson::error_code error = document.get_value().get(root);
  if (!error) error = validate_json_value(root, max_depth);
  if (!error && !at_end(document)) error = simdjson::TRAILING_CONTENT;
  if (!error) return std::nullopt;
  const char* at = nullptr;
  if (document.current_location().get(at)) return SyntaxError{bytes.size(), error};
  return SyntaxError{static_cast<std::size_t>(at - padded.data()), error};
}

std::string_view describe(simdjson::error_code error) {
  switch (error) {
    case simdjson::DEPTH_ERROR:
      return "the JSON nests deeper than allowed";
    case simdjson::UNCLOSED_STRING:
      return "a string is not closed";
    case simdjson::STRING_ERROR:
    case simdjson::UNESCAPED_CHARS:
      return "a string has an invalid escape or control character";
    case simdjson::NUMBER_ERROR:
      return "a number is malformed";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "a literal is not true, false or null";
    case simdjson::EMPTY:
      return "the document is empty";
    case simdjson::CAPACITY:
      return "the document is larger than simdjson accepts";
    case simdjson::TRAILING_CONTENT:
      return "text follows the end of the JSON document";
    default:
      return "the JSON is malformed";
  }
}

// One spare parser per thread, for the many documents of a batch; one sized for a large input
// is not kept, so that its index does not add to the peak memory of what follows.
constexpr std::size_t kMaxSpareCapacity = 4 * 1024 * 1024;
thread_local std::unique_ptr<ondemand::parser> spare_parser;

bool is_json_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Raw control characters in strings are rejected when the input is indexed; escapes are what
// needs unescaping (and checking).
bool has_escapes(std::string_view text) {
  return std::memchr(text.data(), '\\', text.size()) != nullptr;
}

}  // namespace

simdjson::error_code read_json_string(ondemand::value& value, std::string_view& text) {
  // The token runs from the opening quote to the next structural character: a string without
  // escapes is the text between the quotes, read in place; one with escapes is unescaped into
  // the parser's string buffer.
  std::string_view token = value.raw_json_token();
  while (!token.empty() && is_json_whitespace(token.back())) token.remove_suffix(1);
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') {
    return value.get_string().get(text);
  }
  std::string_view content = token.substr(1, token.size() - 2);
  if (has_escapes(content)) return value.get_string().get(text);
  ondemand::raw_json_string ignored;
  if (auto error = value.get_raw_json_string().get(ignored)) return error;
  text = content;
  return simdjson::SUCCESS;
}

simdjson::error_code read_json_key(ondemand::field& field, std::string_view& key) {
  // Keys rarely hold escapes: one without a backslash is read where it is, not unescaped. Its
  // closing quote is there: the input was indexed, and the index holds only closed strings.
  const char* begin = field.key().raw();
  const char* end = begin;
  while (*end != '"') ++end;
  key = std::string_view(begin, static_cast<std::size_t>(end - begin));
  if (!has_escapes(key)) return simdjson::SUCCESS;
  return field.unescaped_key().get(key);
}

simdjson::error_code validate_json_value(ondemand::value value, std::size_t max_depth) {
  json_type type;
  if (auto error = value.type().get(type)) return error;
  if ((type == json_type::array || type == json_type::object) &&
      static_cast<std::size_t>(value.current_depth()) > max_depth) {
    return simdjson::DEPTH_ERROR;
  }
  switch (type) {
    case json_type::array: {
      ondemand::array array;
      if (auto error = value.get_array().get(array)) return error;
      for (auto item : array) {
        ondemand::value child;
        if (auto error = item.get(child)) return error;
        if (auto error = validate_json_value(child, max_depth)) return error;
      }
      return simdjson::SUCCESS;
    }
    case json_type::object: {
      ondemand::object object;
      if (auto error = value.get_object().get(object)) return error;
      for (auto field : object) {
        ondemand::field member;
        if (auto error = std::move(field).get(member)) return error;
        std::string_view key;  // a key with escapes is unescaped, and so checked
        if (auto error = read_json_key(member, key)) return error;
        ondemand::value child = member.value();
        if (auto error = validate_json_value(child, max_depth)) return error;
      }
      return simdjson::SUCCESS;
    }
    case json_type::string: {
      std::string_view ignored;
      return read_json_string(value, ignored);
    }
    case json_type::number:
      return value.get_number().error();
    case json_type::boolean:
      return value.get_bool().error();
    case json_type::null: {
      bool is_null = false;
      if (auto error = value.is_null().get(is_null)) return error;
      return is_null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::SUCCESS;
}

Diagnostic json_syntax_error(std::string_view bytes, simdjson::error_code code,
                             std::size_t max_depth, std::string_view file) {
  // simdjson validates the UTF-8 of the whole input; where it fails, invalid UTF-8 is what the
  // document is told, whatever else is wrong with it.
  if (auto bad = first_invalid_utf8(bytes)) {
    return Diagnostic{Severity::error, std::string(file), position_at(bytes, *bad),
                      "invalid UTF-8"};
  }
  if (code == simdjson::DEPTH_ERROR) {
    return Diagnostic{Severity::error, std::string(file), {},
                      fmt::format("the JSON nests deeper than the limit of {} levels", max_depth)};
  }
  auto found = first_syntax_error(bytes, max_depth);
  if (found && found->code == simdjson::TRAILING_CONTENT) code = found->code;
  return Diagnostic{Severity::error, std::string(file),
                    position_at(bytes, found ? found->offset : bytes.size()),
                    fmt::format("malformed JSON: {} ({})", describe(code),
                                simdjson::error_message(code))};
}

std::string_view json_type_name(json_type type) {
  switch (type) {
    case json_type::array:
      return "an array";
    case json_type::object:
      return "an object";
    case json_type::number:
      return "a number";
    case json_type::string:
      return "a string";
    case json_type::boolean:
      return "a boolean";
    case json_type::null:
      return "null";
  }
  return "a value";
}

OnDemandReader::OnDemandReader(std::string_view file, std::vector<Diagnostic>& diagnostics)
    : file_(file), diagnostics_(diagnostics), parser_(std::move(spare_parser)) {
  if (!parser_) parser_ = std::make_unique<ondemand::parser>();
}

OnDemandReader::~OnDemandReader() {
  if (!spare_parser && parser_->capacity() <= kMaxSpareCapacity) spare_parser = std::move(parser_);
}

std::optional<ondemand::object> OnDemandReader::root_object(std::string_view bytes,
                                                            const ParseLimits& limits) {
  if (bytes.starts_with(kUtf8ByteOrderMark)) {
    warning("", std::string(kByteOrderMarkWarning));
    bytes.remove_prefix(kUtf8ByteOrderMark.size());
  }
  bytes_ = bytes;
  max_depth_ = limits.max_depth;
  first_diagnostic_ = diagnostics_.size();
  if (bytes.size() > limits.max_bytes) {
    error("", fmt::format("the file is {} bytes, more than the limit of {} bytes", bytes.size(),
                          limits.max_bytes));
    return std::nullopt;
  }
  if (parser_->max_depth() != limits.max_depth || parser_->capacity() < bytes.size()) {
    if (auto code = parser_->allocate(bytes.size(), limits.max_depth)) {
      error("", fmt::format("cannot allocate the parser: {}", simdjson::error_message(code)));
      return std::nullopt;
    }
  }
  // In place when the caller vouches for the padding simdjson reads past the end; else copied.
  simdjson::padded_string_view input;
  if (limits.readable_padding >= simdjson::SIMDJSON_PADDING) {
    input = simdjson::padded_string_view(bytes.data(), bytes.size(),
                                         bytes.size() + limits.readable_padding);
  } else {
    copy_ = simdjson::padded_string(bytes);
    input = copy_;
  }
  input_ = input.data();
  line_offset_ = 0;
  line_ = 1;
  if (!ok(parser_->iterate(input).get(document_))) {
    finish();
    return std::nullopt;
  }
  return rewind_root();
}

std::uint32_t OnDemandReader::line_of(ondemand::value& value) {
  if (input_ == nullptr) return 0;
  const std::string_view token = value.raw_json_token();
  if (token.data() < input_ || token.data() > input_ + bytes_.size()) return 0;
  const auto offset = static_cast<std::size_t>(token.data() - input_);
  if (offset < line_offset_) {  // asked out of order: count from the start
    line_offset_ = 0;
    line_ = 1;
  }
  line_ += static_cast<std::uint32_t>(
      std::count(input_ + line_offset_, input_ + offset, '\n'));
  line_offset_ = offset;
  return line_;
}

std::optional<ondemand::object> OnDemandReader::rewind_root() {
  document_.rewind();
  json_type type;
  if (!ok(document_.type().get(type))) {
    finish();
    return std::nullopt;
  }
  if (type != json_type::object) {
    error("", fmt::format("expected an object, found {}", json_type_name(type)));
    return std::nullopt;
  }
  ondemand::object root;
  if (!ok(document_.get_object().get(root))) {
    finish();
    return std::nullopt;
  }
  return root;
}

bool OnDemandReader::finish() {
  if (!failed() && !at_end(document_)) failure_ = simdjson::TRAILING_CONTENT;
  if (!failed()) return true;
  // What was said about the content before the syntax error is dropped: a malformed document is
  // told where its syntax fails, as when nothing of it is read.
  diagnostics_.resize(first_diagnostic_);
  diagnostics_.push_back(json_syntax_error(bytes_, failure_, max_depth_, file_));
  return false;
}

std::optional<std::string_view> OnDemandReader::key(ondemand::field& field) {
  std::string_view name;
  if (!ok(read_json_key(field, name))) return std::nullopt;
  return name;
}

bool OnDemandReader::is_type(ondemand::value& value, json_type expected,
                             std::string_view expected_name, const JsonPath& at) {
  json_type type;
  if (!ok(value.type().get(type))) return false;
  if (type == expected) {
    // On-Demand leaves the nesting limit to its caller.
    if ((type == json_type::array || type == json_type::object) &&
        static_cast<std::size_t>(value.current_depth()) > max_depth_) {
      return ok(simdjson::DEPTH_ERROR);
    }
    return true;
  }
  error(at, fmt::format("expected {}, found {}", expected_name, json_type_name(type)));
  skip(value);
  return false;
}

std::optional<std::string_view> OnDemandReader::as_string(ondemand::value& value,
                                                          const JsonPath& at) {
  if (!is_type(value, json_type::string, "a string", at)) return std::nullopt;
  std::string_view text;
  if (!ok(read_json_string(value, text))) return std::nullopt;
  return text;
}

std::optional<ondemand::object> OnDemandReader::as_object(ondemand::value& value,
                                                          const JsonPath& at) {
  if (!is_type(value, json_type::object, "an object", at)) return std::nullopt;
  ondemand::object object;
  if (!ok(value.get_object().get(object))) return std::nullopt;
  return object;
}

std::optional<ondemand::array> OnDemandReader::as_array(ondemand::value& value,
                                                        const JsonPath& at) {
  if (!is_type(value, json_type::array, "an array", at)) return std::nullopt;
  ondemand::array array;
  if (!ok(value.get_array().get(array))) return std::nullopt;
  return array;
}

std::optional<bool> OnDemandReader::as_bool(ondemand::value& value, const JsonPath& at) {
  if (!is_type(value, json_type::boolean, "a boolean", at)) return std::nullopt;
  bool result = false;
  if (!ok(value.get_bool().get(result))) return std::nullopt;
  return result;
}

std::optional<std::int64_t> OnDemandReader::if_int64(ondemand::value& value) {
  json_type type;
  if (!ok(value.type().get(type))) return std::nullopt;
  if (type == json_type::number) {
    ondemand::number number;
    if (!ok(value.get_number().get(number))) return std::nullopt;
    if (number.is_int64()) return number.get_int64();
    return std::nullopt;
  }
  skip(value);
  return std::nullopt;
}

void OnDemandReader::skip(ondemand::value& value) { ok(validate_json_value(value, max_depth_)); }

void OnDemandReader::error(const JsonPath& at, std::string message) {
  diagnostics_.push_back(Diagnostic{Severity::error, std::string(file_),
                                    SourceLocation{0, 0, at.pointer()}, std::move(message)});
}

void OnDemandReader::warning(const JsonPath& at, std::string message) {
  diagnostics_.push_back(Diagnostic{Severity::warning, std::string(file_),
                                    SourceLocation{0, 0, at.pointer()}, std::move(message)});
}

}  // namespace cradle
