#include "auth/compat/login_request.h"

#include <doctest/doctest.h>

namespace gatehouse::auth::compat {
namespace {

using json = nlohmann::json;

CompatResult<LoginRequest> parse(const char* text) { return parse_login_request(json::parse(text)); }

std::string errcode(const char* text) {
  auto r = parse(text);
  REQUIRE(!r);
  return r.error().errcode;
}

}  // namespace

TEST_CASE("m.login.password by m.id.user, by email, and by the deprecated top-level user") {
  auto by_id = parse(R"({"type":"m.login.password","identifier":{"type":"m.id.user","user":"@alice:example.org"},
                         "password":"pw","device_id":"DEV","initial_device_display_name":"Phone","refresh_token":true})");
  REQUIRE(by_id);
  const auto& p = std::get<PasswordCredentials>(by_id->credentials);
  CHECK(p.user == "@alice:example.org");
  CHECK(!p.email);
  CHECK(p.password == "pw");
  CHECK(by_id->device_id == "DEV");
  CHECK(by_id->initial_device_display_name == "Phone");
  CHECK(by_id->refresh_token);

  auto by_email = parse(R"({"type":"m.login.password","identifier":{"type":"m.id.thirdparty","medium":"email",
                            "address":"alice@example.org"},"password":"pw"})");
  REQUIRE(by_email);
  CHECK(std::get<PasswordCredentials>(by_email->credentials).email == "alice@example.org");
  CHECK(!by_email->refresh_token);
  CHECK(!by_email->device_id);

  auto legacy = parse(R"({"type":"m.login.password","user":"alice","password":"pw"})");
  REQUIRE(legacy);
  CHECK(std::get<PasswordCredentials>(legacy->credentials).user == "alice");
  auto legacy_email = parse(R"({"type":"m.login.password","medium":"email","address":"a@b.c","password":"pw"})");
  REQUIRE(legacy_email);
  CHECK(std::get<PasswordCredentials>(legacy_email->credentials).email == "a@b.c");
}

TEST_CASE("m.login.token and m.login.application_service") {
  auto token = parse(R"({"type":"m.login.token","token":"abc"})");
  REQUIRE(token);
  CHECK(std::get<TokenCredentials>(token->credentials).token == "abc");
  auto as = parse(R"({"type":"m.login.application_service","identifier":{"type":"m.id.user","user":"bridge_bob"}})");
  REQUIRE(as);
  CHECK(std::get<AppServiceCredentials>(as->credentials).user == "bridge_bob");
  auto as_legacy = parse(R"({"type":"m.login.application_service","user":"bridge_bob"})");
  REQUIRE(as_legacy);
  CHECK(std::get<AppServiceCredentials>(as_legacy->credentials).user == "bridge_bob");
}

TEST_CASE("login bodies that are refused, with the spec's error codes") {
  CHECK(errcode(R"({"type":"m.login.dummy"})") == "M_UNKNOWN");
  CHECK(errcode(R"({"password":"pw"})") == "M_UNKNOWN");
  CHECK(errcode(R"({"type":7})") == "M_BAD_JSON");
  CHECK(errcode(R"({"type":"m.login.password","user":"alice"})") == "M_MISSING_PARAM");
  CHECK(errcode(R"({"type":"m.login.password","password":"pw"})") == "M_MISSING_PARAM");
  CHECK(errcode(R"({"type":"m.login.password","user":5,"password":"pw"})") == "M_BAD_JSON");
  CHECK(errcode(R"({"type":"m.login.password","identifier":"alice","password":"pw"})") == "M_BAD_JSON");
  CHECK(errcode(R"({"type":"m.login.password","identifier":{"type":"m.id.phone","country":"GB","phone":"1"},"password":"pw"})") ==
        "M_INVALID_PARAM");
  CHECK(errcode(R"({"type":"m.login.password","identifier":{"type":"m.id.thirdparty","medium":"msisdn","address":"1"},"password":"pw"})") ==
        "M_INVALID_PARAM");
  CHECK(errcode(R"({"type":"m.login.password","user":"alice","password":"pw","device_id":""})") ==
        "M_INVALID_PARAM");
  CHECK(errcode(R"({"type":"m.login.password","user":"alice","password":"pw","refresh_token":"yes"})") ==
        "M_BAD_JSON");
  CHECK(errcode(R"({"type":"m.login.token"})") == "M_MISSING_PARAM");
  CHECK(errcode(R"({"type":"m.login.application_service","identifier":{"type":"m.id.thirdparty","medium":"email","address":"a@b.c"}})") ==
        "M_INVALID_PARAM");
}

}  // namespace gatehouse::auth::compat
