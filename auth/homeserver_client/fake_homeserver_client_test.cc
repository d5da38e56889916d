// The fake behaves as the provisioning API does (tests rely on it).
#include "auth/homeserver_client/fake_homeserver_client.h"

#include <doctest/doctest.h>

#include "auth/homeserver_client/http_call.h"

namespace gatehouse::auth::homeserver_client {

TEST_CASE("fake homeserver: provision creates then updates; failure applies to every call") {
  FakeHomeserverClient hs;
  CHECK(*hs.provision_user({.localpart = "alice", .display_name = "Alice"}) == true);
  CHECK(*hs.provision_user({.localpart = "alice", .emails = std::vector<std::string>{"a@x"}}) ==
        false);
  CHECK(hs.user("alice")->display_name == std::optional<std::string>("Alice"));
  CHECK(hs.user("alice")->emails == std::vector<std::string>{"a@x"});
  CHECK(*hs.is_localpart_available("bob") == true);
  CHECK(hs.sync_devices("alice", {"D1", "D2"}));
  CHECK(hs.user("alice")->devices.size() == 2);
  CHECK(hs.delete_user("bob", false).error().code == ErrorCode::kNotFound);
  hs.set_failure(Error{ErrorCode::kUnavailable, "down", ""});
  CHECK(hs.reactivate_user("alice").error().code == ErrorCode::kUnavailable);
  CHECK(hs.calls() == 6);
}

TEST_CASE("homeserver answers map to error codes; 403 names the secret") {
  CHECK(expect_success("x", {200, "{}"}));
  auto forbidden = expect_success("POST provision_user", {403, R"({"errcode":"M_FORBIDDEN"})"});
  CHECK(forbidden.error().code == ErrorCode::kForbidden);
  CHECK(forbidden.error().message.find("secret") != std::string::npos);
  CHECK(expect_success("x", {404, ""}).error().code == ErrorCode::kNotFound);
  CHECK(expect_success("x", {400, ""}).error().code == ErrorCode::kInvalidInput);
  CHECK(expect_success("x", {502, "bad gateway"}).error().code == ErrorCode::kUnavailable);
  CHECK(summarize({500, std::string(500, 'x')}).size() < 230);
}

TEST_CASE("an unreachable homeserver is kUnavailable") {
  // Port 1 on loopback: nothing listens there.
  auto answer = http_call("GET", "http://127.0.0.1:1/_matrix/client/versions", "s3cret", "",
                          std::chrono::seconds(2));
  REQUIRE(!answer);
  CHECK(answer.error().code == ErrorCode::kUnavailable);
  CHECK(answer.error().describe().find("s3cret") == std::string::npos);
}

}  // namespace gatehouse::auth::homeserver_client
