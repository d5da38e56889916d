// A registration token (`user_registration_tokens`): lets someone register
// when registration needs one; `manage issue-user-registration-token` makes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct RegistrationToken {
  std::string id;  // ULID
  std::string token;
  std::optional<std::int64_t> usage_limit;  // null: unlimited
  std::int64_t times_used = 0;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_used_at;
  std::optional<std::int64_t> expires_at;
  std::optional<std::int64_t> revoked_at;

  // Whether one more registration may use it at `now_ms`.
  bool usable(std::int64_t now_ms) const {
    if (revoked_at) return false;
    if (expires_at && *expires_at <= now_ms) return false;
    return !usage_limit || times_used < *usage_limit;
  }
  bool operator==(const RegistrationToken&) const = default;
};

}  // namespace gatehouse::storage
