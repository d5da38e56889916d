// An OAuth 2.0 session as stored in `oauth2_sessions`: one client's
// authorization, holding its access and refresh tokens. Plain data, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct OAuth2Session {
  std::string id;         // ULID
  std::string client_id;  // oauth2_clients.id
  // The user it acts for; nullopt for client_credentials sessions.
  std::optional<std::string> user_id;
  // The browser session that approved it (authorization code, device code).
  std::optional<std::string> user_session_id;
  std::string scope;  // space-separated, as granted
  // The Matrix device of the session's device scope, if any.
  std::optional<std::string> device_id;
  std::int64_t created_at = 0;                 // ms since the epoch
  std::optional<std::int64_t> finished_at;     // set once: the session ended
  std::optional<std::int64_t> last_active_at;  // ms
  std::optional<std::string> last_active_ip;
  std::optional<std::string> user_agent;

  bool is_finished() const { return finished_at.has_value(); }
  bool operator==(const OAuth2Session&) const = default;
};

}  // namespace gatehouse::storage
