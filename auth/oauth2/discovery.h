// The authorization server metadata (OIDC Discovery 1.0 §3, RFC 8414 §2),
// rendered once at start and served as is from
// /.well-known/openid-configuration and /.well-known/oauth-authorization-server,
// plus the JWKS at /oauth2/keys.json. Field set: mas.md §2.1, the
// extra fields matrix-js-sdk needs (clients.md), MSC4191's account management.
#pragma once

#include <string>

#include "auth/oauth2/context.h"
#include "shared/http/routes.h"

namespace gatehouse::auth::oauth2 {

// The metadata document as JSON text.
std::string render_discovery_document(const OAuth2Context& context);

// GET both well-known documents (resource "discovery").
void register_discovery_routes(http::Routes& routes, const OAuth2Context& context);
// GET /oauth2/keys.json (resource "oauth").
void register_keys_route(http::Routes& routes, const OAuth2Context& context);

}  // namespace gatehouse::auth::oauth2
