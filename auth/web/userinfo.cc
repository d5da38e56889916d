// GET|POST /oauth2/userinfo (OIDC Core §5.3): who the access token's user
// is. sub is the user's ULID, username the Matrix localpart, and email a
// confirmed address when the `email` scope was granted (MAS documents this
// but omits it). Token errors follow RFC 6750 §3.1.
#include <algorithm>

#include <spdlog/spdlog.h>

#include "auth/oauth2/scope.h"
#include "auth/web/handlers.h"
#include "shared/http/response.h"
#include "shared/ids/token.h"
#include "shared/storage/oauth2_session_repository.h"
#include "shared/storage/oauth2_token_repository.h"
#include "shared/storage/user_email_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::web {
namespace {

namespace oauth2 = gatehouse::auth::oauth2;

// RFC 6750 §2.1 header, or §2.2 form body on POST.
std::string bearer_token(const httplib::Request& req) {
  const auto header = req.get_header_value("Authorization");
  if (header.size() > 7 && (header.compare(0, 7, "Bearer ") == 0 ||
                            header.compare(0, 7, "bearer ") == 0)) {
    return header.substr(7);
  }
  if (req.method == "POST" && header.empty()) return req.get_param_value("access_token");
  return {};
}

void token_error(httplib::Response& res, int status, std::string_view error,
                 std::string_view description) {
  std::string challenge = "Bearer";
  if (!error.empty()) challenge += " error=\"" + std::string(error) + "\"";
  res.set_header("WWW-Authenticate", challenge);
  http::write_oauth_error(res, status, error.empty() ? "invalid_token" : error, description);
}

}  // namespace

void handle_userinfo(const WebContext& ctx, const httplib::Request& req, httplib::Response& res) {
  const auto token = bearer_token(req);
  if (token.empty()) {
    // RFC 6750 §3.1: no credentials at all gets a bare challenge.
    res.set_header("WWW-Authenticate", "Bearer");
    return http::write_oauth_error(res, 401, "invalid_token", "missing access token");
  }
  auto tx = ctx.app.db->begin(storage::TxMode::kRead);
  if (!tx) return http::write_oauth_error(res, 503, "temporarily_unavailable");
  auto fail_db = [&](const Error& error) {
    spdlog::error("web: userinfo: {}", error.describe());
    http::write_oauth_error(res, 500, "server_error");
  };
  auto access = storage::oauth2_access_tokens::find_by_fingerprint(**tx, ids::token_fingerprint(token));
  if (!access) return fail_db(access.error());
  if (!*access || !(*access)->is_valid(ctx.now_ms())) {
    return token_error(res, 401, "invalid_token", "the access token is unknown, expired or revoked");
  }
  auto session = storage::oauth2_sessions::find(**tx, (*access)->session_id);
  if (!session) return fail_db(session.error());
  if (!*session || (*session)->is_finished() || !(*session)->user_id) {
    return token_error(res, 401, "invalid_token", "the session of this token has ended");
  }
  // A token a refresh narrowed (RFC 6749 §6) carries its own scope.
  const auto scope = oauth2::parse_scope((*access)->scope.value_or((*session)->scope));
  auto has = [&](std::string_view s) { return std::find(scope.begin(), scope.end(), s) != scope.end(); };
  if (!has("openid")) {
    return token_error(res, 403, "insufficient_scope", "the openid scope is required");
  }
  auto user = storage::users::find(**tx, *(*session)->user_id);
  if (!user) return fail_db(user.error());
  if (!*user || !(*user)->active()) {
    return token_error(res, 401, "invalid_token", "the user is locked or deactivated");
  }
  nlohmann::json body = {{"sub", (*user)->id}, {"username", (*user)->username}};
  if (has("email")) {
    auto emails = storage::user_emails::list_for_user(**tx, (*user)->id);
    if (!emails) return fail_db(emails.error());
    for (const auto& email : *emails) {
      if (!email.confirmed_at) continue;
      body["email"] = email.email;
      body["email_verified"] = true;
      break;
    }
  }
  res.set_header("Cache-Control", "no-store");
  http::write_json(res, 200, body);
}

}  // namespace gatehouse::web
