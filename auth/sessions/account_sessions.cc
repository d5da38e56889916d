#include "auth/sessions/account_sessions.h"

#include <algorithm>

#include "shared/storage/browser_session_repository.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/oauth2_client_repository.h"
#include "shared/storage/oauth2_session_repository.h"

namespace gatehouse::auth::sessions {

std::string_view kind_name(SessionKind kind) {
  switch (kind) {
    case SessionKind::kCompat: return "compat";
    case SessionKind::kBrowser: return "browser";
    case SessionKind::kOAuth2: break;
  }
  return "oauth2";
}

std::optional<SessionKind> parse_kind(std::string_view name) {
  for (auto kind : {SessionKind::kOAuth2, SessionKind::kCompat, SessionKind::kBrowser}) {
    if (name == kind_name(kind)) return kind;
  }
  return std::nullopt;
}

Result<std::vector<AccountSession>> list_account_sessions(storage::Transaction& tx,
                                                          std::string_view user_id) {
  std::vector<AccountSession> out;
  GH_TRY(auto oauth, storage::oauth2_sessions::list_active_for_user(tx, user_id));
  for (auto& s : oauth) {
    GH_TRY(auto client, storage::oauth2_clients::find(tx, s.client_id));
    std::optional<std::string> name;
    if (client) name = client->client_name.value_or(client->id);
    out.push_back({SessionKind::kOAuth2, std::move(s.id), std::move(s.device_id), std::move(name),
                   s.created_at, s.last_active_at, std::move(s.last_active_ip)});
  }
  GH_TRY(auto compat, storage::compat_sessions::list_active_for_user(tx, user_id));
  for (auto& s : compat) {
    out.push_back({SessionKind::kCompat, std::move(s.id), std::move(s.device_id),
                   std::move(s.human_name), s.created_at, s.last_active_at,
                   std::move(s.last_active_ip)});
  }
  GH_TRY(auto browsers, storage::browser_sessions::list_active(tx, user_id));
  for (auto& s : browsers) {
    out.push_back({SessionKind::kBrowser, std::move(s.id), std::nullopt, std::move(s.user_agent),
                   s.created_at, std::nullopt, std::move(s.last_active_ip)});
  }
  // ULIDs sort by creation time.
  std::sort(out.begin(), out.end(),
            [](const AccountSession& a, const AccountSession& b) { return a.id > b.id; });
  return out;
}

Result<bool> end_account_session(storage::Transaction& tx, std::string_view user_id,
                                 SessionKind kind, std::string_view id, std::int64_t now_ms,
                                 EndedSessions& ended) {
  if (kind == SessionKind::kOAuth2) {
    GH_TRY(auto session, storage::oauth2_sessions::find(tx, id));
    if (!session || session->is_finished() || session->user_id != user_id) return false;
    GH_TRY(bool finished, storage::oauth2_sessions::finish(tx, id, now_ms));
    if (finished) GH_TRY_STATUS(ended.note(tx, *session));
    return finished;
  }
  if (kind == SessionKind::kBrowser) {
    GH_TRY(auto session, storage::browser_sessions::find(tx, id));
    if (!session || session->finished_at || session->user_id != user_id) return false;
    return storage::browser_sessions::finish(tx, id, now_ms);
  }
  GH_TRY(auto session, storage::compat_sessions::find(tx, id));
  if (!session || session->is_finished() || session->user_id != user_id) return false;
  GH_TRY(bool finished, storage::compat_sessions::finish(tx, id, now_ms));
  if (finished) GH_TRY_STATUS(ended.note_user(tx, session->user_id, session->device_id));
  return finished;
}

}  // namespace gatehouse::auth::sessions
