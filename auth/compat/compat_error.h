// The legacy login API's errors, as the Matrix client-server spec names
// them, and their rendering in one place: handlers return CompatResult<T>
// and the route writes the CompatError ({"errcode", "error", ...extra}).
//
//   M_FORBIDDEN 403 (bad credentials: the same whether or not the user
//   exists), M_USER_DEACTIVATED 403, M_USER_LOCKED 401, M_LIMIT_EXCEEDED 429
//   (+ retry_after_ms), M_UNKNOWN_TOKEN 401 (+ soft_logout), M_MISSING_TOKEN
//   401, M_BAD_JSON 400, M_NOT_JSON 400, M_UNKNOWN 400 (unknown login type),
//   M_INVALID_PARAM 400, M_MISSING_PARAM 400, M_NOT_FOUND 404.
//
// Thread safety: stateless.
#pragma once

#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <tl/expected.hpp>

#include "auth/accounts/password_login.h"
#include "shared/core/error.h"

namespace gatehouse::auth::compat {

struct CompatError {
  int status = 500;
  std::string errcode = "M_UNKNOWN";
  std::string message;
  nlohmann::json extra = nullptr;  // merged into the body: retry_after_ms, soft_logout

  static CompatError forbidden(std::string message) { return {403, "M_FORBIDDEN", std::move(message)}; }
  static CompatError bad_json(std::string message) { return {400, "M_BAD_JSON", std::move(message)}; }
  static CompatError invalid_param(std::string message) {
    return {400, "M_INVALID_PARAM", std::move(message)};
  }
  static CompatError missing_param(std::string message) {
    return {400, "M_MISSING_PARAM", std::move(message)};
  }
  static CompatError missing_token() {
    return {401, "M_MISSING_TOKEN", "Missing access token"};
  }
  // soft_logout: true only for an expired token of a live session (the
  // client may refresh or log in again as the same device).
  static CompatError unknown_token(std::string message, bool soft_logout = false) {
    return {401, "M_UNKNOWN_TOKEN", std::move(message), {{"soft_logout", soft_logout}}};
  }
};

template <class T>
using CompatResult = tl::expected<T, CompatError>;

inline tl::unexpected<CompatError> reject(CompatError error) {
  return tl::unexpected<CompatError>(std::move(error));
}

// A database or homeserver failure: logged with `what` (never a secret);
// kUnavailable → 503 M_UNKNOWN, anything else 500 M_UNKNOWN.
CompatError internal_error(std::string_view what, const Error& error);

// A failed password check in the spec's terms (see the table above).
CompatError login_failure(const accounts::PasswordLoginResult& result);

void write_compat_error(httplib::Response& res, const CompatError& error);

// A JSON object body, else M_NOT_JSON (not JSON at all) or M_BAD_JSON (JSON,
// but not an object).
CompatResult<nlohmann::json> parse_json_body(std::string_view body);

}  // namespace gatehouse::auth::compat
