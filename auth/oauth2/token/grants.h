// One function per grant type (a file each, as Dex's server/grants): the
// token endpoint parsed the form and authenticated the client; a grant
// checks its request, changes the database in the caller's transaction and
// returns the answer or an OAuthError.
//
// Contract with the endpoint: the transaction is committed after a grant
// returns, whether it returned tokens or an error, unless the error is a
// server_error/temporarily_unavailable (then it rolls back). So a grant
// writes only what must stay on that path: the tokens it returns, or an
// intended side effect of the error (a replayed code finishes its session;
// a device poll records its time).
#pragma once

#include <cstdint>

#include "auth/oauth2/context.h"
#include "auth/oauth2/oauth_error.h"
#include "auth/oauth2/token/issue.h"
#include "auth/oauth2/token/token_request.h"
#include "auth/sessions/ended_sessions.h"
#include "shared/storage/database.h"
#include "shared/storage/model/oauth2_client.h"

namespace gatehouse::auth::oauth2 {

struct GrantInput {
  storage::Transaction& tx;
  const OAuth2Context& context;
  const storage::OAuth2Client& client;  // authenticated
  std::int64_t now_ms;
  // Sessions the grant ended (a replayed code), told to the homeserver by
  // the endpoint after its commit. Null: nobody is told (unit tests).
  sessions::EndedSessions* ended = nullptr;
};

// RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.6). authorization_code.cc
OAuthResult<TokenResponse> authorization_code_grant(const GrantInput& in,
                                                    const AuthorizationCodeRequest& request);
// RFC 6749 §6 with rotation and MAS's lost-response recovery. refresh_token.cc
OAuthResult<TokenResponse> refresh_token_grant(const GrantInput& in,
                                               const RefreshTokenRequest& request);
// RFC 6749 §4.4. client_credentials.cc
OAuthResult<TokenResponse> client_credentials_grant(const GrantInput& in,
                                                    const ClientCredentialsRequest& request);
// RFC 8628 §3.4-3.5. device_code.cc
OAuthResult<TokenResponse> device_code_grant(const GrantInput& in,
                                             const DeviceCodeRequest& request);

}  // namespace gatehouse::auth::oauth2
