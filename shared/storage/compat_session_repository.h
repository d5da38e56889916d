// The `compat_sessions` table (legacy Matrix logins). A session's tokens are
// valid only while it is unfinished, so finishing a session is all it takes
// to end them. Functions over an open Transaction: they never commit (the
// caller does) and are as thread-safe as the Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/compat_session.h"

namespace gatehouse::storage::compat_sessions {

// Inserts a new session. kConflict when the id exists; kDatabase when the
// user does not exist.
Status add(Transaction& tx, const CompatSession& session);

// The session, or nullopt when there is none with this id.
Result<std::optional<CompatSession>> find(Transaction& tx, std::string_view id);

// Ends the session at `now_ms`. false when there is no such session or it
// was already finished.
Result<bool> finish(Transaction& tx, std::string_view id, std::int64_t now_ms);

// Ends the user's unfinished sessions on `device_id` (a login that reuses a
// device replaces its session); returns how many.
Result<std::int64_t> finish_for_device(Transaction& tx, std::string_view user_id,
                                       std::string_view device_id, std::int64_t now_ms);

// Ends every unfinished session of the user; returns how many.
Result<std::int64_t> finish_all_for_user(Transaction& tx, std::string_view user_id,
                                         std::int64_t now_ms);

// Records activity (last_active_at, and the IP when given).
Status record_activity(Transaction& tx, std::string_view id, std::int64_t now_ms,
                       std::optional<std::string_view> ip);

// The user's unfinished sessions, oldest first.
Result<std::vector<CompatSession>> list_active_for_user(Transaction& tx,
                                                        std::string_view user_id);

// Which sessions a listing takes (the admin API's filters); empty: all.
struct SessionFilter {
  std::optional<std::string> user_id;
  std::optional<bool> finished;
};
// A page of sessions by id after `after` (empty: from the start), and how
// many the filter takes (page_query.h).
Result<std::vector<CompatSession>> list_page(Transaction& tx, const SessionFilter& filter,
                                             std::string_view after, std::int64_t limit);
Result<std::int64_t> count(Transaction& tx, const SessionFilter& filter);

}  // namespace gatehouse::storage::compat_sessions
