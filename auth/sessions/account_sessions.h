// The user's live sessions as the account page shows them (OAuth 2.0 and
// compat alike: each is a signed-in device or application; and the browsers
// signed in to these pages), and ending one of them at the user's request.
// Ending a browser's session signs that browser out; the applications it
// let in keep their own sessions (each listed, and ended, on its own).
//
// Both run inside the caller's transaction and do not commit; the caller
// announces `ended` after its commit, so the device's tokens fail at the
// homeserver at once and the device is deleted there (sync-devices job).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/sessions/ended_sessions.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::auth::sessions {

enum class SessionKind { kOAuth2, kCompat, kBrowser };

// "oauth2" / "compat" / "browser": how forms name a kind.
std::string_view kind_name(SessionKind kind);
std::optional<SessionKind> parse_kind(std::string_view name);

struct AccountSession {
  SessionKind kind = SessionKind::kOAuth2;
  std::string id;  // the session's ULID
  std::optional<std::string> device_id;
  // OAuth 2.0: the client's name (its id when it has none); compat: the
  // device's display name, when the login gave one; browser: its user agent.
  std::optional<std::string> client_name;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_active_at;
  std::optional<std::string> last_active_ip;
};

// The user's unfinished sessions, newest first.
Result<std::vector<AccountSession>> list_account_sessions(storage::Transaction& tx,
                                                          std::string_view user_id);

// Ends the session `id` of `kind` if it is one of the user's live sessions
// (noted in `ended`); false when it is not (unknown, another user's, or
// already ended), and then nothing changed.
Result<bool> end_account_session(storage::Transaction& tx, std::string_view user_id,
                                 SessionKind kind, std::string_view id, std::int64_t now_ms,
                                 EndedSessions& ended);

}  // namespace gatehouse::auth::sessions
