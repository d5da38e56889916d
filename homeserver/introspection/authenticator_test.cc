#include "homeserver/introspection/authenticator.h"

#include <doctest/doctest.h>

using namespace gatehouse;
using namespace gatehouse::homeserver;
using namespace gatehouse::homeserver::introspection;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

class FakeIntrospector final : public Introspector {
 public:
  Result<json> introspect(std::string_view) override {
    ++calls;
    if (down) return fail(ErrorCode::kUnavailable, "down");
    return answer;
  }
  json answer = {{"active", true}, {"username", "alice"}, {"expires_in", 300},
                 {"scope", "urn:matrix:client:api:* urn:matrix:client:device:D1"}};
  bool down = false;
  int calls = 0;
};

httplib::Request with_token(const std::string& token) {
  httplib::Request req;
  req.headers.emplace("Authorization", "Bearer " + token);
  return req;
}

struct Fixture {
  FakeClock clock;
  FakeIntrospector introspector;
  TokenCache cache{clock, 100, 120s};
  std::string secret = "shared-secret";
  appservice::Registry appservices;
  bool device_exists = true;
  Authenticator authenticator{"example.org", secret, appservices, introspector, cache,
                              [this](std::string_view, std::string_view) -> Result<bool> {
                                return device_exists;
                              }};
};

}  // namespace

TEST_CASE("authenticator: missing token, shared secret, introspection and its cache") {
  Fixture f;
  auto missing = f.authenticator.authenticate(httplib::Request{});
  REQUIRE(!missing);
  CHECK(missing.error().errcode == "M_MISSING_TOKEN");

  auto mas = f.authenticator.authenticate(with_token("shared-secret"));
  REQUIRE(mas);
  CHECK(mas->from_auth_service);
  CHECK(f.introspector.calls == 0);

  auto first = f.authenticator.authenticate(with_token("mat_x"));
  REQUIRE(first);
  CHECK(first->localpart == "alice");
  CHECK(first->device_id == "D1");
  auto second = f.authenticator.authenticate(with_token("mat_x"));
  REQUIRE(second);
  CHECK(f.introspector.calls == 1);  // served from the cache

  f.cache.evict_device("alice", "D1");
  f.device_exists = false;  // the device was deleted
  auto gone = f.authenticator.authenticate(with_token("mat_x"));
  REQUIRE(!gone);
  CHECK(gone.error().status == 401);
  CHECK(gone.error().errcode == "M_UNKNOWN_TOKEN");
  CHECK(f.introspector.calls == 2);
  CHECK(f.cache.size() == 0);
}

TEST_CASE("authenticator: inactive is 401, unreachable is 503") {
  Fixture f;
  f.introspector.answer = {{"active", false}};
  auto inactive = f.authenticator.authenticate(with_token("t"));
  REQUIRE(!inactive);
  CHECK(inactive.error().errcode == "M_UNKNOWN_TOKEN");
  f.introspector.down = true;
  auto down = f.authenticator.authenticate(with_token("t"));
  REQUIRE(!down);
  CHECK(down.error().status == 503);
  CHECK(down.error().message == "Unable to introspect the access token");
}

TEST_CASE("authenticator: as_token with user_id inside the namespace, no introspection") {
  Fixture f;
  auto reg = appservice::parse_registration(
      json{{"id", "b"}, {"as_token", "as-tok"}, {"hs_token", "hs"}, {"sender_localpart", "bot"},
           {"namespaces", {{"users", json::array({{{"regex", "@b_.*"}, {"exclusive", true}}})}}}},
      "b");
  REQUIRE(reg);
  f.appservices = *appservice::Registry::from({*reg});
  auto req = with_token("as-tok");
  auto sender = f.authenticator.authenticate(req);
  REQUIRE(sender);
  CHECK(sender->localpart == "bot");
  req.params.emplace("user_id", "@b_alice:example.org");
  auto masked = f.authenticator.authenticate(req);
  REQUIRE(masked);
  CHECK(masked->localpart == "b_alice");
  CHECK(masked->appservice);
  req.params.clear();
  req.params.emplace("user_id", "@carol:example.org");
  auto outside = f.authenticator.authenticate(req);
  REQUIRE(!outside);
  CHECK(outside.error().status == 403);
  CHECK(f.introspector.calls == 0);
}

TEST_CASE("authenticator: the cached entry carries the whoami answer, escaped once") {
  Fixture f;
  // Historical user ids may hold characters JSON must escape.
  f.introspector.answer["username"] = "al\"i\\ce";
  auto first = f.authenticator.authenticate(with_token("mat_y"));
  REQUIRE(first);
  REQUIRE(first->token);
  auto whoami = json::parse(first->token->whoami);
  CHECK(whoami == json{{"user_id", "@al\"i\\ce:example.org"}, {"is_guest", false}, {"device_id", "D1"}});
  auto second = f.authenticator.authenticate(with_token("mat_y"));
  REQUIRE(second);
  CHECK(second->token == first->token);  // the same entry, not re-rendered
  f.introspector.answer["scope"] = "urn:matrix:client:api:*";
  auto no_device = f.authenticator.authenticate(with_token("mat_z"));
  REQUIRE(no_device);
  CHECK(json::parse(no_device->token->whoami) ==
        json{{"user_id", "@al\"i\\ce:example.org"}, {"is_guest", false}});
}
