// An RFC 8628 device authorization as stored in `oauth2_device_code_grants`,
// from POST /oauth2/device to the token exchange. Plain data, no SQL.
//
// Life cycle: pending → fulfilled (approved on /link: session_id set) or
// rejected (declined on /link) → exchanged (the device polled and got its
// tokens, once). expires_at bounds the pending and fulfilled states.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct OAuth2DeviceCodeGrant {
  std::string id;         // ULID
  std::string client_id;  // oauth2_clients.id
  std::string scope;      // space-separated, as requested
  std::string device_code_fingerprint;  // ids::token_fingerprint(device_code)
  std::string user_code;                // 6 upper-case alphanumerics, shown to the user
  std::int64_t created_at = 0;          // ms since the epoch
  std::int64_t expires_at = 0;          // ms
  std::optional<std::int64_t> fulfilled_at;
  std::optional<std::int64_t> rejected_at;
  std::optional<std::int64_t> exchanged_at;
  // The OAuth session created when the user approved.
  std::optional<std::string> session_id;
  std::optional<std::string> user_session_id;
  std::optional<std::int64_t> last_polled_at;  // ms, for slow_down

  bool is_pending() const { return !fulfilled_at && !rejected_at; }
  bool is_expired(std::int64_t now_ms) const { return now_ms >= expires_at; }
  bool operator==(const OAuth2DeviceCodeGrant&) const = default;
};

}  // namespace gatehouse::storage
