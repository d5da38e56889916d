#include "auth/oauth2/introspection.h"

#include <algorithm>

#include "auth/compat/compat_introspection.h"
#include "auth/oauth2/client_authentication.h"
#include "auth/oauth2/scope.h"
#include "auth/oauth2/token/issue.h"
#include "auth/oauth2/token_endpoint.h"
#include "shared/crypto/constant_time.h"
#include "shared/http/json_object.h"
#include "shared/ids/token.h"
#include "shared/storage/oauth2_session_repository.h"
#include "shared/storage/oauth2_token_repository.h"

namespace gatehouse::auth::oauth2 {
namespace {

constexpr std::string_view kInactive = R"({"active":false})";

// The caller: the homeserver by its shared secret, or a confidential client.
OAuthResult<void> authenticate_caller(const OAuth2Context& ctx, std::string_view authorization,
                                      const Form& form, storage::Transaction& tx,
                                      std::int64_t now_ms) {
  if (authorization.starts_with("Bearer ")) {
    if (!ctx.matrix_secret.empty() &&
        crypto::constant_time_equals(authorization.substr(7), ctx.matrix_secret)) {
      return {};
    }
    return reject(OAuthError::invalid_client("wrong bearer token"));
  }
  auto credentials = extract_client_credentials(authorization, form);
  if (!credentials) return reject(credentials.error());
  if (credentials->kind == ClientCredentials::Kind::kNone) {
    return reject(OAuthError::invalid_client("public clients cannot introspect tokens"));
  }
  auto client = authenticate_client(tx, *credentials, client_auth_context(ctx, now_ms));
  if (!client) return reject(client.error());
  return {};
}

// The token with its session and user (one joined query) if it is active
// at `now_ms`; nullopt for inactive.
OAuthResult<std::optional<storage::IntrospectedToken>> find_active_token(
    storage::Transaction& tx, ids::TokenType type, const std::string& fingerprint,
    std::int64_t now_ms) {
  using Out = std::optional<storage::IntrospectedToken>;
  auto t = type == ids::TokenType::kAccessToken
               ? storage::oauth2_access_tokens::introspect_by_fingerprint(tx, fingerprint)
               : storage::oauth2_refresh_tokens::introspect_by_fingerprint(tx, fingerprint);
  if (!t) return reject(server_error("find token", t.error()));
  if (!*t || !(*t)->is_active(now_ms)) return Out{};
  return Out(std::move(**t));
}

}  // namespace

OAuthResult<std::string> handle_introspection(const OAuth2Context& ctx, std::string_view authorization,
                                       const Form& form, bool supports_device_id) {
  auto token = form.get("token");
  if (!token) return reject(OAuthError::invalid_request("missing parameter 'token'"));
  auto tx = ctx.db->begin(storage::TxMode::kRead);
  if (!tx) return reject(server_error("begin", tx.error()));
  const std::int64_t now_ms = ctx.clock->unix_millis();
  if (auto caller = authenticate_caller(ctx, authorization, form, **tx, now_ms); !caller) {
    return reject(caller.error());
  }
  // Only OAuth tokens live here; a malformed one, or a hint that names the
  // other kind (MAS), is simply inactive (RFC 7662 §2.2).
  auto type = ids::check_token(*token);
  // Compat tokens (mct_/syt_, mcr_/syr_) are answered by auth/compat.
  if (type && compat::is_compat_token(*type)) {
    auto answer = compat::introspect_compat_token(**tx, *ctx.db, now_ms, *token, *type,
                                                  form.get("token_type_hint"), supports_device_id);
    if (!answer) return reject(server_error("introspect compat token", answer.error()));
    return answer->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  if (!type || (*type != ids::TokenType::kAccessToken && *type != ids::TokenType::kRefreshToken)) {
    return std::string(kInactive);
  }
  const bool is_access = *type == ids::TokenType::kAccessToken;
  if (auto hint = form.get("token_type_hint");
      hint && *hint != (is_access ? "access_token" : "refresh_token")) {
    return std::string(kInactive);
  }
  auto found = find_active_token(**tx, *type, ids::token_fingerprint(*token), now_ms);
  if (!found) return reject(found.error());
  if (!*found) return std::string(kInactive);
  (void)(*tx)->commit();
  const storage::IntrospectedToken& t = **found;
  const auto scope = parse_scope(t.scope);

  // Written directly (http::JsonObject): the homeserver asks this for
  // every request its token cache cannot answer.
  http::JsonObject out;
  out.add("active", true)
      .add("scope", join_scope(with_matrix_twins(scope)))
      .add("client_id", t.client_id)
      .add("token_type", is_access ? "access_token" : "refresh_token")
      .add("iat", t.created_at / 1000)
      .add("nbf", t.created_at / 1000)
      .add("jti", t.id);
  if (t.user_id) {
    out.add("username", *t.username).add("sub", *t.user_id);
  }
  if (t.expires_at) {
    out.add("exp", *t.expires_at / 1000);
    out.add("expires_in", std::max<std::int64_t>(0, (*t.expires_at - now_ms) / 1000));
  }
  if (supports_device_id) {
    // The session's device, or (a session stored without one) its device scope's.
    auto device = t.device_id ? t.device_id : device_id_of(scope);
    if (device) out.add("device_id", *device);
  }

  if (is_access && !t.first_used_at) {
    // Once per token, its own short write: introspection otherwise only
    // reads, and on SQLite a read transaction must not take the write lock.
    // Refresh-token recovery (refresh_token.cc) depends on first_used_at.
    if (auto wtx = ctx.db->begin(storage::TxMode::kWrite); wtx) {
      if (storage::oauth2_access_tokens::mark_used(**wtx, t.id, now_ms)) {
        (void)storage::oauth2_sessions::record_activity(**wtx, t.session_id, now_ms, std::nullopt);
        (void)(*wtx)->commit();
      }
    }
  }
  return out.finish();
}

void register_introspection_route(http::Routes& routes, const OAuth2Context& ctx) {
  routes.add("oauth", http::Method::kPost, "/oauth2/introspect",
             [&ctx](const httplib::Request& req, httplib::Response& res) {
               auto form = parse_form_request(req);
               auto result =
                   form ? handle_introspection(ctx, req.get_header_value("Authorization"), *form,
                                               req.get_header_value("X-MAS-Supports-Device-Id") == "1")
                        : reject(form.error());
               if (!result) return write_oauth_error(res, result.error());
               write_oauth_json_text(res, 200, std::move(*result));
             });
}

}  // namespace gatehouse::auth::oauth2
