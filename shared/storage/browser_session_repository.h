// The `user_sessions` (browser sessions) and `user_session_authentications`
// tables. Functions over an open Transaction; they never commit.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/browser_session.h"

namespace gatehouse::storage::browser_sessions {

// Inserts a session. Errors: kDatabase when the user does not exist.
Status add(Transaction& tx, const BrowserSession& session);

// The session, or nullopt.
Result<std::optional<BrowserSession>> find(Transaction& tx, std::string_view id);

// The user's sessions not yet finished, oldest first.
Result<std::vector<BrowserSession>> list_active(Transaction& tx, std::string_view user_id);

// Which sessions a listing takes (the admin API's filters); empty: all.
struct SessionFilter {
  std::optional<std::string> user_id;
  std::optional<bool> finished;
};
// A page of sessions by id after `after`, and how many the filter takes
// (page_query.h).
Result<std::vector<BrowserSession>> list_page(Transaction& tx, const SessionFilter& filter,
                                              std::string_view after, std::int64_t limit);
Result<std::int64_t> count(Transaction& tx, const SessionFilter& filter);

// Sets finished_at on the session if it is still open; false when there is
// no such open session.
Result<bool> finish(Transaction& tx, std::string_view id, std::int64_t at);

// Sets finished_at on every unfinished session of the user; returns how many.
Result<std::int64_t> finish_all_for_user(Transaction& tx, std::string_view user_id,
                                         std::int64_t at);

// Records that `authentication.user_session_id` was authenticated.
Status add_authentication(Transaction& tx, const BrowserSessionAuthentication& authentication);

// The session's authentications, oldest first.
Result<std::vector<BrowserSessionAuthentication>> list_authentications(
    Transaction& tx, std::string_view user_session_id);

}  // namespace gatehouse::storage::browser_sessions
