// urn:ietf:params:oauth:grant-type:device_code (RFC 8628 §3.4-3.5). The
// pending answers are HTTP 400 as the RFC says (MAS sends 403).
#include "auth/oauth2/token/grants.h"
#include "shared/ids/token.h"
#include "shared/storage/oauth2_device_code_grant_repository.h"

namespace gatehouse::auth::oauth2 {
namespace {

// §3.5: the client must wait `interval` (5 s, device_authorization.cc)
// between polls; a faster poll gets slow_down.
constexpr std::int64_t kMinPollIntervalMs = 5'000;

}  // namespace

OAuthResult<TokenResponse> device_code_grant(const GrantInput& in,
                                             const DeviceCodeRequest& request) {
  namespace grants = storage::oauth2_device_code_grants;
  auto found = grants::find_by_device_code_fingerprint(in.tx, ids::token_fingerprint(request.device_code));
  if (!found) return reject(server_error("find device grant", found.error()));
  if (!*found || (*found)->client_id != in.client.id) {
    return reject(OAuthError::invalid_grant("unknown device code"));
  }
  const storage::OAuth2DeviceCodeGrant grant = std::move(**found);
  if (grant.exchanged_at) return reject(OAuthError::invalid_grant("the device code was already used"));
  if (grant.rejected_at) return reject(OAuthError::access_denied("the user declined the request"));
  if (grant.is_expired(in.now_ms)) return reject(OAuthError::expired_token());
  if (grant.is_pending()) {
    const bool too_fast =
        grant.last_polled_at && in.now_ms - *grant.last_polled_at < kMinPollIntervalMs;
    // Recorded with the error: the endpoint commits (grants.h).
    if (auto polled = grants::record_poll(in.tx, grant.id, in.now_ms); !polled) {
      return reject(server_error("record poll", polled.error()));
    }
    return reject(too_fast ? OAuthError::slow_down() : OAuthError::authorization_pending());
  }
  if (!grant.session_id) return reject(OAuthError::invalid_grant("the device code is not valid"));
  auto session = load_live_session(in.tx, *grant.session_id, in.client.id);
  if (!session) return reject(session.error());
  auto exchanged = grants::exchange(in.tx, grant.id, in.now_ms);
  if (!exchanged) return reject(server_error("exchange device grant", exchanged.error()));
  if (!*exchanged) return reject(OAuthError::invalid_grant("the device code was already used"));
  auto issued = issue_tokens(in.tx, in.context, *session, /*with_refresh=*/true, in.now_ms);
  if (!issued) return reject(issued.error());
  if (auto id = add_id_token(*issued, in.context, in.client, *session, grant.fulfilled_at,
                             std::nullopt, std::nullopt, in.now_ms);
      !id) {
    return reject(id.error());
  }
  return std::move(issued->response);
}

}  // namespace gatehouse::auth::oauth2
