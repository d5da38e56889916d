#include "auth/web/grant_flow.h"

#include <doctest/doctest.h>

#include "auth/web/continuation.h"

namespace gatehouse::web {
namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;

Visitor signed_in(std::int64_t authenticated_at) {
  Visitor v;
  v.session = storage::BrowserSession{"01J00000000000000000000001", "01J00000000000000000000002"};
  v.user = storage::User{"01J00000000000000000000002", "alice"};
  v.last_authenticated_at = authenticated_at;
  return v;
}

storage::OAuth2AuthorizationGrant grant(std::optional<std::string> prompt = std::nullopt,
                                        std::optional<std::int64_t> max_age = std::nullopt) {
  storage::OAuth2AuthorizationGrant g;
  g.id = "01J00000000000000000000003";
  g.created_at = kNow - 1000;
  g.prompt = std::move(prompt);
  g.max_age = max_age;
  return g;
}

TEST_CASE("without a session the browser must sign in") {
  CHECK(needs_login(grant(), Visitor{}, kNow));
  CHECK_FALSE(needs_login(grant(), signed_in(kNow - 3'600'000), kNow));
}

TEST_CASE("prompt=login needs an authentication made after the request") {
  CHECK(needs_login(grant("login"), signed_in(kNow - 5000), kNow));
  CHECK_FALSE(needs_login(grant("login"), signed_in(kNow - 500), kNow));
  CHECK(needs_login(grant("consent login"), signed_in(kNow - 5000), kNow));
  CHECK_FALSE(needs_login(grant("consent"), signed_in(kNow - 5000), kNow));
}

TEST_CASE("max_age needs an authentication at most that many seconds old") {
  CHECK(needs_login(grant(std::nullopt, 60), signed_in(kNow - 61'000), kNow));
  CHECK_FALSE(needs_login(grant(std::nullopt, 60), signed_in(kNow - 59'000), kNow));
  CHECK(needs_login(grant(std::nullopt, 0), signed_in(kNow - 1), kNow));
}

TEST_CASE("consent on record covers a request unless a scope is new; device scopes do not count") {
  const std::vector<std::string> approved = {"openid", "urn:matrix:client:api:*"};
  CHECK(consent_covers({"openid"}, approved));
  CHECK(consent_covers({"openid", "urn:matrix:client:api:*", "urn:matrix:client:device:ABCDEFGHIJ"},
                       approved));
  CHECK_FALSE(consent_covers({"openid", "email"}, approved));
  CHECK_FALSE(consent_covers({"openid"}, {}));
  CHECK(consent_covers({}, {}));
}

TEST_CASE("scopes are described in words, unknown ones as they are") {
  auto lines = describe_scopes({"openid", "urn:matrix:client:device:ABCDEFGHIJ", "x:y"});
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].find("ABCDEFGHIJ") != std::string::npos);
  CHECK(lines[2] == "x:y");
}

TEST_CASE("the continuation survives the login URL round trip") {
  const Continuation next{Continuation::Kind::kAuthorizationGrant, "01J00000000000000000000003"};
  httplib::Request req;
  req.params.emplace("kind", "continue_authorization_grant");
  req.params.emplace("id", next.id);
  CHECK(parse_continuation(req) == next);
  CHECK(continuation_path(next) == "consent/" + next.id);
  CHECK(login_path(next, "al ice") ==
        "login?kind=continue_authorization_grant&id=" + next.id + "&login_hint=al%20ice");
  httplib::Request bad;
  bad.params.emplace("kind", "continue_authorization_grant");
  bad.params.emplace("id", "../../evil");
  CHECK(parse_continuation(bad) == Continuation{});
  CHECK(continuation_path(Continuation{}) == "login");
}

}  // namespace
}  // namespace gatehouse::web
