// One row of a user's password history (`user_passwords`). The newest row is
// the current password; older rows are kept, as in MAS.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct UserPassword {
  std::string id;  // ULID
  std::string user_id;
  int version = 0;  // the passwords.schemes[] version that made the hash
  std::string hashed_password;
  // The row this one replaced when the password was re-hashed on login.
  std::optional<std::string> upgraded_from_id;
  std::int64_t created_at = 0;

  bool operator==(const UserPassword&) const = default;
};

}  // namespace gatehouse::storage
