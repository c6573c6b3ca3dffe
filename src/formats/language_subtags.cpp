#include "formats/language_subtags.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <ranges>
#include <vector>

namespace cradle {
namespace {

#include "formats/language_subtags.inc"

// UN M.49 area codes in the IANA language subtag registry.
constexpr std::string_view kAreaSubtags[] = {"001", "002", "003", "005", "009", "011", "013", "014",
                                             "015", "017", "018", "019", "021", "029", "030", "034",
                                             "035", "039", "053", "054", "057", "061", "142", "143",
                                             "145", "150", "151", "154", "155", "202", "419"};
// RFC 5646, section 2.2.8: tags registered before it, valid as a whole.
constexpr std::string_view kGrandfathered[] = {
    "art-lojban", "cel-gaulish", "en-gb-oed", "i-ami",      "i-bnn",     "i-default", "i-enochian",
    "i-hak",      "i-klingon",   "i-lux",     "i-mingo",    "i-navajo",  "i-pwn",     "i-tao",
    "i-tay",      "i-tsu",       "no-bok",    "no-nyn",     "sgn-be-fr", "sgn-be-nl", "sgn-ch-de",
    "zh-guoyu",   "zh-hakka",    "zh-min",    "zh-min-nan", "zh-xiang"};

bool all_of(std::string_view text, int (*test)(int)) {
  return std::ranges::all_of(text, [test](unsigned char c) { return test(c) != 0; });
}
std::string cased(std::string_view text, int (*to)(int)) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [to](unsigned char c) { return static_cast<char>(to(c)); });
  return out;
}
template <std::size_t N>
bool listed(const std::string_view (&table)[N], std::string_view code) {
  return std::ranges::binary_search(table, code);
}

}  // namespace

std::optional<std::string> language_tag_problem(std::string_view tag) {
  if (tag.empty()) return "the tag is empty";
  const std::string lowered = cased(tag, ::tolower);
  if (std::ranges::find(kGrandfathered, lowered) != std::end(kGrandfathered)) return std::nullopt;
  std::vector<std::string_view> parts;
  for (auto part : std::views::split(std::string_view(tag), '-'))
    parts.emplace_back(part.begin(), part.end());
  for (auto part : parts) {
    if (part.empty() || part.size() > 8 || !all_of(part, ::isalnum)) {
      return fmt::format("'{}' is not a subtag (1 to 8 letters or digits)", part);
    }
  }
  std::size_t i = 0;
  auto next_is = [&](auto predicate) { return i < parts.size() && predicate(parts[i]); };
  if (cased(parts[0], ::tolower) == "x") {
    if (parts.size() == 1) return "a private-use tag needs a subtag after 'x'";
    return std::nullopt;
  }
  const std::string_view language = parts[i++];
  if (!all_of(language, ::isalpha) || language.size() < 2 || language.size() > 8) {
    return fmt::format("the language '{}' is not 2 to 8 letters", language);
  }
  const std::string language_code = cased(language, ::tolower);
  const bool private_language =
      language_code.size() == 3 && language_code >= "qaa" && language_code <= "qtz";
  if (language.size() > 3 || (!private_language && !listed(kLanguageSubtags, language_code))) {
    return fmt::format(
        "'{}' is not an ISO 639 language code (BCP 47 takes the two-letter code where one exists)",
        language);
  }
  for (int extlangs = 0; extlangs < 3 && next_is([](std::string_view p) {
                           return p.size() == 3 && all_of(p, ::isalpha);
                         });
       ++extlangs) {
    ++i;
  }
  if (next_is([](std::string_view p) { return p.size() == 4 && all_of(p, ::isalpha); })) {
    const std::string script =
        cased(parts[i].substr(0, 1), ::toupper) + cased(parts[i].substr(1), ::tolower);
    const bool private_script = script >= "Qaaa" && script <= "Qabx";
    if (!private_script && !listed(kScriptSubtags, script))
      return fmt::format("'{}' is not an ISO 15924 script code", parts[i]);
    ++i;
  }
  if (next_is([](std::string_view p) {
        return (p.size() == 2 && all_of(p, ::isalpha)) || (p.size() == 3 && all_of(p, ::isdigit));
      })) {
    const std::string region = cased(parts[i], ::toupper);
    const bool private_region = region == "AA" || region == "ZZ" ||
                                (region.size() == 2 && ((region >= "QM" && region <= "QZ") ||
                                                        (region >= "XA" && region <= "XZ")));
    if (!private_region && !listed(kRegionSubtags, region) &&
        std::ranges::find(kAreaSubtags, region) == std::end(kAreaSubtags)) {
      return fmt::format("'{}' is not an ISO 3166-1 region or UN M.49 area code", parts[i]);
    }
    ++i;
  }
  while (next_is([](std::string_view p) {
    return p.size() >= 5 || (p.size() == 4 && std::isdigit(static_cast<unsigned char>(p[0])));
  })) {
    ++i;  // variants
  }
  std::vector<char> singletons;
  while (i < parts.size()) {
    const std::string singleton = cased(parts[i], ::tolower);
    if (singleton.size() != 1) return fmt::format("'{}' is out of place", parts[i]);
    if (singleton == "x") {
      if (i + 1 == parts.size()) return "'x' needs a private-use subtag after it";
      return std::nullopt;  // the rest is private use
    }
    if (std::ranges::find(singletons, singleton[0]) != singletons.end())
      return fmt::format("extension '{}' appears twice", singleton);
    singletons.push_back(singleton[0]);
    ++i;
    std::size_t subtags = 0;
    while (i < parts.size() && parts[i].size() >= 2) {
      ++i;
      ++subtags;
    }
    if (subtags == 0) return fmt::format("extension '{}' has no subtags", singleton);
  }
  return std::nullopt;
}

}  // namespace cradle
