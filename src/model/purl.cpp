#include "model/purl.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/ascii.h"
#include "model/percent_encoding.h"
#include "model/purl_type_rules.h"

namespace cradle {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = ascii_lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

Error purl_error(std::string_view message, std::size_t offset) {
  return Error{ErrorCode::invalid_input, std::string(message),
               SourceLocation{1, static_cast<int>(offset) + 1, {}}};
}

// Appends `s` to `out` with its %XX escapes decoded. `offset` is where `s` starts in the whole
// purl, for the error column.
std::expected<void, Error> append_decoded(std::string_view s, std::size_t offset,
                                          std::string& out) {
  std::size_t percent = s.find('%');
  if (percent == std::string_view::npos) {
    out += s;
    return {};
  }
  out.reserve(out.size() + s.size());
  out += s.substr(0, percent);
  for (std::size_t i = percent; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) {
      return std::unexpected(purl_error("truncated percent-encoding", offset + i));
    }
    int hi = hex_value(s[i + 1]);
    int lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) {
      return std::unexpected(purl_error("invalid percent-encoding", offset + i));
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return {};
}

std::expected<std::string, Error> percent_decode(std::string_view s, std::size_t offset) {
  std::string out;
  if (auto ok = append_decoded(s, offset, out); !ok) return std::unexpected(ok.error());
  return out;
}

// Splits on '/', drops empty segments (and '.' / '..' where `drop_dots`), decodes each.
std::expected<std::vector<std::string>, Error> decode_segments(std::string_view s,
                                                               std::size_t offset,
                                                               bool drop_dots) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('/', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view raw = s.substr(start, end - start);
    if (!raw.empty()) {
      auto decoded = percent_decode(raw, offset + start);
      if (!decoded) return std::unexpected(decoded.error());
      bool dots = *decoded == "." || *decoded == "..";
      if (!(drop_dots && dots)) segments.push_back(std::move(*decoded));
    }
    start = end + 1;
  }
  return segments;
}

// The spec forbids '/' inside a decoded namespace or subpath segment: it could not round-trip.
std::expected<void, Error> check_no_slash(const std::vector<std::string>& segments,
                                          std::string_view part, std::size_t offset) {
  for (const auto& segment : segments) {
    if (segment.find('/') != std::string::npos) {
      return std::unexpected(purl_error(
          fmt::format("a {} segment contains '/' once percent-decoded ('%2F')", part), offset));
    }
  }
  return {};
}

std::string join(const std::vector<std::string>& parts, char separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out.push_back(separator);
    out += part;
  }
  return out;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool valid_type(std::string_view type) {
  if (type.empty() || !is_letter(type.front())) return false;
  return std::ranges::all_of(type, [](char c) { return is_ascii_alnum(c) || c == '.' || c == '-'; });
}

bool valid_qualifier_key(std::string_view key) {
  if (key.empty() || !is_letter(key.front())) return false;
  return std::ranges::all_of(
      key, [](char c) { return is_ascii_alnum(c) || c == '.' || c == '-' || c == '_'; });
}

}  // namespace

