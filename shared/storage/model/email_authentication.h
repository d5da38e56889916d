// An address being added on the account page, as stored in
// `user_email_authentications`. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct EmailAuthentication {
  std::string id;  // ULID
  std::string user_id;
  std::string email;  // normalized
  std::string code_fingerprint;
  std::int64_t code_sent_at = 0;
  int attempts = 0;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> completed_at;

  bool open(std::int64_t now_ms) const { return !completed_at && now_ms < expires_at; }
  bool operator==(const EmailAuthentication&) const = default;
};

}  // namespace gatehouse::storage
