// HTTP GET with conditional requests (ETag / Last-Modified), through libcurl. A server that
// answers 304 Not Modified costs one round trip and no body.
#pragma once

#include <cstddef>
#include <expected>
#include <string>

#include "model/error.h"

namespace cradle {

// Validators from an earlier response; empty ones are not sent.
struct HttpValidators {
  std::string etag;
  std::string last_modified;
};

struct HttpResponse {
  long status = 0;  // 200, or 304 when the validators still hold
  std::string body;
  HttpValidators validators;  // as the server sent them (kept from the request on a 304)
};

// Follows redirects; any status other than 200 or 304 is an error naming it. The body is
// refused beyond max_bytes.
std::expected<HttpResponse, Error> http_get(const std::string& url, const HttpValidators& known,
                                            std::size_t max_bytes);

}  // namespace cradle
