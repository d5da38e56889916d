// Compat access and refresh tokens as stored in `compat_access_tokens` and
// `compat_refresh_tokens`. Only the SHA-256 fingerprint is kept
// (ids::token_fingerprint), whatever the format: mct_/mcr_, or Synapse's
// syt_/syr_ and macaroons after an import.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct CompatAccessToken {
  std::string id;          // ULID
  std::string session_id;  // compat_sessions.id
  std::string token_fingerprint;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> expires_at;  // nullopt: never (no refresh token)

  bool is_expired(std::int64_t now_ms) const { return expires_at && now_ms >= *expires_at; }
  bool operator==(const CompatAccessToken&) const = default;
};

struct CompatRefreshToken {
  std::string id;          // ULID
  std::string session_id;  // compat_sessions.id
  std::string token_fingerprint;
  std::optional<std::string> access_token_id;  // issued together with this one
  std::int64_t created_at = 0;
  std::optional<std::int64_t> consumed_at;  // used once (rotation)

  bool operator==(const CompatRefreshToken&) const = default;
};

}  // namespace gatehouse::storage
