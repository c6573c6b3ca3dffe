// A URL fit to be stored and shown: without the credentials it may carry. A source or webhook URL
// can hold a user's password or token (`https://user:token@host/...`, `https://token@host/...`,
// `?token=...`, a signed link's `?X-Amz-Signature=...`), and a PostgreSQL store URL its
// `?password=`; evidence, reports, events, messages and store keys get the URL with each secret
// replaced by "***", and only the request itself sees the original.
//
// Threads: plain functions of their arguments.
#pragma once

#include <string>
#include <string_view>

namespace cradle {

// `url` with its secrets replaced by "***": the password of its user information (the whole
// user information for http and https, where a token often stands as the user name), and the
// values of query parameters whose names say they are secrets (token, access_token, password,
// secret, key, api_key, sig, signature, X-Amz-Signature, X-Amz-Credential, ... in any case).
// Anything without "://" (a file path) is returned as it is.
std::string redacted_url(std::string_view url);

// Whether redacted_url() would change `url`.
bool has_credentials(std::string_view url);

}  // namespace cradle
