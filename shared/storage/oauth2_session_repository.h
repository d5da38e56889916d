// The `oauth2_sessions` table. Functions over an open Transaction: they never
// commit (the caller does) and are as thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/oauth2_session.h"

namespace gatehouse::storage::oauth2_sessions {

// Inserts a new session (the caller fills id, created_at, scope, ...).
// kConflict when the id exists; kDatabase when client/user do not exist.
Status add(Transaction& tx, const OAuth2Session& session);

// The INSERT that add() runs, its placeholders numbered from `first_param`,
// and its parameters: for a statement that combines it with another
// (oauth2_access_tokens::add_with_session_deferred).
std::string insert_sql(int first_param);
Params insert_params(const OAuth2Session& session);

// The session, or nullopt when there is none with this id.
Result<std::optional<OAuth2Session>> find(Transaction& tx, std::string_view id);

// Ends the session at `now_ms` and revokes its unrevoked access and refresh
// tokens. false when there is no such session or it was already finished.
Result<bool> finish(Transaction& tx, std::string_view id, std::int64_t now_ms);

// Records activity (last_active_at, and the IP when given).
Status record_activity(Transaction& tx, std::string_view id, std::int64_t now_ms,
                       std::optional<std::string_view> ip);

// The user's sessions that are not finished, oldest first.
Result<std::vector<OAuth2Session>> list_active_for_user(Transaction& tx,
                                                        std::string_view user_id);

// Which sessions a listing takes (the admin API's filters); empty: all.
struct SessionFilter {
  std::optional<std::string> user_id;
  std::optional<std::string> client_id;
  std::optional<bool> finished;
};
// A page of sessions by id after `after` (empty: from the start), and how
// many the filter takes (page_query.h).
Result<std::vector<OAuth2Session>> list_page(Transaction& tx, const SessionFilter& filter,
                                             std::string_view after, std::int64_t limit);
Result<std::int64_t> count(Transaction& tx, const SessionFilter& filter);

// Finishes (as finish()) every unfinished session started from this browser
// session; returns them as they were before (to tell the homeserver). For
// logout of the browser session.
Result<std::vector<OAuth2Session>> finish_for_user_session(Transaction& tx,
                                                           std::string_view user_session_id,
                                                           std::int64_t now_ms);

// Finishes (as finish()) every unfinished session of the user; returns how
// many. For `manage kill-sessions`.
Result<std::int64_t> finish_all_for_user(Transaction& tx, std::string_view user_id,
                                         std::int64_t now_ms);

}  // namespace gatehouse::storage::oauth2_sessions
