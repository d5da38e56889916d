#include "auth/compat/compat_error.h"

#include <doctest/doctest.h>

namespace gatehouse::auth::compat {
namespace {

CompatError failure(accounts::LoginFailure f, std::chrono::milliseconds retry = {}) {
  accounts::PasswordLoginResult r;
  r.failure = f;
  r.retry_after = retry;
  return login_failure(r);
}

}  // namespace

TEST_CASE("password login failures map to the spec's errcodes and statuses") {
  using accounts::LoginFailure;
  auto bad = failure(LoginFailure::kBadCredentials);
  CHECK(bad.status == 403);
  CHECK(bad.errcode == "M_FORBIDDEN");
  auto locked = failure(LoginFailure::kLocked);
  CHECK(locked.status == 401);
  CHECK(locked.errcode == "M_USER_LOCKED");
  CHECK(locked.extra["soft_logout"] == false);
  auto deactivated = failure(LoginFailure::kDeactivated);
  CHECK(deactivated.status == 403);
  CHECK(deactivated.errcode == "M_USER_DEACTIVATED");
  auto limited = failure(LoginFailure::kRateLimited, std::chrono::milliseconds(19'500));
  CHECK(limited.status == 429);
  CHECK(limited.errcode == "M_LIMIT_EXCEEDED");
  CHECK(limited.extra["retry_after_ms"] == 19'500);
  auto disabled = failure(LoginFailure::kPasswordsDisabled);
  CHECK(disabled.status == 400);
  CHECK(disabled.errcode == "M_UNKNOWN");
  CHECK(disabled.message == "Password login is disabled on this server; log in with m.login.sso");
}

TEST_CASE("the error body carries errcode, error and the extra fields; 429 sets Retry-After") {
  httplib::Response res;
  write_compat_error(res, failure(accounts::LoginFailure::kRateLimited, std::chrono::milliseconds(1'200)));
  CHECK(res.status == 429);
  CHECK(res.get_header_value("Retry-After") == "2");
  auto body = nlohmann::json::parse(res.body);
  CHECK(body["errcode"] == "M_LIMIT_EXCEEDED");
  CHECK(body["retry_after_ms"] == 1'200);
  CHECK(body["error"].is_string());

  httplib::Response expired;
  write_compat_error(expired, CompatError::unknown_token("Access token has expired", true));
  CHECK(expired.status == 401);
  CHECK(nlohmann::json::parse(expired.body)["soft_logout"] == true);
}

TEST_CASE("bodies: not JSON is M_NOT_JSON, JSON but not an object M_BAD_JSON") {
  CHECK(parse_json_body("{nope").error().errcode == "M_NOT_JSON");
  CHECK(parse_json_body("").error().errcode == "M_NOT_JSON");
  CHECK(parse_json_body("[1]").error().errcode == "M_BAD_JSON");
  CHECK(parse_json_body("\"x\"").error().errcode == "M_BAD_JSON");
  auto ok = parse_json_body(R"({"a":1})");
  REQUIRE(ok);
  CHECK((*ok)["a"] == 1);
}

TEST_CASE("internal errors: unavailable is 503, anything else 500, both M_UNKNOWN") {
  CHECK(internal_error("x", Error{ErrorCode::kUnavailable, "busy", ""}).status == 503);
  auto other = internal_error("x", Error{ErrorCode::kDatabase, "boom", ""});
  CHECK(other.status == 500);
  CHECK(other.errcode == "M_UNKNOWN");
}

}  // namespace gatehouse::auth::compat
