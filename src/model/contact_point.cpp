#include "model/contact_point.h"

#include <algorithm>

#include "model/ascii.h"

namespace cradle {
namespace {

bool is_host_char(char c) { return is_ascii_alnum(c) || c == '-' || c == '.'; }

// Dot-separated labels, at least two, none empty, none starting or ending with '-'.
bool is_domain(std::string_view domain) {
  if (domain.empty() || !std::ranges::all_of(domain, is_host_char)) return false;
  std::size_t labels = 0;
  while (true) {
    const std::size_t dot = domain.find('.');
    const std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  return labels >= 2;
}

}  // namespace

bool is_email_address(std::string_view text) {
  const std::size_t at = text.find('@');
  if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view local = text.substr(0, at);
  const bool local_ok = std::ranges::none_of(local, [](char c) {
    return c <= ' ' || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';' ||
           c == ':' || c == '"' || c == '\\' || c == '[' || c == ']' || c == 0x7f;
  });
  return local_ok && is_domain(text.substr(at + 1));
}

bool is_web_url(std::string_view text) {
  std::string_view rest;
  if (ascii_istarts_with(text, "https://")) {
    rest = text.substr(8);
  } else if (ascii_istarts_with(text, "http://")) {
    rest = text.substr(7);
  } else {
    return false;
  }
  if (std::ranges::any_of(rest, [](char c) { return c <= ' ' || c == 0x7f; })) return false;
  std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    const std::string_view port = host.substr(colon + 1);
    if (port.empty() || !std::ranges::all_of(port, is_ascii_digit)) return false;
    host = host.substr(0, colon);
  }
  return !host.empty() && std::ranges::all_of(host, is_host_char) && host.front() != '.' &&
         host.back() != '.';
}

bool is_contact_point(std::string_view text) {
  if (ascii_istarts_with(text, "mailto:")) return is_email_address(text.substr(7));
  return is_email_address(text) || is_web_url(text);
}

}  // namespace cradle
