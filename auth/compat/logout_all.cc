// POST /_matrix/client/{version}/logout/all: ends ALL of the user's
// sessions, compat and OAuth 2.0 alike, as the client-server spec says
// ("invalidates all access tokens for a user"). MAS answers 404 unless the
// body says `io.element.only_compat_is_fine`, and then ends only compat
// sessions; we do what the spec says. The caller may present a compat or an
// OAuth access token (both are that user's access tokens). Browser sessions
// are not ended: they are not access tokens.
#include "auth/compat/compat_bearer.h"
#include "auth/compat/compat_routes.h"
#include "auth/sessions/device_sync.h"
#include "shared/ids/token.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/oauth2_session_repository.h"
#include "shared/storage/oauth2_token_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::compat {
namespace {

// The user behind an OAuth 2.0 access token, checked as introspection does.
CompatResult<storage::User> find_oauth_caller(storage::Transaction& tx, const std::string& token,
                                              std::int64_t now_ms) {
  const auto unknown = [] { return reject(CompatError::unknown_token("Invalid access token")); };
  auto found = storage::oauth2_access_tokens::find_by_fingerprint(tx, ids::token_fingerprint(token));
  if (!found) return reject(internal_error("find access token", found.error()));
  if (!*found) return unknown();
  if (!(*found)->is_valid(now_ms)) {
    return reject(CompatError::unknown_token("Access token has expired", !(*found)->revoked_at));
  }
  auto session = storage::oauth2_sessions::find(tx, (*found)->session_id);
  if (!session) return reject(internal_error("load session", session.error()));
  if (!*session || (*session)->is_finished() || !(*session)->user_id) return unknown();
  auto user = storage::users::find(tx, *(*session)->user_id);
  if (!user) return reject(internal_error("load user", user.error()));
  if (!*user || !(*user)->active()) return unknown();
  return std::move(**user);
}

CompatResult<storage::User> find_caller(storage::Transaction& tx, const std::string& token,
                                        std::int64_t now_ms) {
  auto type = ids::check_token(token);
  if (type && *type == ids::TokenType::kAccessToken) return find_oauth_caller(tx, token, now_ms);
  auto caller = find_compat_caller(tx, token, now_ms);
  if (!caller) return reject(caller.error());
  return std::move(caller->user);
}

// Ends every live session of the user, both kinds.
Status finish_everything(storage::Transaction& tx, const std::string& user_id, std::int64_t now) {
  GH_TRY_STATUS(storage::compat_sessions::finish_all_for_user(tx, user_id, now));
  GH_TRY(auto oauth, storage::oauth2_sessions::list_active_for_user(tx, user_id));
  for (const auto& session : oauth) {
    GH_TRY_STATUS(storage::oauth2_sessions::finish(tx, session.id, now));
  }
  return ok();
}

}  // namespace

CompatResult<nlohmann::json> handle_logout_all(const CompatContext& ctx,
                                               const httplib::Request& req) {
  auto token = bearer_token(req);
  if (!token) return reject(token.error());
  auto tx = ctx.db->begin(storage::TxMode::kWrite);
  if (!tx) return reject(internal_error("begin", tx.error()));
  const std::int64_t now = ctx.now_ms();
  auto user = find_caller(**tx, *token, now);
  if (!user) return reject(user.error());
  if (auto finished = finish_everything(**tx, user->id, now); !finished) {
    return reject(internal_error("finish sessions", finished.error()));
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return reject(internal_error("commit logout/all", committed.error()));
  }
  // nullopt: every device of the user.
  sessions::devices_ended(ctx.homeserver.get(), *ctx.db, *ctx.clock, {user->id, user->username},
                          {std::nullopt});
  return nlohmann::json::object();
}

}  // namespace gatehouse::auth::compat
