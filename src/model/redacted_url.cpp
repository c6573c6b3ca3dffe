#include "model/redacted_url.h"

#include <algorithm>
#include <array>

#include "model/ascii.h"

namespace cradle {
namespace {

constexpr std::string_view kHidden = "***";

// Query parameter names that carry secrets, lower case.
constexpr std::array<std::string_view, 20> kSecretParameters{"token",
                                                             "access_token",
                                                             "auth",
                                                             "auth_token",
                                                             "api_key",
                                                             "apikey",
                                                             "key",
                                                             "password",
                                                             "passwd",
                                                             "pwd",
                                                             "secret",
                                                             "client_secret",
                                                             "sig",
                                                             "signature",
                                                             "x-amz-signature",
                                                             "x-amz-credential",
                                                             "x-amz-security-token",
                                                             "x-goog-signature",
                                                             "x-goog-credential",
                                                             "private_token"};

bool is_secret_parameter(std::string_view name) {
  return std::ranges::find(kSecretParameters, ascii_lowercase(name)) != kSecretParameters.end();
}

}  // namespace

std::string redacted_url(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const std::string_view scheme = url.substr(0, scheme_end);
  const std::size_t authority = scheme_end + 3;
  const std::size_t authority_end = std::min(url.find_first_of("/?#", authority), url.size());
  std::string out(url.substr(0, authority));
  // User information: what comes before the last '@' of the authority.
  const std::size_t at = url.substr(0, authority_end).rfind('@');
  if (at != std::string_view::npos && at >= authority) {
    const std::string_view user_info = url.substr(authority, at - authority);
    const std::size_t colon = user_info.find(':');
    if (colon != std::string_view::npos) {
      out += user_info.substr(0, colon + 1);
      out += kHidden;
    } else if (scheme == "http" || scheme == "https") {
      out += kHidden;
    } else {
      out += user_info;
    }
    out += url.substr(at, authority_end - at);
  } else {
    out += url.substr(authority, authority_end - authority);
  }
  // Path, then the query's parameters one by one, then the fragment as it is.
  const std::size_t query = url.find('?', authority_end);
  const std::size_t fragment = std::min(url.find('#', authority_end), url.size());
  if (query == std::string_view::npos || query > fragment) {
    out += url.substr(authority_end);
    return out;
  }
  out += url.substr(authority_end, query + 1 - authority_end);
  for (std::size_t start = query + 1; start <= fragment;) {
    const std::size_t end = std::min(url.find('&', start), fragment);
    const std::string_view parameter = url.substr(start, end - start);
    const std::size_t equals = parameter.find('=');
    if (equals != std::string_view::npos && is_secret_parameter(parameter.substr(0, equals))) {
      out += parameter.substr(0, equals + 1);
      out += kHidden;
    } else {
      out += parameter;
    }
    if (end == fragment) break;
    out += '&';
    start = end + 1;
  }
  out += url.substr(fragment);
  return out;
}

bool has_credentials(std::string_view url) { return redacted_url(url) != url; }

}  // namespace cradle
