#include "shared/appservice/registry.h"

#include <doctest/doctest.h>

using namespace gatehouse;
using namespace gatehouse::appservice;
using nlohmann::json;

namespace {

json registration(const char* id, const char* token, json users, bool msc4190 = false) {
  json doc = {{"id", id}, {"url", "http://127.0.0.1:9/"}, {"as_token", token},
              {"hs_token", "hs"}, {"sender_localpart", std::string(id) + "bot"},
              {"namespaces", {{"users", users}}}};
  if (msc4190) doc["io.element.msc4190"] = true;
  return doc;
}

}  // namespace

TEST_CASE("appservice: namespaces match from the start (re.match), sender allowed") {
  auto r = parse_registration(
      registration("bridge", "tok", json::array({{{"regex", "@bridge_.*:example\\.org"}, {"exclusive", true}}}), true),
      "bridge.yaml");
  REQUIRE(r);
  CHECK(r->msc4190);
  CHECK(r->in_namespace("@bridge_alice:example.org"));
  CHECK_FALSE(r->in_namespace("@alice:example.org"));
  CHECK_FALSE(r->in_namespace("x@bridge_alice:example.org"));
  CHECK(r->may_act_as("@bridgebot:example.org", "example.org"));
  CHECK_FALSE(r->may_act_as("@bob:example.org", "example.org"));
}

TEST_CASE("appservice: registry finds by token, exclusive namespaces only") {
  auto a = parse_registration(
      registration("a", "token-a", json::array({{{"regex", "@a_.*"}, {"exclusive", true}}})), "a");
  auto b = parse_registration(
      registration("b", "token-b", json::array({{{"regex", "@b_.*"}, {"exclusive", false}}})), "b");
  REQUIRE(a);
  REQUIRE(b);
  auto registry = Registry::from({*a, *b});
  REQUIRE(registry);
  REQUIRE(registry->by_token("token-b"));
  CHECK(registry->by_token("token-b")->id == "b");
  CHECK_FALSE(registry->by_token("token-c"));
  CHECK(registry->is_exclusive("@a_x:example.org"));
  CHECK_FALSE(registry->is_exclusive("@b_x:example.org"));
  CHECK_FALSE(Registry::from({*a, *a}));
}

TEST_CASE("appservice: missing fields and bad regexes are config errors") {
  auto missing = parse_registration(json{{"id", "x"}}, "x.yaml");
  REQUIRE(!missing);
  CHECK(missing.error().code == ErrorCode::kConfig);
  CHECK(missing.error().message.find("as_token") != std::string::npos);
  auto bad = parse_registration(registration("x", "t", json::array({{{"regex", "(["}}})), "x.yaml");
  REQUIRE(!bad);
  CHECK(bad.error().message.find("invalid regex") != std::string::npos);
}
