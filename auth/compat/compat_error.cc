#include "auth/compat/compat_error.h"

#include <spdlog/spdlog.h>

#include "shared/http/response.h"

namespace gatehouse::auth::compat {

CompatError internal_error(std::string_view what, const Error& error) {
  spdlog::error("compat: {}: {}", what, error.describe());
  if (error.code == ErrorCode::kUnavailable) {
    return {503, "M_UNKNOWN", "The service is temporarily unavailable; try again"};
  }
  return {500, "M_UNKNOWN", "Internal error"};
}

CompatError login_failure(const accounts::PasswordLoginResult& result) {
  using accounts::LoginFailure;
  switch (result.failure.value_or(LoginFailure::kBadCredentials)) {
    case LoginFailure::kBadCredentials:
      break;
    case LoginFailure::kLocked:
      // The spec's M_USER_LOCKED is 401 (soft_logout false), unlike deactivation.
      return {401, "M_USER_LOCKED", "This account has been locked", {{"soft_logout", false}}};
    case LoginFailure::kDeactivated:
      return {403, "M_USER_DEACTIVATED", "This account has been deactivated"};
    case LoginFailure::kRateLimited:
      return {429, "M_LIMIT_EXCEEDED", "Too many login attempts",
              {{"retry_after_ms", std::max<std::int64_t>(1, result.retry_after.count())}}};
    case LoginFailure::kPasswordsDisabled:
      return {400, "M_UNKNOWN", "Password login is disabled on this server; log in with m.login.sso"};
  }
  return CompatError::forbidden("Invalid username or password");
}

void write_compat_error(httplib::Response& res, const CompatError& error) {
  if (error.status == 429 && error.extra.contains("retry_after_ms")) {
    const auto ms = error.extra["retry_after_ms"].get<std::int64_t>();
    res.set_header("Retry-After", std::to_string((ms + 999) / 1000));
  }
  http::write_matrix_error(res, error.status, error.errcode, error.message, error.extra);
}

CompatResult<nlohmann::json> parse_json_body(std::string_view body) {
  auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return reject({400, "M_NOT_JSON", "Content not JSON."});
  if (!doc.is_object()) return reject(CompatError::bad_json("The body must be a JSON object"));
  return doc;
}

}  // namespace gatehouse::auth::compat
