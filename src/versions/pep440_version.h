// PyPI versions, ordered per PEP 440 as Python's `packaging` orders them:
// [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]. Spellings are normalised on parse (case,
// 'alpha'/'beta'/'c'/'pre'/'preview', 'rev'/'r', '-', '_' and '.' separators, implicit numbers,
// a leading 'v', surrounding whitespace). Release segments compare with zero padding
// (1.0 == 1.0.0); .devN < aN < bN < rcN < release < .postN; a local label sorts after the
// same public version, its numeric parts above its text parts.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <compare>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/error.h"

namespace cradle {

struct Pep440Version {
  enum class PreKind : std::uint8_t { alpha, beta, rc };
  struct Pre {
    PreKind kind;
    std::uint64_t number;
  };
  // A local segment: a number, or lowercase text.
  using LocalPart = std::variant<std::uint64_t, std::string>;

  std::uint64_t epoch = 0;
  std::vector<std::uint64_t> release;
  std::optional<Pre> pre;
  std::optional<std::uint64_t> post;
  std::optional<std::uint64_t> dev;
  std::vector<LocalPart> local;
};

std::expected<Pep440Version, Error> parse_pep440_version(std::string_view text);

// Weak: 1.0 and 1.0.0 are equivalent but not the same text.
std::weak_ordering compare(const Pep440Version& a, const Pep440Version& b);

// The normalised form PEP 440 defines (1.0RC1 -> 1.0rc1, 1.0-1 -> 1.0.post1).
std::string to_string(const Pep440Version& version);

}  // namespace cradle
