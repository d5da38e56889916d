// OAuth scopes as Gatehouse understands them (mas.md §4; MSC2967): parsing,
// the rules of MAS's default authorization_grant policy, device scopes, and
// the stable/unstable twins introspection reports to the homeserver.
//
//   openid, email, urn:mas:graphql:*          always allowed
//   urn:matrix:client:api:*                   interactive grants only
//   urn:matrix:org.matrix.msc2967.client:api:*   (unstable twin, same rule)
//   urn:matrix:client:device:<ID>             interactive only, at most one,
//     (+ unstable twin)                       needs an API scope
//   urn:synapse:admin:*                       interactive, user may request admin
//   urn:mas:admin                             as above, or client_credentials
//                                             by a listed admin client
// Stable and unstable Matrix scopes may not be mixed. Anything else is refused.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/oauth2/oauth_error.h"

namespace gatehouse::auth::oauth2 {

enum class GrantType { kAuthorizationCode, kRefreshToken, kClientCredentials, kDeviceCode };

// "authorization_code", "refresh_token", "client_credentials",
// "urn:ietf:params:oauth:grant-type:device_code".
std::string_view to_string(GrantType grant);
std::optional<GrantType> parse_grant_type(std::string_view text);

// Space-separated tokens (RFC 6749 §3.3), duplicates dropped, order kept.
// Runs of spaces are tolerated; other whitespace is part of a token (and
// then refused by validate_scope).
std::vector<std::string> parse_scope(std::string_view text);
std::string join_scope(const std::vector<std::string>& tokens);

// Who asks, for the admin rules.
struct ScopeContext {
  GrantType grant = GrantType::kAuthorizationCode;
  bool user_can_request_admin = false;  // users.can_request_admin
  bool client_is_admin = false;         // listed in oauth.admin_clients
};

// nullopt when every token is allowed; otherwise invalid_scope naming the
// first reason (e.g. "scope 'urn:mas:admin' not allowed").
std::optional<OAuthError> validate_scope(const std::vector<std::string>& tokens,
                                         const ScopeContext& context);

// True when `tokens` hold urn:synapse:admin:* or urn:mas:admin. A user's
// right to these (can_request_admin) can be taken away after the consent:
// they are checked again whenever a session mints new tokens.
bool has_admin_scope(const std::vector<std::string>& tokens);

// MAS's policy rule for client-chosen device IDs: 10 or more of
// [A-Za-z0-9._~!$&'()*+,;=:@/-].
bool is_valid_device_id(std::string_view device_id);

// The device ID of the (first) stable or unstable device scope, if any.
std::optional<std::string> device_id_of(const std::vector<std::string>& tokens);

// The tokens plus the stable/unstable twin of every Matrix API and device
// scope (what MAS reports to Synapse at introspection), order kept.
std::vector<std::string> with_matrix_twins(const std::vector<std::string>& tokens);

}  // namespace gatehouse::auth::oauth2
