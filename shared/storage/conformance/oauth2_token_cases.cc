// Conformance: the joined token lookups introspection runs on every request
// (token ⋈ session ⋈ user), and the narrowed scope an access token may carry.
#include "shared/storage/conformance/oauth2_fixture.h"
#include "shared/storage/oauth2_token_repository.h"

namespace gatehouse::storage::conformance {

TEST_CASE("conformance: introspect_by_fingerprint joins session and user in one row") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  const OAuth2Session s = fixture_session("01HSESS0000000000000000001");
  GH_REQUIRE_OK(oauth2_sessions::add(x, s));
  GH_REQUIRE_OK(oauth2_access_tokens::add(x, fixture_access_token("01HAT00000000000000000000A", s.id, "fa")));
  OAuth2AccessToken narrowed = fixture_access_token("01HAT00000000000000000000B", s.id, "fb");
  narrowed.scope = "openid";
  GH_REQUIRE_OK(oauth2_access_tokens::add(x, narrowed));
  CHECK((*oauth2_access_tokens::find(x, narrowed.id))->scope == "openid");

  auto a = oauth2_access_tokens::introspect_by_fingerprint(x, "fa");
  GH_REQUIRE_OK(a);
  REQUIRE(a->has_value());
  const IntrospectedToken& at = **a;
  CHECK(at.id == "01HAT00000000000000000000A");
  CHECK(at.session_id == s.id);
  CHECK(at.created_at == 2'000);
  CHECK(at.expires_at == 302'000);
  CHECK(!at.revoked);
  CHECK(!at.first_used_at);
  CHECK(at.scope == s.scope);  // no scope of its own: the session's
  CHECK(at.client_id == kFixtureClient);
  CHECK(at.device_id == "ABCDEFGHIJ");
  CHECK(!at.session_finished);
  CHECK(at.user_id == kFixtureUser);
  CHECK(at.username == "alice");
  CHECK(!at.user_locked_or_deactivated);
  CHECK(at.is_active(3'000));
  CHECK(!at.is_active(302'000));
  CHECK((*oauth2_access_tokens::introspect_by_fingerprint(x, "fb"))->scope == "openid");
  CHECK(!oauth2_access_tokens::introspect_by_fingerprint(x, "nope")->has_value());

  GH_REQUIRE_OK(oauth2_access_tokens::mark_used(x, at.id, 4'000));
  CHECK((*oauth2_access_tokens::introspect_by_fingerprint(x, "fa"))->first_used_at == 4'000);
  GH_REQUIRE_OK(x.execute("UPDATE users SET locked_at = 5000 WHERE id = $1", {kFixtureUser}));
  auto locked = oauth2_access_tokens::introspect_by_fingerprint(x, "fa");
  CHECK((*locked)->user_locked_or_deactivated);
  CHECK(!(*locked)->is_active(6'000));
}

TEST_CASE("conformance: introspect_by_fingerprint for refresh tokens and user-less sessions") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  OAuth2Session machine = fixture_session("01HSESS0000000000000000002");
  machine.user_id.reset();
  machine.user_session_id.reset();
  machine.device_id.reset();
  machine.scope = "urn:mas:admin";
  GH_REQUIRE_OK(oauth2_sessions::add(x, machine));
  GH_REQUIRE_OK(oauth2_access_tokens::add(x, fixture_access_token("01HAT00000000000000000000A", machine.id, "fa")));
  auto m = oauth2_access_tokens::introspect_by_fingerprint(x, "fa");
  GH_REQUIRE_OK(m);
  CHECK(!(*m)->user_id);
  CHECK(!(*m)->username);
  CHECK(!(*m)->device_id);
  CHECK((*m)->scope == "urn:mas:admin");
  CHECK((*m)->is_active(3'000));

  const OAuth2Session s = fixture_session("01HSESS0000000000000000001");
  GH_REQUIRE_OK(oauth2_sessions::add(x, s));
  OAuth2RefreshToken r;
  r.id = "01HRT00000000000000000000A";
  r.session_id = s.id;
  r.token_fingerprint = "fr";
  r.created_at = 2'000;
  GH_REQUIRE_OK(oauth2_refresh_tokens::add(x, r));
  auto live = oauth2_refresh_tokens::introspect_by_fingerprint(x, "fr");
  GH_REQUIRE_OK(live);
  REQUIRE(live->has_value());
  CHECK(!(*live)->expires_at);
  CHECK(!(*live)->first_used_at);
  CHECK((*live)->username == "alice");
  CHECK((*live)->scope == s.scope);
  CHECK((*live)->is_active(1'000'000'000));
  GH_REQUIRE_OK(oauth2_refresh_tokens::add(x, [&] {
    OAuth2RefreshToken next = r;
    next.id = "01HRT00000000000000000000B";
    next.token_fingerprint = "fr2";
    return next;
  }()));
  CHECK(*oauth2_refresh_tokens::consume(x, r.id, "01HRT00000000000000000000B", 3'000));
  CHECK((*oauth2_refresh_tokens::introspect_by_fingerprint(x, "fr"))->revoked);
  CHECK(*oauth2_sessions::finish(x, s.id, 4'000));
  auto finished = oauth2_refresh_tokens::introspect_by_fingerprint(x, "fr2");
  CHECK((*finished)->session_finished);
  CHECK(!(*finished)->is_active(5'000));
}

}  // namespace gatehouse::storage::conformance
