// HTTP through libcurl: GET with conditional requests (ETag / Last-Modified; a server that
// answers 304 Not Modified costs one round trip and no body), and POST of a document.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <vector>

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

// POSTs `body` with these extra header lines ("Name: value"); the status, whatever it is (the
// caller decides what counts as delivered). An error only when no answer came (connection
// refused, timeout after `timeout_seconds`). Redirects are not followed.
std::expected<long, Error> http_post(const std::string& url, const std::string& body,
                                     const std::vector<std::string>& headers, long timeout_seconds);

}  // namespace cradle
