// StoreRole: what each role of the evidence store (store/store.h: documents, advisories, the
// portfolio, VEX, attestations, signals, decisions, jobs, events) works through: the store's
// connection and its clock. A role is a few methods; a user that needs one role takes it
// (AdvisoryStore&), not the whole Store.
//
// Threads: as the Store it belongs to (one thread at a time).
#pragma once

#include "model/clock.h"
#include "store/sql_connection.h"

namespace cradle {

class StoreRole {
 protected:
  StoreRole(SqlConnection& db, const Clock& clock) : db_(&db), clock_(clock) {}

  SqlConnection* db_;
  const Clock& clock_;
};

}  // namespace cradle
