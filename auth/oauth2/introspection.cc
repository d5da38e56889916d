#include "auth/oauth2/introspection.h"

#include "auth/compat/compat_introspection.h"
#include "auth/oauth2/client_authentication.h"
#include "auth/oauth2/scope.h"
#include "auth/oauth2/token/issue.h"
#include "auth/oauth2/token_endpoint.h"
#include "shared/crypto/constant_time.h"
#include "shared/ids/token.h"
#include "shared/storage/oauth2_session_repository.h"
#include "shared/storage/oauth2_token_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::oauth2 {
namespace {

using json = nlohmann::json;
const json kInactive = {{"active", false}};

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

struct Found {
  std::string id;
  std::string session_id;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> expires_at;
  bool needs_mark_used = false;
};

// The stored token if it is live at `now_ms`; nullopt for inactive.
OAuthResult<std::optional<Found>> find_token(storage::Transaction& tx, ids::TokenType type,
                                             const std::string& fingerprint, std::int64_t now_ms) {
  using Out = std::optional<Found>;
  if (type == ids::TokenType::kAccessToken) {
    auto t = storage::oauth2_access_tokens::find_by_fingerprint(tx, fingerprint);
    if (!t) return reject(server_error("find access token", t.error()));
    if (!*t || !(*t)->is_valid(now_ms)) return Out{};
    return Out(Found{(*t)->id, (*t)->session_id, (*t)->created_at, (*t)->expires_at,
                     !(*t)->first_used_at});
  }
  auto t = storage::oauth2_refresh_tokens::find_by_fingerprint(tx, fingerprint);
  if (!t) return reject(server_error("find refresh token", t.error()));
  if (!*t || !(*t)->is_valid()) return Out{};
  return Out(Found{(*t)->id, (*t)->session_id, (*t)->created_at, std::nullopt, false});
}

}  // namespace

OAuthResult<json> handle_introspection(const OAuth2Context& ctx, std::string_view authorization,
  // Compat tokens (mct_/syt_, mcr_/syr_) are answered by auth/compat.
  if (type && compat::is_compat_token(*type)) {
    (void)(*tx)->rollback();
    auto answer = compat::introspect_compat_token(*ctx.db, now_ms, *token, *type,
                                                  form.get("token_type_hint"), supports_device_id);
    if (!answer) return reject(server_error("introspect compat token", answer.error()));
    return std::move(*answer);
  }
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
  if (!type || (*type != ids::TokenType::kAccessToken && *type != ids::TokenType::kRefreshToken)) {
    return kInactive;
  }
  const bool is_access = *type == ids::TokenType::kAccessToken;
  if (auto hint = form.get("token_type_hint");
      hint && *hint != (is_access ? "access_token" : "refresh_token")) {
    return kInactive;
  }
  auto found = find_token(**tx, *type, ids::token_fingerprint(*token), now_ms);
  if (!found) return reject(found.error());
  if (!*found) return kInactive;
  auto session = storage::oauth2_sessions::find(**tx, (*found)->session_id);
  if (!session) return reject(server_error("load session", session.error()));
  if (!*session || (*session)->is_finished()) return kInactive;
  std::optional<storage::User> user;
  if ((*session)->user_id) {
    auto u = storage::users::find(**tx, *(*session)->user_id);
    if (!u) return reject(server_error("load user", u.error()));
    if (!*u || !(*u)->active()) return kInactive;
    user = std::move(**u);
  }
  (void)(*tx)->commit();

  json out = {{"active", true},
              {"scope", join_scope(with_matrix_twins(parse_scope((*session)->scope)))},
              {"client_id", (*session)->client_id},
              {"token_type", is_access ? "access_token" : "refresh_token"},
              {"iat", (*found)->created_at / 1000},
              {"nbf", (*found)->created_at / 1000},
              {"jti", (*found)->id}};
  if (user) {
    out["username"] = user->username;
    out["sub"] = user->id;
  }
  if ((*found)->expires_at) {
    out["exp"] = *(*found)->expires_at / 1000;
    out["expires_in"] = std::max<std::int64_t>(0, (*(*found)->expires_at - now_ms) / 1000);
  }
  if (supports_device_id) {
    // The session's device, or (a session stored without one) its device scope's.
    auto device = (*session)->device_id ? (*session)->device_id
                                        : device_id_of(parse_scope((*session)->scope));
    if (device) out["device_id"] = *device;
  }

  if ((*found)->needs_mark_used) {
    // Its own short write: introspection otherwise only reads, and on
    // SQLite a read transaction must not take the write lock.
    if (auto wtx = ctx.db->begin(storage::TxMode::kWrite); wtx) {
      if (storage::oauth2_access_tokens::mark_used(**wtx, (*found)->id, now_ms)) {
        (void)storage::oauth2_sessions::record_activity(**wtx, (*session)->id, now_ms, std::nullopt);
        (void)(*wtx)->commit();
      }
    }
  }
  return out;
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
               write_oauth_json(res, 200, *result);
             });
}

}  // namespace gatehouse::auth::oauth2
