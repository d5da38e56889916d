// Plain rows of the homeserver's tables (migrations/*/0001_homeserver.sql).
// No SQL here. Timestamps are milliseconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::homeserver::storage {

struct User {
  std::string localpart;
  std::int64_t created_at = 0;
  bool deactivated = false;
  bool locked = false;
  bool is_suspended = false;
  bool admin = false;
};

struct Profile {
  std::optional<std::string> displayname;
  std::optional<std::string> avatar_url;
};

struct Device {
  std::string localpart;
  std::string device_id;
  std::optional<std::string> display_name;
  std::optional<std::int64_t> last_seen;
  // Cross-signing pseudo-devices and the dehydrated device: never listed to
  // clients, never removed by sync_devices.
  bool hidden = false;
  std::int64_t created_at = 0;
};

}  // namespace gatehouse::homeserver::storage
