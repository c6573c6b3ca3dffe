// Contact points: the e-mail addresses and web URLs by which whoever made a component or an
// SBOM can be reached. BSI TR-03183-2 asks for one of them (an e-mail address, else a URL); a
// name or a telephone number does not count.
//
// The checks are of form, not of reachability: "someone@example.com" is an e-mail address
// whether or not anyone reads it.
//
// Threads: plain values and functions; distinct objects may be used from several threads.
#pragma once

#include <string_view>

namespace cradle {

// local@domain: one '@', a non-empty local part, a domain of dot-separated labels (at least two)
// of letters, digits and hyphens; no spaces, no angle brackets. Not every RFC 5322 form (quoted
// local parts, IP literals): SBOMs do not use them.
bool is_email_address(std::string_view text);

// http:// or https:// followed by a host (letters, digits, '.', '-', optionally ":port").
bool is_web_url(std::string_view text);

// An e-mail address (a "mailto:" prefix allowed) or a web URL.
bool is_contact_point(std::string_view text);

}  // namespace cradle
