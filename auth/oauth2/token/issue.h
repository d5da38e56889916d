// Minting tokens for a session, shared by every grant, and the token
// endpoint's success answer (RFC 6749 §5.1). Tokens are MAS-format opaque
// strings (ids::generate_token); only their fingerprints are stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/oauth2/context.h"
#include "auth/oauth2/oauth_error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/oauth2_client.h"
#include "shared/storage/model/oauth2_session.h"

namespace gatehouse::auth::oauth2 {

struct TokenResponse {
  std::string access_token;
  std::int64_t expires_in = 0;  // seconds
  std::optional<std::string> refresh_token;
  std::string scope;
  std::optional<std::string> id_token;
};

// {"access_token", "token_type": "Bearer", "expires_in", "scope",
//  "refresh_token"?, "id_token"?}, as JSON text (http::JsonObject: this is
// every token request's answer).
std::string to_json_text(const TokenResponse& response);

struct IssuedTokens {
  TokenResponse response;
  std::string access_token_id;
  std::optional<std::string> refresh_token_id;
};

// Inserts an access token (experimental.access_token_ttl) and, when asked, a
// refresh token paired with it, for `session`; response.scope = session
// scope, or `narrowed_scope` (a subset a refresh asked for, RFC 6749 §6),
// which the access token then carries. Never commits. Errors are
// server_error (logged).
OAuthResult<IssuedTokens> issue_tokens(storage::Transaction& tx, const OAuth2Context& context,
                                       const storage::OAuth2Session& session, bool with_refresh,
                                       std::int64_t now_ms,
                                       const std::optional<std::string>& narrowed_scope = std::nullopt);

// Inserts `session` (new) with its access token, as deferred writes
// (oauth2_access_tokens::add_with_session_deferred): on PostgreSQL, with no
// other write in `tx`, the commit is the only round trip for them. A
// storage failure shows when `tx` commits.
OAuthResult<IssuedTokens> issue_with_new_session(storage::Transaction& tx, const OAuth2Context& context,
                                                 const storage::OAuth2Session& session,
                                                 std::int64_t now_ms);

// Adds an id_token to `issued.response` when the session's scope holds
// `openid` (OIDC Core §3.1.3.3), for a user-bound session. `code` (the
// authorization code being exchanged) gives c_hash.
OAuthResult<void> add_id_token(IssuedTokens& issued, const OAuth2Context& context,
                               const storage::OAuth2Client& client,
                               const storage::OAuth2Session& session,
                               std::optional<std::int64_t> auth_time_ms,
                               std::optional<std::string> nonce, std::optional<std::string> code,
                               std::int64_t now_ms);

// The session a grant continues, if it belongs to `client_id`, is not
// finished and its user (if any) is neither locked nor deactivated;
// invalid_grant otherwise. When the tokens about to be minted carry an admin
// scope (`scope`, default the session's), the user must still have
// can_request_admin (it may have been taken away since the consent):
// invalid_scope otherwise.
OAuthResult<storage::OAuth2Session> load_live_session(
    storage::Transaction& tx, std::string_view session_id, std::string_view client_id,
    const std::optional<std::string>& scope = std::nullopt);

// Logs `error` as the cause of a server_error and returns that error.
OAuthError server_error(std::string_view what, const Error& error);

}  // namespace gatehouse::auth::oauth2
