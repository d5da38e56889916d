// A user account as stored in `users` (MAS's `users`): plain data, no SQL.
// The id is a ULID and also the OIDC `sub`; username is the Matrix localpart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct User {
  std::string id;        // ULID
  std::string username;  // Matrix localpart, unique
  std::int64_t created_at = 0;
  std::optional<std::int64_t> locked_at;       // set: no login, sessions kept
  std::optional<std::int64_t> deactivated_at;  // set: account closed (MAS)
  // MAS's "admin" flag: may request the admin scope.
  bool can_request_admin = false;
  bool is_guest = false;

  bool active() const { return !locked_at && !deactivated_at; }
  bool operator==(const User&) const = default;
};

}  // namespace gatehouse::storage
