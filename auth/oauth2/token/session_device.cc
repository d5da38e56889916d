#include "auth/oauth2/token/session_device.h"

#include "auth/oauth2/scope.h"
#include "shared/ids/token.h"
#include "shared/storage/oauth2_session_repository.h"
#include "shared/storage/oauth2_token_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::oauth2 {

OAuthResult<std::optional<StartedDevice>> started_device(storage::Transaction& tx,
                                                         const storage::OAuth2Client& client,
                                                         const TokenResponse& response) {
  using Out = std::optional<StartedDevice>;
  auto token = storage::oauth2_access_tokens::find_by_fingerprint(
      tx, ids::token_fingerprint(response.access_token));
  if (!token) return reject(server_error("find issued token", token.error()));
  if (!*token) {
    return reject(server_error("find issued token",
                               Error{ErrorCode::kInternal, "the token just issued is missing", {}}));
  }
  auto session = storage::oauth2_sessions::find(tx, (*token)->session_id);
  if (!session) return reject(server_error("load session", session.error()));
  if (!*session || !(*session)->user_id) return Out{};
  // Sessions record their device at creation; the scope is the fallback,
  // as in introspection.
  auto device_id = (*session)->device_id ? (*session)->device_id
                                         : device_id_of(parse_scope((*session)->scope));
  if (!device_id) return Out{};
  auto user = storage::users::find(tx, *(*session)->user_id);
  if (!user) return reject(server_error("load user", user.error()));
  if (!*user) return Out{};
  return Out{StartedDevice{{(*user)->id, (*user)->username},
                           (*session)->id,
                           *device_id,
                           client.client_name}};
}

OAuthResult<void> create_started_device(const OAuth2Context& ctx, const StartedDevice& device) {
  auto created = sessions::create_device(ctx.homeserver.get(), *ctx.db, *ctx.clock, device.owner,
                                         device.device_id, device.display_name);
  if (created) return {};
  const OAuthError answer = server_error("create device " + device.device_id, created.error());
  auto tx = ctx.db->begin(storage::TxMode::kWrite);
  Status finished = tx ? Status(ok()) : Status(tl::unexpected(tx.error()));
  if (finished) {
    auto done = storage::oauth2_sessions::finish(**tx, device.session_id, ctx.clock->unix_millis());
    finished = done ? (*tx)->commit() : Status(tl::unexpected(done.error()));
  }
  // Not finished: its tokens were never sent, and they expire; the job
  // will not create the device for a session nobody can use either way.
  if (!finished) (void)server_error("finish session " + device.session_id, finished.error());
  return reject(answer);
}

}  // namespace gatehouse::auth::oauth2
