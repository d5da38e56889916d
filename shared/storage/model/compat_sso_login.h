// An m.login.sso handshake as stored in `compat_sso_logins`. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

// An m.login.sso handshake: created by /login/sso/redirect, fulfilled when
// the user confirms (a compat session exists from then on), exchanged by
// POST /login m.login.token.
struct CompatSsoLogin {
  std::string id;            // ULID
  std::string redirect_uri;  // the client's redirectUrl
  std::string login_token_fingerprint;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> fulfilled_at;
  std::optional<std::int64_t> exchanged_at;
  std::optional<std::string> compat_session_id;  // set at fulfilment
  std::optional<std::string> user_id;            // set at fulfilment

  bool operator==(const CompatSsoLogin&) const = default;
};

}  // namespace gatehouse::storage
