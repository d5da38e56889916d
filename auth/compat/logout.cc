// POST /_matrix/client/{version}/logout: ends the compat session of the
// bearer token. Like MAS (compat/logout.rs) only compat access tokens are
// taken: an OAuth 2.0 session ends at the revocation endpoint, which is
// where OAuth-aware clients (matrix-js-sdk 43) go; its token here is
// M_UNKNOWN_TOKEN. The homeserver forgets the device's cached tokens once
// the commit is done (sessions::devices_ended).
#include "auth/compat/compat_bearer.h"
#include "auth/compat/compat_routes.h"
#include "auth/sessions/device_sync.h"
#include "shared/storage/compat_session_repository.h"

namespace gatehouse::auth::compat {

CompatResult<nlohmann::json> handle_logout(const CompatContext& ctx, const httplib::Request& req) {
  auto token = bearer_token(req);
  if (!token) return reject(token.error());
  auto tx = ctx.db->begin(storage::TxMode::kWrite);
  if (!tx) return reject(internal_error("begin", tx.error()));
  const std::int64_t now = ctx.now_ms();
  auto caller = find_compat_caller(**tx, *token, now);
  if (!caller) return reject(caller.error());
  auto finished = storage::compat_sessions::finish(**tx, caller->session.id, now);
  if (!finished) return reject(internal_error("finish compat session", finished.error()));
  if (auto committed = (*tx)->commit(); !committed) {
    return reject(internal_error("commit logout", committed.error()));
  }
  sessions::devices_ended(ctx.homeserver.get(), *ctx.db, *ctx.clock,
                          {caller->user.id, caller->user.username}, {caller->session.device_id});
  return nlohmann::json::object();
}

}  // namespace gatehouse::auth::compat
