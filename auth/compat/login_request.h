// POST /_matrix/client/{version}/login: the JSON body parsed into a typed
// request, before anything is looked up (pure; unit-tested). Spec: "Login"
// in the client-server API; MAS: crates/handlers/src/compat/login.rs.
//
//   m.login.password    identifier m.id.user {user}, m.id.thirdparty
//                       {medium: email, address}, or the deprecated top-level
//                       `user` (and `medium`/`address`); `password`.
//   m.login.token       `token` (from the SSO redirect flow).
//   m.login.application_service  identifier m.id.user or `user`; the
//                       appservice's as_token comes as the bearer.
//   all: device_id, initial_device_display_name, refresh_token (bool).
#pragma once

#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "auth/compat/compat_error.h"

namespace gatehouse::auth::compat {

struct PasswordCredentials {
  // Exactly one of the two is set.
  std::optional<std::string> user;   // localpart or full MXID, as sent
  std::optional<std::string> email;  // m.id.thirdparty with medium email
  std::string password;
};

struct TokenCredentials {
  std::string token;
};

struct AppServiceCredentials {
  std::string user;  // localpart or full MXID, as sent
};

struct LoginRequest {
  std::variant<PasswordCredentials, TokenCredentials, AppServiceCredentials> credentials;
  std::optional<std::string> device_id;
  std::optional<std::string> initial_device_display_name;
  bool refresh_token = false;
};

// M_UNKNOWN 400 for a missing or unknown `type`; M_BAD_JSON for a field of
// the wrong JSON type; M_INVALID_PARAM for an unusable value (an identifier
// type or medium we do not take, an empty device_id); M_MISSING_PARAM for a
// required field that is absent.
CompatResult<LoginRequest> parse_login_request(const nlohmann::json& body);

}  // namespace gatehouse::auth::compat
