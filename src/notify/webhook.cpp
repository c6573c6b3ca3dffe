#include "notify/webhook.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <thread>

#include "model/redacted_url.h"
#include "report/portfolio_report.h"
#include "sources/http_fetch.h"

namespace cradle {

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

WebhookDelivery deliver_event(const EventRecord& event, const WebhookOptions& options) {
  const std::string body = event_json(event).dump();
  const std::vector<std::string> headers{
      "Content-Type: application/json", "X-Cradle-Event: " + std::string(to_string(event.kind)),
      "X-Cradle-Delivery: " + std::to_string(event.id),
      "X-Cradle-Signature: sha256=" + hmac_sha256_hex(options.secret, body)};
  WebhookDelivery delivery;
  double wait = options.backoff_seconds;
  while (delivery.attempts < options.attempts) {
    if (delivery.attempts > 0) {
      if (options.wait) {
        options.wait(wait);
      } else {
        std::this_thread::sleep_for(std::chrono::duration<double>(wait));
      }
      wait *= 2;
    }
    ++delivery.attempts;
    auto status = http_post(options.url, body, headers, options.timeout_seconds);
    if (status && *status >= 200 && *status < 300) {
      delivery.delivered = true;
      delivery.error.clear();
      return delivery;
    }
    delivery.error = status ? fmt::format("{}: HTTP status {}", redacted_url(options.url), *status)
                            : status.error().message;
    const bool retry = !status || *status == 408 || *status == 429 || *status >= 500;
    if (!retry) return delivery;
  }
  return delivery;
}

std::expected<PendingDeliveries, Error> deliver_pending_events(EventStore& store,
                                                               const WebhookOptions& options,
                                                               std::string_view deliverer,
                                                               std::string_view since,
                                                               std::string_view stale_before) {
  // Deliveries are kept under the URL without its credentials (model/redacted_url.h).
  const std::string url = redacted_url(options.url);
  auto events = store.undelivered_events(url, since);
  if (!events) return std::unexpected(events.error());
  PendingDeliveries out;
  for (std::size_t i = 0; i < events->size(); ++i) {
    const EventRecord& event = (*events)[i];
    auto claimed = store.claim_delivery(url, event.id, deliverer, stale_before);
    if (!claimed) return std::unexpected(claimed.error());
    if (!*claimed) {
      ++out.claimed_elsewhere;
      continue;
    }
    WebhookDelivery delivery = deliver_event(event, options);
    if (!delivery.delivered) {
      if (auto released = store.release_delivery(url, event.id); !released)
        return std::unexpected(released.error());
      out.left = events->size() - i;
      out.failed = event;
      out.failure = std::move(delivery);
      return out;
    }
    if (auto marked = store.mark_delivered(url, event.id, delivery.attempts); !marked)
      return std::unexpected(marked.error());
    ++out.delivered;
  }
  return out;
}

}  // namespace cradle
