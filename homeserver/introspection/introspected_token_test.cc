#include "homeserver/introspection/introspected_token.h"

#include <doctest/doctest.h>

using namespace gatehouse;
using namespace gatehouse::homeserver::introspection;
using nlohmann::json;

TEST_CASE("scope: C-S API (stable and unstable), admin, device scopes") {
  auto g = parse_scope("openid urn:matrix:client:api:* urn:matrix:client:device:ABC");
  CHECK(g.client_api);
  CHECK_FALSE(g.admin);
  CHECK(g.device_ids == std::vector<std::string>{"ABC"});
  g = parse_scope("  urn:matrix:org.matrix.msc2967.client:api:*  urn:synapse:admin:* "
                  "urn:matrix:org.matrix.msc2967.client:device:X urn:matrix:client:device:Y");
  CHECK(g.client_api);
  CHECK(g.admin);
  CHECK(g.device_ids == std::vector<std::string>{"X", "Y"});
  CHECK_FALSE(parse_scope("openid urn:matrix:client:api").client_api);
}

TEST_CASE("interpret: active answers") {
  auto t = interpret(json{{"active", true}, {"username", "alice"},
                          {"scope", "urn:matrix:client:api:* urn:matrix:client:device:D1"},
                          {"expires_in", 300}});
  REQUIRE(t);
  CHECK(t->localpart == "alice");
  CHECK(t->device_id == "D1");
  CHECK(t->expires_in == 300);
  CHECK_FALSE(t->admin);

  // device_id wins over the scope; no expiry for compat tokens.
  t = interpret(json{{"active", true}, {"username", "bob"}, {"device_id", "D2"},
                     {"scope", "urn:matrix:client:api:* urn:synapse:admin:*"}});
  REQUIRE(t);
  CHECK(t->device_id == "D2");
  CHECK(t->admin);
  CHECK_FALSE(t->expires_in);
}

TEST_CASE("interpret: rejections") {
  auto inactive = interpret(json{{"active", false}});
  REQUIRE(!inactive);
  CHECK(inactive.error().code == ErrorCode::kUnauthorized);
  auto no_api = interpret(json{{"active", true}, {"username", "a"}, {"scope", "openid"}});
  REQUIRE(!no_api);
  CHECK(no_api.error().code == ErrorCode::kUnauthorized);
  auto no_user = interpret(json{{"active", true}, {"scope", "urn:matrix:client:api:*"}});
  REQUIRE(!no_user);
  CHECK(no_user.error().code == ErrorCode::kInternal);
  auto two_devices = interpret(json{{"active", true}, {"username", "a"},
                                    {"scope", "urn:matrix:client:api:* urn:matrix:client:device:A "
                                              "urn:matrix:client:device:B"}});
  REQUIRE(!two_devices);
  CHECK(two_devices.error().code == ErrorCode::kInternal);
  auto expired = interpret(json{{"active", true}, {"username", "a"},
                                {"scope", "urn:matrix:client:api:*"}, {"expires_in", 0}});
  REQUIRE(!expired);
  CHECK(expired.error().code == ErrorCode::kUnauthorized);
}
