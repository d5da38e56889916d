// authorization_code (RFC 6749 §4.1.3, PKCE RFC 7636 §4.6). The grant was
// created at /authorize and fulfilled after login and consent (the browser
// half); here the code is redeemed once.
#include "auth/oauth2/token/grants.h"
#include "shared/crypto/pkce.h"
#include "shared/ids/token.h"
#include "shared/storage/oauth2_authorization_grant_repository.h"
#include "shared/storage/oauth2_session_repository.h"

namespace gatehouse::auth::oauth2 {
namespace {

// MAS: a code must be redeemed within 10 minutes of fulfilment (RFC 6749
// §4.1.2 recommends at most 10).
constexpr std::int64_t kCodeLifetimeMs = 10 * 60 * 1000;

std::optional<OAuthError> check_pkce(const storage::OAuth2AuthorizationGrant& grant,
                                     const storage::OAuth2Client& client,
                                     const std::optional<std::string>& verifier) {
  if (!grant.code_challenge) {
    // PKCE is mandatory for public clients (the browser side refuses such
    // requests; checked again here). RFC 7636 §4.5: a verifier without a
    // challenge is an error too.
    if (client.client_auth_method == "none") {
      return OAuthError::invalid_grant("PKCE is required for public clients");
    }
    if (verifier) return OAuthError::invalid_grant("no code_challenge was sent for this code");
    return std::nullopt;
  }
  if (!verifier) return OAuthError::invalid_grant("code_verifier is required");
  if (!crypto::pkce_verify(grant.code_challenge_method.value_or("plain"), *verifier,
                           *grant.code_challenge)) {
    return OAuthError::invalid_grant("code_verifier does not match the code_challenge");
  }
  return std::nullopt;
}

}  // namespace

OAuthResult<TokenResponse> authorization_code_grant(const GrantInput& in,
                                                    const AuthorizationCodeRequest& request) {
  namespace grants = storage::oauth2_authorization_grants;
  auto found = grants::find_by_code_fingerprint(in.tx, ids::token_fingerprint(request.code));
  if (!found) return reject(server_error("find grant", found.error()));
  if (!*found || (*found)->client_id != in.client.id) {
    return reject(OAuthError::invalid_grant("unknown authorization code"));
  }
  const storage::OAuth2AuthorizationGrant grant = std::move(**found);
  if (grant.exchanged_at) {
    // RFC 6749 §4.1.2: a code used twice means it leaked; the tokens it
    // produced "SHOULD" be revoked. Finishing the session does that. The
    // endpoint commits this with the error (grants.h).
    if (grant.session_id) {
      auto session = storage::oauth2_sessions::find(in.tx, *grant.session_id);
      auto finished = session ? storage::oauth2_sessions::finish(in.tx, *grant.session_id, in.now_ms)
                              : Result<bool>(tl::unexpected(session.error()));
      if (!finished) return reject(server_error("finish replayed session", finished.error()));
      // Its tokens may be cached by the homeserver: they must fail at once.
      if (*finished && *session && in.ended) {
        if (auto noted = in.ended->note(in.tx, **session); !noted) {
          return reject(server_error("note replayed session", noted.error()));
        }
      }
    }
    return reject(OAuthError::invalid_grant("the authorization code was already used"));
  }
  if (!grant.is_fulfilled() || !grant.session_id) {
    return reject(OAuthError::invalid_grant("the authorization code is not valid"));
  }
  if (in.now_ms - *grant.fulfilled_at > kCodeLifetimeMs) {
    return reject(OAuthError::invalid_grant("the authorization code has expired"));
  }
  // §4.1.3: redirect_uri must be identical to the one of the request.
  if (request.redirect_uri != grant.redirect_uri) {
    return reject(OAuthError::invalid_grant("redirect_uri does not match"));
  }
  if (auto refused = check_pkce(grant, in.client, request.code_verifier)) return reject(*refused);
  auto session = load_live_session(in.tx, *grant.session_id, in.client.id);
  if (!session) return reject(session.error());

  auto exchanged = grants::exchange(in.tx, grant.id, in.now_ms);
  if (!exchanged) return reject(server_error("exchange grant", exchanged.error()));
  if (!*exchanged) return reject(OAuthError::invalid_grant("the authorization code was already used"));
  // matrix-js-sdk requires a refresh token on every code exchange.
  auto issued = issue_tokens(in.tx, in.context, *session, /*with_refresh=*/true, in.now_ms);
  if (!issued) return reject(issued.error());
  if (auto id = add_id_token(*issued, in.context, in.client, *session, grant.auth_time,
                             grant.nonce, request.code, in.now_ms);
      !id) {
    return reject(id.error());
  }
  return std::move(issued->response);
}

}  // namespace gatehouse::auth::oauth2
