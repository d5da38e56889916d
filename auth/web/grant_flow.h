// The decisions and the one write shared by /authorize, the login page, the
// consent page and the device page: does this browser need to sign in
// (again), is consent already on record, and approving a request (a new
// OAuth session for the user, the consent recorded, the grant fulfilled).
// Thread safety: pure functions, or over the caller's Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/web/visitor.h"
#include "shared/storage/model/oauth2_authorization_grant.h"

namespace gatehouse::web {

// A pending grant older than this is refused on the login and consent pages.
inline constexpr std::int64_t kPendingGrantLifetimeMs = 60 * 60 * 1000;

// True when the visitor must sign in before `grant` can proceed: no session,
// prompt=login without an authentication since the request was made, or an
// authentication older than max_age (OIDC Core §3.1.2.1).
bool needs_login(const storage::OAuth2AuthorizationGrant& grant, const Visitor& visitor,
                 std::int64_t now_ms);

// True when every requested scope token was approved before. Device scopes
// are left out: each sign-in names a new device, and approving the API
// scope is what the user consented to.
bool consent_covers(const std::vector<std::string>& requested,
                    const std::vector<std::string>& approved);

// The requested scope in human words, one line per token.
std::vector<std::string> describe_scopes(const std::vector<std::string>& tokens);

// Where the browser sees the request came from (for the session record).
struct RequestOrigin {
  std::string ip;
  std::string user_agent;
};

// Creates the user's OAuth session for `client_id` with `scope` (device ID
// from its device scope), started from the visitor's browser session, and
// records the consent. Returns the session id. Does not commit.
Result<std::string> start_user_session(const WebContext& ctx, storage::Transaction& tx,
                                       const std::string& client_id, const std::string& scope,
                                       const Visitor& visitor, const RequestOrigin& origin);

// Approves a pending authorization grant: start_user_session(), a fresh
// 32-character code whose fingerprint alone is stored, and the grant marked
// fulfilled. Returns the code, or nullopt when the grant was no longer
// pending (a second tab already answered). Does not commit.
Result<std::optional<std::string>> fulfil_authorization_grant(
    const WebContext& ctx, storage::Transaction& tx, const storage::OAuth2AuthorizationGrant& grant,
    const Visitor& visitor, const RequestOrigin& origin);

}  // namespace gatehouse::web
