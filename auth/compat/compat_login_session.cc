#include "auth/compat/compat_login_session.h"

#include <spdlog/spdlog.h>

#include "auth/sessions/device_sync.h"
#include "shared/ids/device_id.h"
#include "shared/ids/token.h"
#include "shared/ids/ulid.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/compat_token_repository.h"

namespace gatehouse::auth::compat {

Result<IssuedCompatTokens> issue_compat_tokens(storage::Transaction& tx, const Clock& clock,
                                               int token_ttl_s, const std::string& session_id,
                                               bool refreshable) {
  const std::int64_t now = clock.unix_millis();
  IssuedCompatTokens out;
  out.access_token = ids::generate_token(ids::TokenType::kCompatAccessToken);
  storage::CompatAccessToken access;
  access.id = ids::Ulid::generate(clock).to_string();
  access.session_id = session_id;
  access.token_fingerprint = ids::token_fingerprint(out.access_token);
  access.created_at = now;
  if (refreshable) {
    // Without a refresh token an access token lives as long as its session
    // (MAS, Synapse); with one it expires after compat_token_ttl.
    out.expires_in_ms = std::int64_t{token_ttl_s} * 1000;
    access.expires_at = now + *out.expires_in_ms;
  }
  GH_TRY_STATUS(storage::compat_access_tokens::add(tx, access));
  out.access_token_id = access.id;
  if (refreshable) {
    out.refresh_token = ids::generate_token(ids::TokenType::kCompatRefreshToken);
    storage::CompatRefreshToken refresh;
    refresh.id = ids::Ulid::generate(clock).to_string();
    refresh.session_id = session_id;
    refresh.token_fingerprint = ids::token_fingerprint(*out.refresh_token);
    refresh.access_token_id = access.id;
    refresh.created_at = now;
    GH_TRY_STATUS(storage::compat_refresh_tokens::add(tx, refresh));
  }
  return out;
}

Result<StartedCompatSession> start_compat_session(storage::Transaction& tx, const Clock& clock,
                                                  int token_ttl_s, const storage::User& user,
                                                  const CompatSessionRequest& request) {
  const std::int64_t now = clock.unix_millis();
  StartedCompatSession out;
  storage::CompatSession& s = out.session;
  s.id = ids::Ulid::generate(clock).to_string();
  s.user_id = user.id;
  s.device_id = request.device_id ? *request.device_id : ids::generate_device_id();
  s.human_name = request.display_name;
  s.is_synapse_admin = request.is_synapse_admin;
  s.user_session_id = request.user_session_id;
  s.created_at = now;
  s.last_active_at = now;
  s.last_active_ip = request.ip;
  s.user_agent = request.user_agent;
  if (request.device_id) {
    GH_TRY(std::int64_t replaced,
           storage::compat_sessions::finish_for_device(tx, user.id, *s.device_id, now));
    out.replaced = replaced > 0;
  }
  GH_TRY_STATUS(storage::compat_sessions::add(tx, s));
  GH_TRY(auto tokens, issue_compat_tokens(tx, clock, token_ttl_s, s.id, request.refreshable));
  out.access_token = std::move(tokens.access_token);
  out.refresh_token = std::move(tokens.refresh_token);
  out.expires_in_ms = tokens.expires_in_ms;
  return out;
}

Status provision_compat_device(const CompatContext& ctx, const storage::User& user,
                               const StartedCompatSession& started) {
  const sessions::DeviceOwner owner{user.id, user.username};
  const auto& device = *started.session.device_id;
  if (started.replaced) {
    // The replaced session's token may sit in the homeserver's cache.
    sessions::devices_ended(ctx.homeserver.get(), *ctx.db, *ctx.clock, owner, {device});
  }
  auto created = sessions::create_device(ctx.homeserver.get(), *ctx.db, *ctx.clock, owner, device,
                                         started.session.human_name);
  if (created) return ok();
  // Nothing half-made: the session whose device does not exist ends now.
  auto tx = ctx.db->begin(storage::TxMode::kWrite);
  if (tx) {
    auto finished = storage::compat_sessions::finish(**tx, started.session.id, ctx.now_ms());
    auto committed = finished ? (*tx)->commit() : Status(tl::unexpected(finished.error()));
    if (!committed) {
      spdlog::error("compat: finishing session {} after a failed device creation: {}",
                    started.session.id, committed.error().describe());
    }
  } else {
    spdlog::error("compat: finishing session {} after a failed device creation: {}",
                  started.session.id, tx.error().describe());
  }
  return created;
}

}  // namespace gatehouse::auth::compat
