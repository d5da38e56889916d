#include "homeserver/provisioning/request.h"

#include <doctest/doctest.h>

#include "homeserver/provisioning/provisioning.h"

using namespace gatehouse::homeserver::provisioning;
using nlohmann::json;

TEST_CASE("provision_user: fields parsed, set and unset together refused") {
  auto r = parse_provision_user(json{{"localpart", "alice"}, {"set_displayname", "Alice"},
                                     {"set_emails", {"a@x"}}, {"locked", true}, {"extra", 1}});
  REQUIRE(r);
  CHECK(r->localpart == "alice");
  CHECK(r->set_displayname == "Alice");
  CHECK(r->set_emails == std::vector<std::string>{"a@x"});
  CHECK(r->locked == true);
  CHECK_FALSE(r->unset_avatar_url);

  for (const char* field : {"displayname", "avatar_url", "emails"}) {
    CAPTURE(field);
    json body = {{"localpart", "alice"}, {std::string("unset_") + field, true}};
    body[std::string("set_") + field] = std::string(field) == "emails" ? json::array() : json("x");
    auto both = parse_provision_user(body);
    REQUIRE(!both);
    CHECK(both.error().status == 400);
  }
  auto no_localpart = parse_provision_user(json{{"set_displayname", "x"}});
  REQUIRE(!no_localpart);
  CHECK(no_localpart.error().status == 400);
  auto wrong_type = parse_provision_user(json{{"localpart", "a"}, {"locked", "yes"}});
  REQUIRE(!wrong_type);
  CHECK(wrong_type.error().errcode == "M_BAD_JSON");
}

TEST_CASE("localpart validity as Synapse's check_username") {
  CHECK(is_valid_localpart("alice.b-c_d=e/f+g", "example.org"));
  CHECK_FALSE(is_valid_localpart("", "example.org"));
  CHECK_FALSE(is_valid_localpart("Alice", "example.org"));
  CHECK_FALSE(is_valid_localpart("_bridge", "example.org"));
  CHECK_FALSE(is_valid_localpart("a b", "example.org"));
  CHECK_FALSE(is_valid_localpart(std::string(250, 'a'), "example.org"));
}
