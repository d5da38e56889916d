#include "auth/compat/compat_introspection.h"

#include "shared/storage/compat_session_repository.h"
#include "shared/storage/compat_token_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::auth::compat {
namespace {

using json = nlohmann::json;
const json kInactive = {{"active", false}};

// Activity is written on first use, then at most this often.
constexpr std::int64_t kActivityIntervalMs = 60'000;

struct Found {
  std::string session_id;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> expires_at;
};

Result<std::optional<Found>> find_live_token(storage::Transaction& tx, ids::TokenType type,
                                             const std::string& fingerprint, std::int64_t now_ms) {
  using Out = std::optional<Found>;
  if (type == ids::TokenType::kCompatAccessToken) {
    GH_TRY(auto t, storage::compat_access_tokens::find_by_fingerprint(tx, fingerprint));
    if (!t || t->is_expired(now_ms)) return Out{};
    return Out(Found{t->session_id, t->created_at, t->expires_at});
  }
  GH_TRY(auto t, storage::compat_refresh_tokens::find_by_fingerprint(tx, fingerprint));
  if (!t || t->consumed_at) return Out{};
  return Out(Found{t->session_id, t->created_at, std::nullopt});
}

std::string compat_scope(const storage::CompatSession& session, bool supports_device_id) {
  std::string scope = "urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:api:*";
  if (session.device_id && !supports_device_id) {
    scope += " urn:matrix:client:device:" + *session.device_id +
             " urn:matrix:org.matrix.msc2967.client:device:" + *session.device_id;
  }
  if (session.is_synapse_admin) scope += " urn:synapse:admin:*";
  return scope;
}

}  // namespace

bool is_compat_token(ids::TokenType type) {
  return type == ids::TokenType::kCompatAccessToken || type == ids::TokenType::kCompatRefreshToken;
}

Result<json> introspect_compat_token(storage::Transaction& tx, storage::Database& db,
                                     std::int64_t now_ms,
                                     std::string_view token, ids::TokenType type,
                                     std::optional<std::string_view> hint,
                                     bool supports_device_id) {
  const bool is_access = type == ids::TokenType::kCompatAccessToken;
  if (hint && *hint != (is_access ? "access_token" : "refresh_token")) return kInactive;
  GH_TRY(auto found, find_live_token(tx, type, ids::token_fingerprint(token), now_ms));
  if (!found) return kInactive;
  GH_TRY(auto session, storage::compat_sessions::find(tx, found->session_id));
  if (!session || session->is_finished()) return kInactive;
  GH_TRY(auto user, storage::users::find(tx, session->user_id));
  if (!user || !user->active()) return kInactive;
  (void)tx.commit();

  json out = {{"active", true},
              {"scope", compat_scope(*session, supports_device_id)},
              {"client_id", "legacy"},
              {"username", user->username},
              {"sub", user->id},
              {"token_type", is_access ? "access_token" : "refresh_token"},
              {"iat", found->created_at / 1000},
              {"nbf", found->created_at / 1000}};
  if (found->expires_at) {
    out["exp"] = *found->expires_at / 1000;
    out["expires_in"] = std::max<std::int64_t>(0, (*found->expires_at - now_ms) / 1000);
  }
  if (supports_device_id && session->device_id) out["device_id"] = *session->device_id;

  if (is_access && (!session->last_active_at ||
                    now_ms - *session->last_active_at >= kActivityIntervalMs)) {
    // Its own short write: introspection otherwise only reads. A failure
    // costs only the activity time, never the answer.
    if (auto wtx = db.begin(storage::TxMode::kWrite); wtx) {
      if (storage::compat_sessions::record_activity(**wtx, session->id, now_ms, std::nullopt)) {
        (void)(*wtx)->commit();
      }
    }
  }
  return out;
}

}  // namespace gatehouse::auth::compat
