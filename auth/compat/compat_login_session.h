// Making a compat session and its tokens, shared by every way in: POST
// /login (password, token, appservice), `manage issue-compatibility-token`.
// Two steps, because the homeserver must not be called inside a database
// transaction (and on SQLite the device job needs the write lock):
//
//   1. start_compat_session(tx, ...) inside the caller's write transaction:
//      finishes the user's previous sessions on the same device (a reused
//      device_id replaces its session), adds the session, an access token
//      (mct_) and, when refreshable, a refresh token (mcr_); the caller
//      commits;
//   2. provision_compat_device(...) after the commit: creates the device on
//      the homeserver (and drops the cached tokens of a replaced session).
//      If that fails the new session is finished at once and the error
//      returned: the login must fail, and nothing usable is left behind.
//
// Thread safety: as the Transaction and CompatContext.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "auth/compat/compat_context.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/compat_session.h"
#include "shared/storage/model/user.h"

namespace gatehouse::auth::compat {

struct CompatSessionRequest {
  std::optional<std::string> device_id;  // nullopt: a fresh one (10 alphanumerics)
  std::optional<std::string> display_name;
  bool refreshable = false;  // access token expires after experimental.compat_token_ttl
  bool is_synapse_admin = false;
  std::optional<std::string> user_session_id;
  std::optional<std::string> ip;
  std::optional<std::string> user_agent;
};

struct StartedCompatSession {
  storage::CompatSession session;  // device_id always set
  std::string access_token;        // shown once, never stored
  std::optional<std::string> refresh_token;
  std::optional<std::int64_t> expires_in_ms;
  bool replaced = false;  // a previous session on this device was finished
};

// `token_ttl_s`: experimental.compat_token_ttl (refreshable access tokens).
Result<StartedCompatSession> start_compat_session(storage::Transaction& tx, const Clock& clock,
                                                  int token_ttl_s, const storage::User& user,
                                                  const CompatSessionRequest& request);

// Step 2 (see above). On error the session is already finished.
Status provision_compat_device(const CompatContext& ctx, const storage::User& user,
                               const StartedCompatSession& started);

// A fresh access token (+ refresh token when `refreshable`) for `session_id`,
// inside the caller's transaction: login and /refresh.
struct IssuedCompatTokens {
  std::string access_token;
  std::string access_token_id;
  std::optional<std::string> refresh_token;
  std::optional<std::int64_t> expires_in_ms;
};
Result<IssuedCompatTokens> issue_compat_tokens(storage::Transaction& tx, const Clock& clock,
                                               int token_ttl_s, const std::string& session_id,
                                               bool refreshable);

}  // namespace gatehouse::auth::compat
