// POST /oauth2/revoke (RFC 7009). Revoking an access or refresh token ends
// the whole OAuth session (as MAS), so the client's other token dies too.
// Public clients authenticate with client_id in the body (matrix-js-sdk's
// logout). The answer is 200 with an EMPTY body and no Content-Type, as
// MAS: oidc-client-ts rejects a non-JSON Content-Type, and an empty body
// without one passes every client. Unknown or malformed tokens get the
// same 200 (§2.2: "invalid tokens do not cause an error response").
#pragma once

#include "auth/oauth2/context.h"
#include "auth/oauth2/form.h"
#include "auth/oauth2/oauth_error.h"
#include "shared/http/routes.h"

namespace gatehouse::auth::oauth2 {

// Authenticates the client and revokes; commits.
OAuthResult<void> handle_revocation(const OAuth2Context& context,
                                    std::string_view authorization_header, const Form& form);

void register_revocation_route(http::Routes& routes, const OAuth2Context& context);

}  // namespace gatehouse::auth::oauth2
