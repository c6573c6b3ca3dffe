#include "versions/maven_version.h"

#include <array>

#include "versions/version_text.h"

namespace cradle {
namespace {

using Item = MavenVersion::Item;
using Kind = MavenVersion::Item::Kind;

// The qualifiers Maven knows, in order; the empty one is the release.
constexpr std::array<std::string_view, 7> kQualifiers{"alpha",    "beta", "milestone", "rc",
                                                      "snapshot", "",     "sp"};
constexpr std::string_view kReleaseKey = "5";

std::string qualifier_key(std::string_view text, bool followed_by_digit) {
  if (followed_by_digit && text.size() == 1) {
    if (text == "a") text = "alpha";
    if (text == "b") text = "beta";
    if (text == "m") text = "milestone";
  }
  if (text == "ga" || text == "final" || text == "release") text = "";
  if (text == "cr") text = "rc";
  for (std::size_t i = 0; i < kQualifiers.size(); ++i) {
    if (kQualifiers[i] == text) return std::to_string(i);
  }
  return std::to_string(kQualifiers.size()) + "-" + std::string(text);
}

Item number_item(std::string_view digits) {
  std::size_t zeros = 0;
  while (zeros + 1 < digits.size() && digits[zeros] == '0') ++zeros;
  return Item{Kind::number, std::string(digits.substr(zeros)), {}};
}

Item qualifier_item(std::string_view text, bool followed_by_digit) {
  return Item{Kind::qualifier, {}, qualifier_key(text, followed_by_digit)};
}

bool is_null(const Item& item) {
  return item.kind == Kind::number ? item.digits == "0" : item.qualifier_key == kReleaseKey;
}

// A position in the chain: list `list` of `v`. Item `index` of that list is either one of its
// items or, one past them, the next list.
struct ListRef {
  const MavenVersion* v;
  std::size_t list;

  std::size_t size() const {
    return v->lists[list].size() + (list + 1 < v->lists.size() ? 1 : 0);
  }
  bool is_sublist(std::size_t index) const { return index == v->lists[list].size(); }
  const Item& item(std::size_t index) const { return v->lists[list][index]; }
  ListRef sublist() const { return ListRef{v, list + 1}; }
};

int sign(int c) { return (c > 0) - (c < 0); }

int compare_numbers(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return sign(a.compare(b));
}

// Item vs nothing (the other list ran out).
int compare_item_to_null(const Item& item) {
  if (item.kind == Kind::number) return item.digits == "0" ? 0 : 1;
  return sign(item.qualifier_key.compare(kReleaseKey));
}

int compare_list_to_null(ListRef list);

int compare_items(const Item& a, const Item& b) {
  if (a.kind != b.kind) return a.kind == Kind::number ? 1 : -1;
  if (a.kind == Kind::number) return compare_numbers(a.digits, b.digits);
  return sign(a.qualifier_key.compare(b.qualifier_key));
}

int compare_lists(ListRef a, ListRef b) {
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const bool has_a = i < a.size();
    const bool has_b = i < b.size();
    int result = 0;
    if (has_a && has_b) {
      const bool list_a = a.is_sublist(i);
      const bool list_b = b.is_sublist(i);
      if (list_a && list_b) {
        result = compare_lists(a.sublist(), b.sublist());
      } else if (list_a) {  // a list is below a number and above a qualifier
        result = b.item(i).kind == Kind::number ? -1 : 1;
      } else if (list_b) {
        result = a.item(i).kind == Kind::number ? 1 : -1;
      } else {
        result = compare_items(a.item(i), b.item(i));
      }
    } else if (has_a) {
      result = a.is_sublist(i) ? compare_list_to_null(a.sublist()) : compare_item_to_null(a.item(i));
    } else {
      result = -(b.is_sublist(i) ? compare_list_to_null(b.sublist())
                                 : compare_item_to_null(b.item(i)));
    }
    if (result != 0) return result;
  }
  return 0;
}

// A list vs nothing: the first item that differs from nothing decides (MNG-6964).
int compare_list_to_null(ListRef list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    int result = list.is_sublist(i) ? compare_list_to_null(list.sublist())
                                    : compare_item_to_null(list.item(i));
    if (result != 0) return result;
  }
  return 0;
}

}  // namespace

std::expected<MavenVersion, Error> parse_maven_version(std::string_view raw) {
  if (raw.empty()) return std::unexpected(version_error("empty version", 0));
  MavenVersion version;
  version.text = std::string(raw);
  const std::string text = ascii_lowercase(raw);
  version.lists.emplace_back();
  auto current = [&]() -> std::vector<Item>& { return version.lists.back(); };
  auto add = [&](std::string_view part, bool digit, bool followed_by_digit) {
    current().push_back(digit ? number_item(part) : qualifier_item(part, followed_by_digit));
  };

  bool digit = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' || c == '-') {
      if (i == start) {
        current().push_back(number_item("0"));
      } else {
        add(std::string_view(text).substr(start, i - start), digit, false);
      }
      start = i + 1;
      if (c == '-') version.lists.emplace_back();
    } else if (is_ascii_digit(c)) {
      if (!digit && i > start) {
        // ".X1" reads as "-X1": a qualifier after other items opens a sub-list.
        if (!current().empty()) version.lists.emplace_back();
        current().push_back(qualifier_item(std::string_view(text).substr(start, i - start), true));
        start = i;
        version.lists.emplace_back();
      }
      digit = true;
    } else {
      if (digit && i > start) {
        add(std::string_view(text).substr(start, i - start), true, false);
        start = i;
        version.lists.emplace_back();
      }
      digit = false;
    }
  }
  if (text.size() > start) {
    // A trailing ".X" reads as "-X" too (1.0.0.X1 < 1.0.0-X2 in Maven 3.8).
    if (!digit && !current().empty()) version.lists.emplace_back();
    add(std::string_view(text).substr(start), digit, false);
  }

  // Normalise innermost first, as ListItem.normalize() does: an empty sub-list at the end is
  // null and goes; then null items go from the end of the list, reaching past a non-empty
  // sub-list (so 1.0-1 == 1-1).
  for (std::size_t l = version.lists.size(); l-- > 0;) {
    if (l + 2 == version.lists.size() && version.lists.back().empty()) version.lists.pop_back();
    std::vector<Item>& items = version.lists[l];
    while (!items.empty() && is_null(items.back())) items.pop_back();
  }
  return version;
}

std::strong_ordering compare(const MavenVersion& a, const MavenVersion& b) {
  int result = compare_lists(ListRef{&a, 0}, ListRef{&b, 0});
  return result <=> 0;
}

}  // namespace cradle
