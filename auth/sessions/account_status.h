// Locking, unlocking, deactivating and reactivating an account, for
// `gatehouse manage`, the account page and the admin API alike, so each
// change reaches the homeserver the same way. All run inside the caller's
// transaction and do not commit; what they note in `ended` is announced by
// the caller after its commit (the user's cached tokens fail at once).
//
// - lock: no more logins; sessions are kept (MAS), but introspection answers
//   inactive for a locked user. The homeserver learns the lock (provision-user).
// - unlock: logins allowed again (a deactivated account stays deactivated).
// - deactivate: no more logins, every session (browser, compat, OAuth 2.0)
//   ends, and a deactivate-user job tells the homeserver.
// - reactivate: the account opens again (a reactivate-user job); old
//   sessions stay ended.
#pragma once

#include <vector>

#include "auth/sessions/ended_sessions.h"
#include "auth/sessions/user_sessions.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/user.h"

namespace gatehouse::auth::sessions {

Status lock_account(storage::Transaction& tx, const Clock& clock, const storage::User& user,
                    EndedSessions& ended);
Status unlock_account(storage::Transaction& tx, const Clock& clock, const storage::User& user);

// The sessions finished, per kind. A user already deactivated is left as
// is (no sessions finished, no job).
Result<std::vector<SessionCount>> deactivate_account(storage::Transaction& tx, const Clock& clock,
                                                     const storage::User& user, bool erase,
                                                     EndedSessions& ended);
// A user who is not deactivated is left as is.
Status reactivate_account(storage::Transaction& tx, const Clock& clock, const storage::User& user);

}  // namespace gatehouse::auth::sessions
