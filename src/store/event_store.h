// EventStore: one role of the evidence store (store/store.h). Events (what changed in the
// portfolio) and their webhook deliveries.
//
// Threads: as the Store it belongs to (one thread at a time).
#pragma once

#include <cstdint>
#include <expected>
#include <span>
#include <string_view>
#include <vector>

#include "model/error.h"
#include "model/portfolio.h"
#include "store/store_role.h"

namespace cradle {

class EventStore : protected StoreRole {
 public:
  // Events, with their ids assigned here; those at or after `since` (RFC 3339; empty: all), in
  // order.
  std::expected<void, Error> add_events(std::span<const EventRecord> events);
  std::expected<std::vector<EventRecord>, Error> events(std::string_view since);
  // Webhook deliveries: the events not yet delivered to `url`, oldest first, and a delivery.
  std::expected<std::vector<EventRecord>, Error> undelivered_events(std::string_view url,
                                                                    std::string_view since);
  std::expected<void, Error> mark_delivered(std::string_view url, std::int64_t event_id,
                                            int attempts);
  // Claims the delivery of an event to `url` for `deliverer`, in its own transaction: true when
  // the event is not delivered there yet and no other deliverer holds a claim on it taken at or
  // after `stale_before` (RFC 3339 UTC; empty: claims never go stale). A deliverer's own claim
  // is its again. mark_delivered() and release_delivery() end a claim.
  std::expected<bool, Error> claim_delivery(std::string_view url, std::int64_t event_id,
                                            std::string_view deliverer,
                                            std::string_view stale_before);
  std::expected<void, Error> release_delivery(std::string_view url, std::int64_t event_id);

 protected:
  using StoreRole::StoreRole;
};

}  // namespace cradle
