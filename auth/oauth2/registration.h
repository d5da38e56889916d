// POST /oauth2/registration (RFC 7591, MSC2966): dynamic client
// registration, validated by registration_policy.h, refused when
// oauth.dynamic_registration_enabled is false. Clients that authenticate
// with a secret get one generated here (shown once, stored encrypted).
#pragma once

#include <nlohmann/json.hpp>

#include "auth/oauth2/context.h"
#include "auth/oauth2/oauth_error.h"
#include "shared/http/routes.h"

namespace gatehouse::auth::oauth2 {

// The 201 answer body (RFC 7591 §3.2.1) after storing the client; commits.
OAuthResult<nlohmann::json> handle_registration(const OAuth2Context& context,
                                                std::string_view body);

void register_registration_route(http::Routes& routes, const OAuth2Context& context);

}  // namespace gatehouse::auth::oauth2
