#include "auth/oauth2/scope.h"

#include <doctest/doctest.h>

namespace gatehouse::auth::oauth2 {
namespace {

std::optional<std::string> scope_refusal(std::string_view scope, ScopeContext ctx = {}) {
  auto e = validate_scope(parse_scope(scope), ctx);
  if (!e) return std::nullopt;
  CHECK(e->error == "invalid_scope");
  CHECK(e->status == 400);
  return e->description;
}

}  // namespace

TEST_CASE("scope: parse drops duplicates and extra spaces, join restores") {
  auto t = parse_scope("  openid  email openid ");
  CHECK(t == std::vector<std::string>{"openid", "email"});
  CHECK(join_scope(t) == "openid email");
  CHECK(parse_scope("").empty());
}

TEST_CASE("scope: Matrix API and device scopes for interactive grants") {
  CHECK(!scope_refusal("openid urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ"));
  CHECK(!scope_refusal("openid urn:matrix:org.matrix.msc2967.client:api:* "
                 "urn:matrix:org.matrix.msc2967.client:device:ABCDEFGHIJ",
                 {GrantType::kDeviceCode}));
  CHECK(!scope_refusal(""));
  CHECK(!scope_refusal("urn:mas:graphql:*"));
}

TEST_CASE("scope: refusals name their reason") {
  CHECK(scope_refusal("profile")->find("'profile' not allowed") != std::string::npos);
  CHECK(scope_refusal("urn:matrix:client:api:* urn:matrix:org.matrix.msc2967.client:api:*")
            ->find("mixed") != std::string::npos);
  CHECK(scope_refusal("urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ "
                "urn:matrix:client:device:KLMNOPQRST")
            ->find("at most one") != std::string::npos);
  CHECK(scope_refusal("urn:matrix:client:device:ABCDEFGHIJ")->find("needs") != std::string::npos);
  CHECK(scope_refusal("urn:matrix:client:api:* urn:matrix:client:device:SHORT")
            ->find("invalid device ID") != std::string::npos);
  CHECK(scope_refusal("urn:matrix:client:api:*", {GrantType::kClientCredentials})
            ->find("interactive") != std::string::npos);
}

TEST_CASE("scope: admin scopes need can_request_admin or a listed admin client") {
  CHECK(scope_refusal("urn:matrix:client:api:* urn:synapse:admin:*"));
  CHECK(!scope_refusal("urn:matrix:client:api:* urn:synapse:admin:*",
                 {GrantType::kAuthorizationCode, true, false}));
  CHECK(scope_refusal("urn:mas:admin"));
  CHECK(!scope_refusal("urn:mas:admin", {GrantType::kAuthorizationCode, true, false}));
  CHECK(scope_refusal("urn:mas:admin", {GrantType::kClientCredentials, false, false}));
  CHECK(!scope_refusal("urn:mas:admin", {GrantType::kClientCredentials, false, true}));
  // A listed admin client still cannot get Synapse admin without a user.
  CHECK(scope_refusal("urn:synapse:admin:*", {GrantType::kClientCredentials, false, true}));
}

TEST_CASE("scope: device IDs follow MAS's policy regex") {
  CHECK(is_valid_device_id("ABCDEFGHIJ"));
  CHECK(is_valid_device_id("a.b_c~d!$&'()*+,;=:@/-"));
  CHECK(!is_valid_device_id("ABCDEFGHI"));
  CHECK(!is_valid_device_id("ABCDEFGHIJ K"));
  CHECK(!is_valid_device_id("ABCDEFGHIJ%"));
  CHECK(device_id_of(parse_scope("openid urn:matrix:org.matrix.msc2967.client:device:XYZXYZXYZX")) ==
        "XYZXYZXYZX");
  CHECK(!device_id_of(parse_scope("openid")));
}

TEST_CASE("scope: introspection lists stable and unstable twins") {
  auto t = with_matrix_twins(parse_scope("openid urn:matrix:client:api:* urn:matrix:client:device:ABCDEFGHIJ"));
  CHECK(t == std::vector<std::string>{"openid", "urn:matrix:client:api:*",
                                      "urn:matrix:client:device:ABCDEFGHIJ",
                                      "urn:matrix:org.matrix.msc2967.client:api:*",
                                      "urn:matrix:org.matrix.msc2967.client:device:ABCDEFGHIJ"});
  auto u = with_matrix_twins(parse_scope("urn:matrix:org.matrix.msc2967.client:api:*"));
  CHECK(u == std::vector<std::string>{"urn:matrix:org.matrix.msc2967.client:api:*",
                                      "urn:matrix:client:api:*"});
}

TEST_CASE("scope: grant type names round-trip") {
  for (auto g : {GrantType::kAuthorizationCode, GrantType::kRefreshToken,
                 GrantType::kClientCredentials, GrantType::kDeviceCode}) {
    CHECK(parse_grant_type(to_string(g)) == g);
  }
  CHECK(!parse_grant_type("password"));
}

}  // namespace gatehouse::auth::oauth2
