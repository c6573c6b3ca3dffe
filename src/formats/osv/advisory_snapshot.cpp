#include "formats/osv/advisory_snapshot.h"

#include <cstdint>
#include <cstring>

namespace cradle {
namespace {

constexpr std::string_view kMagic = "CRADV\x01";  // format version 1

class Writer {
 public:
  void count(std::size_t n) {
    const auto value = static_cast<std::uint32_t>(n);
    char bytes[4];
    std::memcpy(bytes, &value, 4);
    out.append(bytes, 4);
  }
  void text(std::string_view s) {
    count(s.size());
    out.append(s);
  }
  void texts(const std::vector<std::string>& list) {
    count(list.size());
    for (const std::string& s : list) text(s);
  }
  void severity(const std::vector<SeverityScore>& list) {
    count(list.size());
    for (const SeverityScore& score : list) {
      text(score.type);
      text(score.score);
    }
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}

  bool number(std::size_t& n) {
    if (rest_.size() < 4) return fail();
    std::uint32_t value = 0;
    std::memcpy(&value, rest_.data(), 4);
    rest_.remove_prefix(4);
    n = value;
    return true;
  }
  // A list's length: every item takes at least four bytes, so a damaged count cannot make us
  // allocate more than the input could hold.
  bool count(std::size_t& n) { return number(n) && (n <= rest_.size() / 4 || fail()); }
  bool text(std::string& s) {
    std::size_t n = 0;
    if (!number(n) || n > rest_.size()) return fail();
    s.assign(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return true;
  }
  bool texts(std::vector<std::string>& list) {
    std::size_t n = 0;
    if (!count(n)) return false;
    list.resize(n);
    for (std::string& s : list) {
      if (!text(s)) return false;
    }
    return true;
  }
  bool severity(std::vector<SeverityScore>& list) {
    std::size_t n = 0;
    if (!count(n)) return false;
    list.resize(n);
    for (SeverityScore& score : list) {
      if (!text(score.type) || !text(score.score)) return false;
    }
    return true;
  }
  bool byte(std::uint8_t& b) {
    if (rest_.empty()) return fail();
    b = static_cast<std::uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return true;
  }
  bool done() const { return ok_ && rest_.empty(); }

 private:
  bool fail() {
    ok_ = false;
    return false;
  }
  std::string_view rest_;
  bool ok_ = true;
};

}  // namespace

std::string write_advisory_snapshot(const Advisory& advisory) {
  Writer w;
  w.out.reserve(512);
  w.out.append(kMagic);
  for (const std::string* field : {&advisory.id, &advisory.modified, &advisory.published, &advisory.withdrawn,
                                   &advisory.schema_version, &advisory.summary, &advisory.details}) {
    w.text(*field);
  }
  w.texts(advisory.aliases);
  w.texts(advisory.related);
  w.texts(advisory.upstream);
  w.severity(advisory.severity);
  w.count(advisory.affected.size());
  for (const AffectedPackage& package : advisory.affected) {
    w.text(package.name);
    w.text(package.purl);
    w.text(package.versions.ecosystem);
    w.count(package.versions.ranges.size());
    for (const OsvRange& range : package.versions.ranges) {
      w.text(range.type);
      w.text(range.repo);
      w.count(range.events.size());
      for (const OsvEvent& event : range.events) {
        w.out.push_back(static_cast<char>(event.kind));
        w.text(event.version);
      }
    }
    w.texts(package.versions.versions);
    w.severity(package.severity);
  }
  w.texts(advisory.references);
  return std::move(w.out);
}

std::optional<Advisory> read_advisory_snapshot(std::string_view bytes) {
  if (!bytes.starts_with(kMagic)) return std::nullopt;
  Reader r(bytes.substr(kMagic.size()));
  Advisory advisory;
  for (std::string* field : {&advisory.id, &advisory.modified, &advisory.published, &advisory.withdrawn,
                             &advisory.schema_version, &advisory.summary, &advisory.details}) {
    if (!r.text(*field)) return std::nullopt;
  }
  if (!r.texts(advisory.aliases) || !r.texts(advisory.related) || !r.texts(advisory.upstream) ||
      !r.severity(advisory.severity)) {
    return std::nullopt;
  }
  std::size_t packages = 0;
  if (!r.count(packages)) return std::nullopt;
  advisory.affected.resize(packages);
  for (AffectedPackage& package : advisory.affected) {
    std::size_t ranges = 0;
    if (!r.text(package.name) || !r.text(package.purl) || !r.text(package.versions.ecosystem) || !r.count(ranges)) {
      return std::nullopt;
    }
    package.versions.ranges.resize(ranges);
    for (OsvRange& range : package.versions.ranges) {
      std::size_t events = 0;
      if (!r.text(range.type) || !r.text(range.repo) || !r.count(events)) return std::nullopt;
      range.events.resize(events);
      for (OsvEvent& event : range.events) {
        std::uint8_t kind = 0;
        if (!r.byte(kind) || kind > static_cast<std::uint8_t>(OsvEvent::Kind::limit)) return std::nullopt;
        event.kind = static_cast<OsvEvent::Kind>(kind);
        if (!r.text(event.version)) return std::nullopt;
      }
    }
    if (!r.texts(package.versions.versions) || !r.severity(package.severity)) return std::nullopt;
  }
  if (!r.texts(advisory.references) || !r.done()) return std::nullopt;
  return advisory;
}

}  // namespace cradle
