// A password recovery link as stored in `user_recovery_tickets`. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct RecoveryTicket {
  std::string id;  // ULID
  std::string user_id;
  std::string user_email_id;  // the address the link was sent to
  std::string token_fingerprint;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> consumed_at;

  bool usable(std::int64_t now_ms) const { return !consumed_at && now_ms < expires_at; }
  bool operator==(const RecoveryTicket&) const = default;
};

}  // namespace gatehouse::storage
