// Webhooks: each event (model/portfolio.h) POSTed as its JSON (report/portfolio_report.h: event_json) to a URL the user runs,
// signed so that the receiver can check it came from whoever holds the shared secret:
//   Content-Type: application/json
//   X-Cradle-Event: new_finding | resolved | status_changed
//   X-Cradle-Delivery: the event's id (the same on every retry, for de-duplication)
//   X-Cradle-Signature: sha256=<lowercase hex HMAC-SHA256 of the exact body, keyed by the secret>
// A 2xx answer delivers the event. No answer, 408, 429 and 5xx are retried, waiting
// backoff, 2 x backoff, 4 x backoff, ... between attempts; any other status is final.
#pragma once

#include <cstddef>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "model/portfolio.h"
#include "store/event_store.h"

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

// Lowercase hex HMAC-SHA256 (OpenSSL).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

WebhookDelivery deliver_event(const EventRecord& event, const WebhookOptions& options);

struct PendingDeliveries {
  std::size_t delivered = 0;
  std::size_t claimed_elsewhere = 0;  // being delivered by another deliverer
  std::size_t left = 0;               // not delivered: the failed event and those after it
  std::optional<EventRecord> failed;  // the event that was not delivered after its attempts
  WebhookDelivery failure;
};

// The events not yet delivered to options.url (at or after `since`), oldest first, each claimed
// in the store before it is sent (Store::claim_delivery), so that several deliverers over one
// store (workers, `cradle webhook deliver`) send each event once; an event another deliverer
// holds is left to it. The first event not delivered after its attempts ends the run, its claim
// released, so that the receiver gets this deliverer's events in order.
std::expected<PendingDeliveries, Error> deliver_pending_events(EventStore& store,
                                                               const WebhookOptions& options,
                                                               std::string_view deliverer,
                                                               std::string_view since,
                                                               std::string_view stale_before);

}  // namespace cradle
