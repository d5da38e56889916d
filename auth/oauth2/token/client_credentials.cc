// client_credentials (RFC 6749 §4.4): a confidential client acting for
// itself. A new session per request, no user, no refresh token (§4.4.3:
// "A refresh token SHOULD NOT be included").
#include <algorithm>

#include "auth/oauth2/scope.h"
#include "auth/oauth2/token/grants.h"
#include "shared/storage/oauth2_session_repository.h"

namespace gatehouse::auth::oauth2 {

OAuthResult<TokenResponse> client_credentials_grant(const GrantInput& in,
                                                    const ClientCredentialsRequest& request) {
  // §4.4: "MUST only be used by confidential clients".
  if (in.client.client_auth_method == "none") {
    return reject(OAuthError::unauthorized_client("public clients cannot use client_credentials"));
  }
  const auto tokens = parse_scope(request.scope.value_or(""));
  const auto& admins = in.context.oauth.admin_clients;
  ScopeContext scope_ctx{GrantType::kClientCredentials, false,
                         std::find(admins.begin(), admins.end(), in.client.id) != admins.end()};
  if (auto refused = validate_scope(tokens, scope_ctx)) return reject(*refused);

  storage::OAuth2Session session;
  session.id = in.context.new_id();
  session.client_id = in.client.id;
  session.scope = join_scope(tokens);
  session.created_at = in.now_ms;
  auto issued = issue_with_new_session(in.tx, in.context, session, in.now_ms);
  if (!issued) return reject(issued.error());
  return std::move(issued->response);
}

}  // namespace gatehouse::auth::oauth2
