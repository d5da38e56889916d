// An email address of a user (`user_emails`). Stored lower-cased, so the
// UNIQUE(email) constraint is case-insensitive in effect.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct UserEmail {
  std::string id;  // ULID
  std::string user_id;
  std::string email;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> confirmed_at;  // null until proven

  bool operator==(const UserEmail&) const = default;
};

}  // namespace gatehouse::storage
