#include "auth/oauth2/revocation.h"

#include "auth/oauth2/client_authentication.h"
#include "auth/oauth2/token/issue.h"
#include "auth/oauth2/token_endpoint.h"
#include "auth/sessions/ended_sessions.h"
#include "shared/ids/token.h"
#include "shared/storage/oauth2_session_repository.h"
#include "shared/storage/oauth2_token_repository.h"

namespace gatehouse::auth::oauth2 {
namespace {

// The session a token belongs to, or nullopt when the token is unknown.
OAuthResult<std::optional<std::string>> session_of(storage::Transaction& tx, ids::TokenType type,
                                                   const std::string& fingerprint) {
  using Out = std::optional<std::string>;
  if (type == ids::TokenType::kAccessToken) {
    auto t = storage::oauth2_access_tokens::find_by_fingerprint(tx, fingerprint);
    if (!t) return reject(server_error("find access token", t.error()));
    return *t ? Out((*t)->session_id) : Out{};
  }
  auto t = storage::oauth2_refresh_tokens::find_by_fingerprint(tx, fingerprint);
  if (!t) return reject(server_error("find refresh token", t.error()));
  return *t ? Out((*t)->session_id) : Out{};
}

}  // namespace

OAuthResult<void> handle_revocation(const OAuth2Context& ctx, std::string_view authorization,
                                    const Form& form) {
  auto token = form.get("token");
  if (!token) return reject(OAuthError::invalid_request("missing parameter 'token'"));
  auto credentials = extract_client_credentials(authorization, form);
  if (!credentials) return reject(credentials.error());
  auto tx = ctx.db->begin(storage::TxMode::kWrite);
  if (!tx) return reject(server_error("begin", tx.error()));
  const std::int64_t now_ms = ctx.clock->unix_millis();
  auto client = authenticate_client(**tx, *credentials, client_auth_context(ctx, now_ms));
  if (!client) return reject(client.error());

  sessions::EndedSessions ended;
  auto type = ids::check_token(*token);
  if (type && (*type == ids::TokenType::kAccessToken || *type == ids::TokenType::kRefreshToken)) {
    auto session_id = session_of(**tx, *type, ids::token_fingerprint(*token));
    if (!session_id) return reject(session_id.error());
    if (*session_id) {
      auto session = storage::oauth2_sessions::find(**tx, **session_id);
      if (!session) return reject(server_error("load session", session.error()));
      // §2.1: only the client the token was issued to may revoke it.
      if (*session && (*session)->client_id != client->id) {
        return reject(OAuthError::unauthorized_client("the token belongs to another client"));
      }
      auto finished = storage::oauth2_sessions::finish(**tx, **session_id, now_ms);
      if (!finished) return reject(server_error("finish session", finished.error()));
      if (*finished && *session) {
        if (auto noted = ended.note(**tx, **session); !noted) {
          return reject(server_error("note ended session", noted.error()));
        }
      }
    }
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return reject(server_error("commit", committed.error()));
  }
  // The homeserver may hold this token in its cache: it must fail now.
  ended.announce(ctx.homeserver.get(), *ctx.db, *ctx.clock);
  return {};
}

void register_revocation_route(http::Routes& routes, const OAuth2Context& ctx) {
  routes.add("oauth", http::Method::kPost, "/oauth2/revoke",
             [&ctx](const httplib::Request& req, httplib::Response& res) {
               auto form = parse_form_request(req);
               auto result = form ? handle_revocation(ctx, req.get_header_value("Authorization"), *form)
                                  : reject(form.error());
               res.set_header("Access-Control-Allow-Origin", "*");
               if (!result) return write_oauth_error(res, result.error());
               res.status = 200;
               res.set_header("Cache-Control", "no-store");
             });
}

}  // namespace gatehouse::auth::oauth2
