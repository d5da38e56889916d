// Deactivating an account, for `manage lock-user --deactivate` and the
// account page alike: the user can no longer sign in, every session of
// theirs ends (browser, compat, OAuth 2.0; noted in `ended`, so their tokens
// fail at the homeserver at once after the caller's commit), and a
// deactivate-user job tells the homeserver. Does not commit.
#pragma once

#include <vector>

#include "auth/sessions/ended_sessions.h"
#include "auth/sessions/user_sessions.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/user.h"

namespace gatehouse::auth::sessions {

// The sessions finished, per kind. A user already deactivated is left as
// is (no sessions finished, no job).
Result<std::vector<SessionCount>> deactivate_account(storage::Transaction& tx, const Clock& clock,
                                                     const storage::User& user, bool erase,
                                                     EndedSessions& ended);

}  // namespace gatehouse::auth::sessions
