// POST /oauth2/introspect (RFC 7662), answered as MAS answers Synapse
// (mas.md §7.2). Callers: the homeserver (Authorization: Bearer
// <matrix.secret>, compared in constant time) or a confidential client.
// Active answer: active, scope (stable and unstable Matrix scopes both),
// client_id, username, token_type, exp, expires_in, iat, nbf, sub, jti, and
// device_id when the caller sends X-MAS-Supports-Device-Id: 1. Unknown,
// malformed, expired or revoked tokens, finished sessions, locked or
// deactivated users: {"active": false}. First use of an access token is
// recorded (refresh recovery depends on it).
#pragma once

#include <string>

#include "auth/oauth2/context.h"
#include "auth/oauth2/form.h"
#include "auth/oauth2/oauth_error.h"
#include "shared/http/routes.h"

namespace gatehouse::auth::oauth2 {

// The answer body (JSON text), after authenticating the caller.
OAuthResult<std::string> handle_introspection(const OAuth2Context& context,
                                                 std::string_view authorization_header,
                                                 const Form& form, bool supports_device_id);

void register_introspection_route(http::Routes& routes, const OAuth2Context& context);

}  // namespace gatehouse::auth::oauth2
