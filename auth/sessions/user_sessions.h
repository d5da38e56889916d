// Every kind of session a user can hold (browser, compat, OAuth 2.0), counted
// or finished together: `manage kill-sessions`, and deactivation (MAS's
// deactivate job ends them all, so a reactivated account does not find its
// old tokens alive again). A new kind of session is one more entry in
// user_sessions.cc.
//
// Both run inside the caller's transaction and do not commit; the caller
// tells the homeserver afterwards (EndedSessions::note_user).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::auth::sessions {

struct SessionCount {
  const char* kind;  // "browser", "compat", "oauth2"
  std::int64_t count = 0;
};

// The user's unfinished sessions, per kind.
Result<std::vector<SessionCount>> count_live_sessions(storage::Transaction& tx,
                                                      std::string_view user_id);

// Finishes every unfinished session of the user at `at`; how many, per kind.
Result<std::vector<SessionCount>> finish_all_sessions(storage::Transaction& tx,
                                                      std::string_view user_id, std::int64_t at);

// "2 browser, 0 compat, 1 oauth2".
std::string describe(const std::vector<SessionCount>& counts);

}  // namespace gatehouse::auth::sessions
