// A registration waiting for its email code, as stored in
// `user_registrations` (0010_user_registrations.sql). Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct PendingRegistration {
  std::string id;  // ULID; also the browser's cookie value for it
  std::string username;
  std::string email;  // normalized
  std::string hashed_password;
  int password_version = 0;
  std::optional<std::string> registration_token;  // checked again at completion
  std::string continuation;                       // where the browser goes afterwards
  std::string code_fingerprint;
  std::int64_t code_sent_at = 0;
  int attempts = 0;  // codes typed
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> completed_at;

  bool open(std::int64_t now_ms) const { return !completed_at && now_ms < expires_at; }
  bool operator==(const PendingRegistration&) const = default;
};

}  // namespace gatehouse::storage
