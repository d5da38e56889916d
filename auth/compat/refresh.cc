// POST /_matrix/client/{version}/refresh {refresh_token}: rotates a compat
// refresh token (MAS: compat/refresh.rs). The old refresh token is consumed
// (guarded in SQL, so two refreshes with one token have one winner), the
// access token issued with it expires now, and a new pair is returned.
// A consumed, unknown or non-compat refresh token, or a finished session:
// M_UNKNOWN_TOKEN with soft_logout false.
#include "auth/compat/compat_login_session.h"
#include "auth/compat/compat_routes.h"
#include "shared/ids/token.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/compat_token_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::compat {

CompatResult<nlohmann::json> handle_refresh(const CompatContext& ctx, const httplib::Request& req) {
  auto body = parse_json_body(req.body);
  if (!body) return reject(body.error());
  auto it = body->find("refresh_token");
  if (it == body->end() || it->is_null()) {
    return reject(CompatError::missing_param("'refresh_token' is required"));
  }
  if (!it->is_string()) return reject(CompatError::bad_json("'refresh_token' must be a string"));
  const auto token = it->get<std::string>();
  const auto unknown = [] { return reject(CompatError::unknown_token("Invalid refresh token")); };
  auto type = ids::check_token(token);
  if (!type || *type != ids::TokenType::kCompatRefreshToken) return unknown();

  auto tx = ctx.db->begin(storage::TxMode::kWrite);
  if (!tx) return reject(internal_error("begin", tx.error()));
  const std::int64_t now = ctx.now_ms();
  auto refresh = storage::compat_refresh_tokens::find_by_fingerprint(**tx, ids::token_fingerprint(token));
  if (!refresh) return reject(internal_error("find refresh token", refresh.error()));
  if (!*refresh || (*refresh)->consumed_at) return unknown();
  auto session = storage::compat_sessions::find(**tx, (*refresh)->session_id);
  if (!session) return reject(internal_error("load compat session", session.error()));
  if (!*session || (*session)->is_finished()) return unknown();
  auto user = storage::users::find(**tx, (*session)->user_id);
  if (!user) return reject(internal_error("load user", user.error()));
  if (!*user || !(*user)->active()) return unknown();

  auto consumed = storage::compat_refresh_tokens::consume(**tx, (*refresh)->id, now);
  if (!consumed) return reject(internal_error("consume refresh token", consumed.error()));
  if (!*consumed) return unknown();
  if ((*refresh)->access_token_id) {
    if (auto expired = storage::compat_access_tokens::expire(**tx, *(*refresh)->access_token_id, now);
        !expired) {
      return reject(internal_error("expire access token", expired.error()));
    }
  }
  auto issued = issue_compat_tokens(**tx, *ctx.clock, ctx.config.experimental.compat_token_ttl,
                                    (*session)->id, /*refreshable=*/true);
  if (!issued) return reject(internal_error("issue tokens", issued.error()));
  if (auto committed = (*tx)->commit(); !committed) {
    return reject(internal_error("commit refresh", committed.error()));
  }
  return nlohmann::json{{"access_token", issued->access_token},
                        {"refresh_token", *issued->refresh_token},
                        {"expires_in_ms", *issued->expires_in_ms}};
}

}  // namespace gatehouse::auth::compat
