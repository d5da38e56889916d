// A compat session as stored in `compat_sessions`: one device logged in
// through the legacy Matrix login API (/login), `manage
// issue-compatibility-token` or an import from Synapse. Plain data, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

// One device logged in through /login, `manage issue-compatibility-token`
// or an import from Synapse.
struct CompatSession {
  std::string id;       // ULID
  std::string user_id;  // users.id
  std::optional<std::string> device_id;   // nullopt: a deviceless import
  std::optional<std::string> human_name;  // initial_device_display_name
  bool is_synapse_admin = false;          // adds urn:synapse:admin:* at introspection
  // The browser session of an m.login.sso login.
  std::optional<std::string> user_session_id;
  std::int64_t created_at = 0;  // ms since the epoch
  std::optional<std::int64_t> finished_at;  // set once: the session ended
  std::optional<std::int64_t> last_active_at;
  std::optional<std::string> last_active_ip;
  std::optional<std::string> user_agent;

  bool is_finished() const { return finished_at.has_value(); }
  bool operator==(const CompatSession&) const = default;
};

}  // namespace gatehouse::storage
