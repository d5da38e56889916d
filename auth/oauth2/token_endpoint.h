// POST /oauth2/token (RFC 6749 §3.2): parse the form once, authenticate the
// client, check it may use the grant, run the grant (token/grants.h) in one
// transaction, answer JSON with Cache-Control: no-store (§5.1).
#pragma once

#include "auth/oauth2/client_authentication.h"
#include "auth/oauth2/context.h"
#include "auth/oauth2/token/issue.h"
#include "shared/http/routes.h"

namespace gatehouse::auth::oauth2 {

// The whole exchange without HTTP (tests drive it directly): the form and
// the Authorization header in, the token answer or an error out.
OAuthResult<TokenResponse> handle_token_request(const OAuth2Context& context,
                                                std::string_view authorization_header,
                                                const Form& form);

// What authenticate_client needs from the context at `now_ms`, for the
// endpoint whose URL is `endpoint_url` (accepted as assertion audience).
ClientAuthContext client_auth_context(const OAuth2Context& context, std::int64_t now_ms);

// Answers an OAuth JSON body with the headers every OAuth API answer carries
// (no-store, CORS for browser clients such as Element Web).
void write_oauth_json(httplib::Response& res, int status, const nlohmann::json& body);
// The same for a body already serialised.
void write_oauth_json_text(httplib::Response& res, int status, std::string body);

void register_token_route(http::Routes& routes, const OAuth2Context& context);

}  // namespace gatehouse::auth::oauth2
