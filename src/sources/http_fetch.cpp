#include "sources/http_fetch.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <cstdlib>
#include <memory>
#include <string_view>

#include "model/ascii.h"
#include "model/redacted_url.h"

namespace cradle {
namespace {

struct Transfer {
  std::string body;
  std::size_t max_bytes = 0;
  bool too_large = false;
  HttpValidators validators;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (transfer.body.size() + n > transfer.max_bytes) {
    transfer.too_large = true;
    return 0;  // aborts the transfer
  }
  transfer.body.append(data, n);
  return n;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  return text;
}

bool header_is(std::string_view line, std::string_view name) {
  return line.size() > name.size() && line[name.size()] == ':' &&
         ascii_iequals(line.substr(0, name.size()), name);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  // A redirect's headers come first; only the last response's validators count.
  if (line.starts_with("HTTP/")) transfer.validators = {};
  if (header_is(line, "etag")) transfer.validators.etag = trim(line.substr(5));
  if (header_is(line, "last-modified")) transfer.validators.last_modified = trim(line.substr(14));
  return size * count;
}

struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

// A fresh easy handle (null when libcurl cannot be initialised).
CurlHandle new_curl_handle() {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return CurlHandle(initialised ? curl_easy_init() : nullptr, &curl_easy_cleanup);
}

}  // namespace

std::expected<HttpResponse, Error> http_get(const std::string& url, const HttpValidators& known,
                                            std::size_t max_bytes) {
  auto fail = [&](std::string message) {
    return std::unexpected(Error{ErrorCode::io, fmt::format("{}: {}", redacted_url(url), message), {}});
  };
  CurlHandle curl = new_curl_handle();
  if (!curl) return fail("libcurl could not be initialised");

  Transfer transfer;
  transfer.max_bytes = max_bytes;
  std::unique_ptr<curl_slist, SlistFree> headers;
  auto add_header = [&](const std::string& header) {
    headers.reset(curl_slist_append(headers.release(), header.c_str()));
  };
  if (!known.etag.empty()) add_header("If-None-Match: " + known.etag);
  if (!known.last_modified.empty()) add_header("If-Modified-Since: " + known.last_modified);

  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(handle, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "cradle");
  // Credentials may come from ~/.netrc (or $NETRC), so that a URL need not carry them: a URL
  // with credentials is never queued, since the jobs table would keep them.
  curl_easy_setopt(handle, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_OPTIONAL));
  if (const char* netrc = std::getenv("NETRC"); netrc != nullptr && *netrc != '\0') {
    curl_easy_setopt(handle, CURLOPT_NETRC_FILE, netrc);
  }
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer);

  const CURLcode code = curl_easy_perform(handle);
  if (transfer.too_large) return fail(fmt::format("the body is more than {} bytes", max_bytes));
  if (code != CURLE_OK) return fail(curl_easy_strerror(code));
  HttpResponse response;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response.status);
  if (response.status == 304) {
    response.validators = known;
    return response;
  }
  if (response.status != 200) return fail(fmt::format("HTTP status {}", response.status));
  response.body = std::move(transfer.body);
  response.validators = std::move(transfer.validators);
  return response;
}

std::expected<long, Error> http_post(const std::string& url, const std::string& body,
                                     const std::vector<std::string>& headers, long timeout_seconds) {
  auto fail = [&](std::string message) {
    return std::unexpected(Error{ErrorCode::io, fmt::format("{}: {}", redacted_url(url), message), {}});
  };
  CurlHandle curl = new_curl_handle();
  if (!curl) return fail("libcurl could not be initialised");
  std::unique_ptr<curl_slist, SlistFree> list;
  for (const std::string& header : headers) list.reset(curl_slist_append(list.release(), header.c_str()));
  Transfer answer;  // the answer's body is read and dropped, up to a bound
  answer.max_bytes = 1 << 20;
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, timeout_seconds);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "cradle");
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &answer);
  const CURLcode code = curl_easy_perform(handle);
  if (code != CURLE_OK && !answer.too_large) return fail(curl_easy_strerror(code));
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  return status;
}

}  // namespace cradle
