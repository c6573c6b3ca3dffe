// Webhooks: each event (store/portfolio.h) POSTed as a JSON document to a URL the user runs,
// signed so that the receiver can check it came from whoever holds the shared secret:
//   Content-Type: application/json
//   X-Cradle-Event: new_finding | resolved | status_changed
//   X-Cradle-Delivery: the event's id (the same on every retry, for de-duplication)
//   X-Cradle-Signature: sha256=<lowercase hex HMAC-SHA256 of the exact body, keyed by the secret>
// A 2xx answer delivers the event. No answer, 408, 429 and 5xx are retried, waiting
// backoff, 2 x backoff, 4 x backoff, ... between attempts; any other status is final.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "store/portfolio.h"

namespace cradle {

struct WebhookOptions {
  std::string url;
  std::string secret;
  int attempts = 5;              // per event, the first included
  double backoff_seconds = 1.0;  // before the second attempt; doubled after each
  long timeout_seconds = 10;     // per attempt
  // Waits between attempts (tests shorten it); std::this_thread::sleep_for when empty.
  std::function<void(double seconds)> wait;
};

struct WebhookDelivery {
  bool delivered = false;
  int attempts = 0;
  std::string error;  // the last failure, when not delivered
};

nlohmann::ordered_json event_json(const EventRecord& event);

// Lowercase hex HMAC-SHA256 (OpenSSL).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

WebhookDelivery deliver_event(const EventRecord& event, const WebhookOptions& options);

}  // namespace cradle
