#include "auth/oauth2/token/issue.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "auth/oauth2/id_token.h"
#include "auth/oauth2/scope.h"
#include "shared/http/json_object.h"
#include "shared/ids/token.h"
#include "shared/storage/oauth2_session_repository.h"
#include "shared/storage/oauth2_token_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::oauth2 {

std::string to_json_text(const TokenResponse& r) {
  http::JsonObject out;
  out.add("access_token", r.access_token).add("token_type", "Bearer").add("expires_in", r.expires_in);
  out.add("scope", r.scope);
  if (r.refresh_token) out.add("refresh_token", *r.refresh_token);
  if (r.id_token) out.add("id_token", *r.id_token);
  return out.finish();
}

OAuthError server_error(std::string_view what, const Error& error) {
  spdlog::error("oauth2: {}: {}", what, error.describe());
  return error.code == ErrorCode::kUnavailable ? OAuthError::temporarily_unavailable()
                                               : OAuthError::server_error();
}

OAuthResult<storage::OAuth2Session> load_live_session(storage::Transaction& tx,
                                                      std::string_view session_id,
                                                      std::string_view client_id,
                                                      const std::optional<std::string>& scope) {
  auto session = storage::oauth2_sessions::find(tx, session_id);
  if (!session) return reject(server_error("load session", session.error()));
  if (!*session || (*session)->client_id != client_id) {
    return reject(OAuthError::invalid_grant("unknown session"));
  }
  if ((*session)->is_finished()) return reject(OAuthError::invalid_grant("the session has ended"));
  if ((*session)->user_id) {
    auto user = storage::users::find(tx, *(*session)->user_id);
    if (!user) return reject(server_error("load user", user.error()));
    if (!*user || !(*user)->active()) {
      return reject(OAuthError::invalid_grant("the user is locked or deactivated"));
    }
    if (!(*user)->can_request_admin && has_admin_scope(parse_scope(scope.value_or((*session)->scope)))) {
      return reject(OAuthError::invalid_scope("the user may no longer request admin access"));
    }
  }
  return std::move(**session);
}

namespace {
// A new access token for `session`: the answer's part and the row to store.
IssuedTokens new_access_token(const OAuth2Context& ctx, const storage::OAuth2Session& session,
                              std::int64_t now_ms, const std::optional<std::string>& narrowed_scope,
                              storage::OAuth2AccessToken& access) {
  IssuedTokens out;
  out.response.access_token = ids::generate_token(ids::TokenType::kAccessToken);
  out.response.expires_in = ctx.access_token_ttl_s;
  out.response.scope = narrowed_scope.value_or(session.scope);
  access.id = out.access_token_id = ctx.new_id();
  access.session_id = session.id;
  access.token_fingerprint = ids::token_fingerprint(out.response.access_token);
  access.created_at = now_ms;
  access.expires_at = now_ms + ctx.access_token_ttl_s * 1000;
  access.scope = narrowed_scope;
  return out;
}
}  // namespace

OAuthResult<IssuedTokens> issue_with_new_session(storage::Transaction& tx, const OAuth2Context& ctx,
                                                 const storage::OAuth2Session& session,
                                                 std::int64_t now_ms) {
  storage::OAuth2AccessToken access;
  IssuedTokens out = new_access_token(ctx, session, now_ms, std::nullopt, access);
  if (auto added = storage::oauth2_access_tokens::add_with_session_deferred(tx, session, access); !added) {
    return reject(server_error("store session and access token", added.error()));
  }
  return out;
}

OAuthResult<IssuedTokens> issue_tokens(storage::Transaction& tx, const OAuth2Context& ctx,
                                       const storage::OAuth2Session& session, bool with_refresh,
                                       std::int64_t now_ms,
                                       const std::optional<std::string>& narrowed_scope) {
  storage::OAuth2AccessToken access;
  IssuedTokens out = new_access_token(ctx, session, now_ms, narrowed_scope, access);
  if (auto added = storage::oauth2_access_tokens::add(tx, access); !added) {
    return reject(server_error("store access token", added.error()));
  }
  if (!with_refresh) return out;
  out.response.refresh_token = ids::generate_token(ids::TokenType::kRefreshToken);
  storage::OAuth2RefreshToken refresh;
  refresh.id = ctx.new_id();
  out.refresh_token_id = refresh.id;
  refresh.session_id = session.id;
  refresh.token_fingerprint = ids::token_fingerprint(*out.response.refresh_token);
  refresh.access_token_id = access.id;
  refresh.created_at = now_ms;
  if (auto added = storage::oauth2_refresh_tokens::add(tx, refresh); !added) {
    return reject(server_error("store refresh token", added.error()));
  }
  return out;
}

OAuthResult<void> add_id_token(IssuedTokens& issued, const OAuth2Context& ctx,
                               const storage::OAuth2Client& client,
                               const storage::OAuth2Session& session,
                               std::optional<std::int64_t> auth_time_ms,
                               std::optional<std::string> nonce, std::optional<std::string> code,
                               std::int64_t now_ms) {
  const auto scope = parse_scope(session.scope);
  if (!session.user_id || std::find(scope.begin(), scope.end(), "openid") == scope.end()) {
    return {};
  }
  auto alg = id_token_algorithm(client.id_token_signed_response_alg);
  if (!alg) return reject(server_error("id_token algorithm of client " + client.id, alg.error()));
  IdTokenInput input;
  input.issuer = ctx.issuer;
  input.subject = *session.user_id;
  input.client_id = client.id;
  input.now_s = now_ms / 1000;
  if (auth_time_ms) input.auth_time_s = *auth_time_ms / 1000;
  input.nonce = std::move(nonce);
  input.access_token = issued.response.access_token;
  input.code = std::move(code);
  auto signed_token = sign_id_token(*ctx.keystore, input, *alg);
  if (!signed_token) return reject(server_error("sign id_token", signed_token.error()));
  issued.response.id_token = std::move(*signed_token);
  return {};
}

}  // namespace gatehouse::auth::oauth2
