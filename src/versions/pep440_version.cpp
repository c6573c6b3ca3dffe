#include "versions/pep440_version.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "versions/version_text.h"

namespace cradle {
namespace {

// A cursor over the lowercased version text.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool done() const { return pos_ == text_.size(); }
  std::size_t pos() const { return pos_; }
  void reset(std::size_t pos) { pos_ = pos; }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  bool accept(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  bool accept_separator() {
    char c = peek();
    if (c != '-' && c != '_' && c != '.') return false;
    ++pos_;
    return true;
  }
  // The longest of `words` at the cursor, consumed; or empty.
  template <std::size_t N>
  std::string_view accept_word(const std::array<std::string_view, N>& words) {
    std::string_view best;
    for (std::string_view word : words) {
      if (word.size() > best.size() && text_.substr(pos_).starts_with(word)) best = word;
    }
    pos_ += best.size();
    return best;
  }
  std::string_view digits() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && is_ascii_digit(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::expected<std::uint64_t, Error> number(std::string_view digits, std::size_t offset) {
  auto value = parse_decimal(digits, /*allow_leading_zero=*/true);
  if (!value) return std::unexpected(version_error("number too large", offset));
  return *value;
}

// [sep] word [sep] [N], where the second separator belongs to the part only when digits follow.
// Returns the word (empty when absent, the cursor unmoved) and the number (0 when implicit).
template <std::size_t N>
std::expected<std::pair<std::string_view, std::uint64_t>, Error> labelled_number(
    Reader& in, const std::array<std::string_view, N>& words) {
  std::size_t start = in.pos();
  in.accept_separator();
  std::string_view word = in.accept_word(words);
  if (word.empty()) {
    in.reset(start);
    return std::pair<std::string_view, std::uint64_t>{};
  }
  std::size_t before_separator = in.pos();
  bool separated = in.accept_separator();
  std::size_t digits_at = in.pos();
  std::string_view digits = in.digits();
  if (digits.empty() && separated) in.reset(before_separator);
  std::uint64_t value = 0;
  if (!digits.empty()) {
    auto parsed = number(digits, digits_at);
    if (!parsed) return std::unexpected(parsed.error());
    value = *parsed;
  }
  return std::pair{word, value};
}

constexpr std::array<std::string_view, 8> kPreWords{"a",     "b",    "c",   "rc",
                                                    "alpha", "beta", "pre", "preview"};
constexpr std::array<std::string_view, 3> kPostWords{"post", "rev", "r"};
constexpr std::array<std::string_view, 1> kDevWords{"dev"};

Pep440Version::PreKind pre_kind(std::string_view word) {
  if (word == "a" || word == "alpha") return Pep440Version::PreKind::alpha;
  if (word == "b" || word == "beta") return Pep440Version::PreKind::beta;
  return Pep440Version::PreKind::rc;
}

// Compares optional parts where absence sorts at `absent` (below or above every value).
template <typename T>
std::weak_ordering compare_optional(const std::optional<T>& a, const std::optional<T>& b,
                                    bool absent_is_lowest) {
  if (a.has_value() && b.has_value()) return *a <=> *b;
  if (!a.has_value() && !b.has_value()) return std::weak_ordering::equivalent;
  bool a_lower = a.has_value() != absent_is_lowest;
  return a_lower ? std::weak_ordering::less : std::weak_ordering::greater;
}

}  // namespace

std::expected<Pep440Version, Error> parse_pep440_version(std::string_view raw) {
  const std::size_t lead = std::min(raw.find_first_not_of(" \t\n\r\f\v"), raw.size());
  const std::size_t trail = raw.find_last_not_of(" \t\n\r\f\v");
  std::string text = ascii_lowercase(
      trail == std::string_view::npos ? std::string_view{} : raw.substr(lead, trail + 1 - lead));
  if (text.empty()) return std::unexpected(version_error("empty version", 0));
  auto fail = [&](std::string message, std::size_t at) {
    return std::unexpected(version_error(std::move(message), lead + at));
  };

  Reader in(text);
  Pep440Version version;
  in.accept('v');
  std::size_t first_at = in.pos();
  std::string_view first = in.digits();
  if (first.empty()) return fail("expected a release number", first_at);
  if (in.accept('!')) {
    auto epoch = number(first, lead + first_at);
    if (!epoch) return std::unexpected(epoch.error());
    version.epoch = *epoch;
    first_at = in.pos();
    first = in.digits();
    if (first.empty()) return fail("expected a release number after the epoch", first_at);
  }
  auto release = number(first, lead + first_at);
  if (!release) return std::unexpected(release.error());
  version.release.push_back(*release);
  while (in.peek() == '.' && is_ascii_digit(in.peek(1))) {
    in.accept('.');
    std::size_t at = in.pos();
    auto part = number(in.digits(), lead + at);
    if (!part) return std::unexpected(part.error());
    version.release.push_back(*part);
  }

  auto pre = labelled_number(in, kPreWords);
  if (!pre) return std::unexpected(pre.error());
  if (!pre->first.empty()) version.pre = Pep440Version::Pre{pre_kind(pre->first), pre->second};

  // Post: "-N" or [sep] post|rev|r [sep] [N].
  if (in.peek() == '-' && is_ascii_digit(in.peek(1))) {
    in.accept('-');
    std::size_t at = in.pos();
    auto post = number(in.digits(), lead + at);
    if (!post) return std::unexpected(post.error());
    version.post = *post;
  } else {
    auto post = labelled_number(in, kPostWords);
    if (!post) return std::unexpected(post.error());
    if (!post->first.empty()) version.post = post->second;
  }

  auto dev = labelled_number(in, kDevWords);
  if (!dev) return std::unexpected(dev.error());
  if (!dev->first.empty()) version.dev = dev->second;

  if (in.accept('+')) {
    // [a-z0-9]+ ([-_.] [a-z0-9]+)*
    std::size_t start = in.pos();
    std::string_view rest = std::string_view(text).substr(start);
    std::size_t segment_start = 0;
    for (std::size_t i = 0; i <= rest.size(); ++i) {
      bool end = i == rest.size();
      char c = end ? '\0' : rest[i];
      if (!end && is_ascii_alnum(c)) continue;
      if (!end && c != '-' && c != '_' && c != '.') {
        return fail(fmt::format("'{}' is not allowed in a local version label", c), start + i);
      }
      std::string_view segment = rest.substr(segment_start, i - segment_start);
      if (segment.empty()) return fail("empty local version segment", start + i);
      if (std::ranges::all_of(segment, is_ascii_digit)) {
        auto value = number(segment, lead + start + segment_start);
        if (!value) return std::unexpected(value.error());
        version.local.emplace_back(*value);
      } else {
        version.local.emplace_back(std::string(segment));
      }
      segment_start = i + 1;
    }
    in.reset(text.size());
  }
  if (!in.done()) {
    return fail(fmt::format("unexpected '{}'", in.peek()), in.pos());
  }
  return version;
}

std::weak_ordering compare(const Pep440Version& a, const Pep440Version& b) {
  if (auto c = a.epoch <=> b.epoch; c != 0) return c;
  const std::size_t n = std::max(a.release.size(), b.release.size());
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t x = i < a.release.size() ? a.release[i] : 0;
    std::uint64_t y = i < b.release.size() ? b.release[i] : 0;
    if (auto c = x <=> y; c != 0) return c;
  }
  // A dev release of a final version (1.0.dev1) sorts before its pre-releases (1.0a1).
  auto pre_rank = [](const Pep440Version& v) -> int {
    if (v.pre) return 1;
    return (!v.post && v.dev) ? 0 : 2;
  };
  if (auto c = pre_rank(a) <=> pre_rank(b); c != 0) return c;
  if (a.pre && b.pre) {
    if (auto c = a.pre->kind <=> b.pre->kind; c != 0) return c;
    if (auto c = a.pre->number <=> b.pre->number; c != 0) return c;
  }
  if (auto c = compare_optional(a.post, b.post, /*absent_is_lowest=*/true); c != 0) return c;
  if (auto c = compare_optional(a.dev, b.dev, /*absent_is_lowest=*/false); c != 0) return c;
  // Local labels: absent < present; part by part, numbers above text, a longer label wins a tie.
  const std::size_t m = std::min(a.local.size(), b.local.size());
  for (std::size_t i = 0; i < m; ++i) {
    const auto& x = a.local[i];
    const auto& y = b.local[i];
    if (x.index() != y.index()) {
      return x.index() == 0 ? std::weak_ordering::greater : std::weak_ordering::less;
    }
    if (auto c = x <=> y; c != 0) return c;
  }
  return a.local.size() <=> b.local.size();
}

std::string to_string(const Pep440Version& version) {
  std::string out;
  if (version.epoch != 0) out = fmt::format("{}!", version.epoch);
  for (std::size_t i = 0; i < version.release.size(); ++i) {
    if (i > 0) out.push_back('.');
    out += fmt::format("{}", version.release[i]);
  }
  if (version.pre) {
    static constexpr std::array<std::string_view, 3> kLabels{"a", "b", "rc"};
    out += fmt::format("{}{}", kLabels[static_cast<std::size_t>(version.pre->kind)],
                       version.pre->number);
  }
  if (version.post) out += fmt::format(".post{}", *version.post);
  if (version.dev) out += fmt::format(".dev{}", *version.dev);
  for (std::size_t i = 0; i < version.local.size(); ++i) {
    out.push_back(i == 0 ? '+' : '.');
    const auto& part = version.local[i];
    if (part.index() == 0) {
      out += fmt::format("{}", std::get<0>(part));
    } else {
      out += std::get<1>(part);
    }
  }
  return out;
}

}  // namespace cradle
