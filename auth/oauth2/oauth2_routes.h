// Every route of the OAuth 2.0 back channel: discovery and JWKS, token,
// introspection, revocation, registration, device authorization, plus CORS
// preflight answers for the API endpoints browser clients call.
// `context` must outlive the routes.
#pragma once

#include "auth/oauth2/context.h"
#include "shared/http/routes.h"

namespace gatehouse::auth::oauth2 {

void register_oauth2_routes(http::Routes& routes, const OAuth2Context& context);

}  // namespace gatehouse::auth::oauth2