std::optional<std::string_view> Purl::qualifier(std::string_view key) const {
  auto it = std::ranges::find(qualifiers, key, &std::pair<std::string, std::string>::first);
  if (it == qualifiers.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::expected<Purl, Error> parse_purl(std::string_view text) {
  Purl purl;
  std::string_view rest = text;

  // Scheme, case-insensitive; any slashes after it are not significant.
  if (rest.size() < 4 || ascii_lowercase(rest.substr(0, 4)) != "pkg:") {
    return std::unexpected(purl_error("a purl must start with the scheme 'pkg:'", 0));
  }
  std::size_t base = 4;
  rest.remove_prefix(4);
  while (!rest.empty() && rest.front() == '/') {
    rest.remove_prefix(1);
    ++base;
  }

  // Subpath, from the right.
  if (auto hash = rest.rfind('#'); hash != std::string_view::npos) {
    auto segments = decode_segments(rest.substr(hash + 1), base + hash + 1, true);
    if (!segments) return std::unexpected(segments.error());
    if (auto ok = check_no_slash(*segments, "subpath", base + hash + 1); !ok) {
      return std::unexpected(ok.error());
    }
    purl.subpath = join(*segments, '/');
    rest = rest.substr(0, hash);
  }

  // Qualifiers, from the right.
  std::size_t qualifiers_offset = base + rest.size();
  if (auto question = rest.rfind('?'); question != std::string_view::npos) {
    std::string_view list = rest.substr(question + 1);
    std::size_t list_offset = base + question + 1;
    qualifiers_offset = list_offset;
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t end = list.find('&', start);
      if (end == std::string_view::npos) end = list.size();
      std::string_view pair = list.substr(start, end - start);
      if (!pair.empty()) {
        auto equals = pair.find('=');
        if (equals == std::string_view::npos) {
          return std::unexpected(
              purl_error("a qualifier must be written key=value", list_offset + start));
        }
        std::string key = ascii_lowercase(pair.substr(0, equals));
        if (!valid_qualifier_key(key)) {
          return std::unexpected(
              purl_error(fmt::format("invalid qualifier key '{}'", key), list_offset + start));
        }
        auto value = percent_decode(pair.substr(equals + 1), list_offset + start + equals + 1);
        if (!value) return std::unexpected(value.error());
        if (purl.qualifier(key)) {
          return std::unexpected(
              purl_error(fmt::format("duplicate qualifier key '{}'", key), list_offset + start));
        }
        if (!value->empty()) purl.qualifiers.emplace_back(std::move(key), std::move(*value));
      }
      start = end + 1;
    }
    std::ranges::sort(purl.qualifiers);
    rest = rest.substr(0, question);
  }

  // Drop trailing slashes before looking for the version and name.
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);

  // Version, from the right; '@' in a namespace segment (npm scopes) comes before the last '/'.
  auto last_slash = rest.rfind('/');
  auto at = rest.rfind('@');
  std::size_t version_offset = base + rest.size();
  if (at != std::string_view::npos && (last_slash == std::string_view::npos || at > last_slash)) {
    version_offset = base + at + 1;
    auto version = percent_decode(rest.substr(at + 1), version_offset);
    if (!version) return std::unexpected(version.error());
    purl.version = std::move(*version);
    rest = rest.substr(0, at);
    // `pkg:maven/org.example/@1.0`: the name before the '@' is empty. Taking the namespace for
    // the name would designate another package.
    if (rest.ends_with('/')) return std::unexpected(purl_error("the purl has no name", base + at));
    if (purl.version.empty()) {
      return std::unexpected(purl_error("an '@' with no version after it", base + at));
    }
  }

  // Type.
  auto type_end = rest.find('/');
  if (type_end == std::string_view::npos) {
    return std::unexpected(
        purl_error(rest.empty() ? "the purl has no type" : "the purl has no name", base));
  }
  purl.type = ascii_lowercase(rest.substr(0, type_end));
  if (!valid_type(purl.type)) {
    return std::unexpected(purl_error(
        fmt::format("invalid type '{}': letters, digits, '.' and '-' only, not starting with a digit",
                    purl.type),
        base));
  }
  // The last non-empty segment of the path is the name, the ones before it the namespace.
  std::size_t path_offset = base + type_end + 1;
  std::string_view path = rest.substr(type_end + 1);
  std::size_t name_end = path.size();
  while (name_end > 0 && path[name_end - 1] == '/') --name_end;
  if (name_end == 0) return std::unexpected(purl_error("the purl has no name", path_offset));
  std::size_t name_begin = path.rfind('/', name_end - 1);
  name_begin = name_begin == std::string_view::npos ? 0 : name_begin + 1;
  bool slash_in_namespace_segment = false;
  for (std::size_t start = 0; start < name_begin;) {
    std::size_t stop = path.find('/', start);
    if (stop > start) {
      if (!purl.namespace_.empty()) purl.namespace_.push_back('/');
      std::size_t segment_begin = purl.namespace_.size();
      if (auto ok = append_decoded(path.substr(start, stop - start), path_offset + start,
                                   purl.namespace_);
          !ok) {
        return std::unexpected(ok.error());
      }
      slash_in_namespace_segment |=
          purl.namespace_.find('/', segment_begin) != std::string::npos;
    }
    start = stop + 1;
  }
  if (auto ok = append_decoded(path.substr(name_begin, name_end - name_begin),
                               path_offset + name_begin, purl.name);
      !ok) {
    return std::unexpected(ok.error());
  }
  // The spec forbids '/' inside a decoded segment: it could not round-trip.
  if (slash_in_namespace_segment) {
    return std::unexpected(purl_error(
        "a namespace segment contains '/' once percent-decoded ('%2F')", path_offset));
  }

  if (auto violation = apply_purl_type_rules(purl)) {
    std::size_t offset = violation->part == "name"         ? path_offset + name_begin
                         : violation->part == "version"    ? version_offset
                         : violation->part == "qualifiers" ? qualifiers_offset
                                                           : path_offset;
    return std::unexpected(purl_error(violation->message, offset));
  }
  return purl;
}

std::string to_string(const Purl& purl) {
  std::string out = purl_identity(purl);
  if (!purl.version.empty()) {
    out.push_back('@');
    append_percent_encoded(purl.version, ":", out);
  }
  if (!purl.qualifiers.empty()) {
    char separator = '?';
    for (const auto& [key, value] : purl.qualifiers) {
      out.push_back(separator);
      out += key;
      out.push_back('=');
      append_percent_encoded(value, ":", out);  // '/' too: it is not a separator here
      separator = '&';
    }
  }
  if (!purl.subpath.empty()) {
    out.push_back('#');
    append_percent_encoded(purl.subpath, ":/", out);
  }
  return out;
}

std::string purl_identity(const Purl& purl) {
  std::string out = "pkg:";
  out += purl.type;
  out.push_back('/');
  if (!purl.namespace_.empty()) {
    append_percent_encoded(purl.namespace_, ":/", out);
    out.push_back('/');
  }
  append_percent_encoded(purl.name, ":", out);
  return out;
}

bool purl_designates(const Purl& pattern, const Purl& actual) {
  if (pattern.type != actual.type || pattern.namespace_ != actual.namespace_ || pattern.name != actual.name) {
    return false;
  }
  if (!pattern.version.empty() && pattern.version != actual.version) return false;
  return std::ranges::all_of(pattern.qualifiers, [&](const auto& qualifier) {
    auto mine = actual.qualifier(qualifier.first);
    return mine && *mine == qualifier.second;
  });
}

}  // namespace cradle
