// OAuth 2.0 access and refresh tokens as stored in `oauth2_access_tokens` and
// `oauth2_refresh_tokens`. Only the SHA-256 fingerprint of a token is kept
// (ids::token_fingerprint): the token itself is shown once, to the client.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

struct OAuth2AccessToken {
  std::string id;          // ULID; the introspection `jti`
  std::string session_id;  // oauth2_sessions.id
  std::string token_fingerprint;
  std::int64_t created_at = 0;             // ms since the epoch
  std::optional<std::int64_t> expires_at;  // ms; nullopt: never
  std::optional<std::int64_t> revoked_at;
  // First introspection; refresh-token recovery (mas.md §3.5) depends on it.
  std::optional<std::int64_t> first_used_at;
  // Narrower than the session's when a refresh asked for less (RFC 6749
  // §6); nullopt: the session's scope.
  std::optional<std::string> scope;

  // Not revoked and not expired at `now_ms`.
  bool is_valid(std::int64_t now_ms) const {
    return !revoked_at && (!expires_at || now_ms < *expires_at);
  }
  bool operator==(const OAuth2AccessToken&) const = default;
};

struct OAuth2RefreshToken {
  std::string id;          // ULID
  std::string session_id;  // oauth2_sessions.id
  std::string token_fingerprint;
  // The access token issued together with this one.
  std::optional<std::string> access_token_id;
  std::int64_t created_at = 0;  // ms since the epoch
  // Used once (rotation): next_refresh_token_id names its successor.
  std::optional<std::int64_t> consumed_at;
  std::optional<std::int64_t> revoked_at;
  std::optional<std::string> next_refresh_token_id;

  bool is_valid() const { return !consumed_at && !revoked_at; }
  bool operator==(const OAuth2RefreshToken&) const = default;
};

}  // namespace gatehouse::storage
