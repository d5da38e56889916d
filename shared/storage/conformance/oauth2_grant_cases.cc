// Conformance: authorization grants, device code grants, consents and the
// client assertion (jti) replay cache.
#include "shared/storage/conformance/oauth2_fixture.h"
#include "shared/storage/oauth2_authorization_grant_repository.h"
#include "shared/storage/oauth2_consent_repository.h"
#include "shared/storage/oauth2_device_code_grant_repository.h"

namespace gatehouse::storage::conformance {
namespace {

OAuth2AuthorizationGrant grant(std::string id) {
  OAuth2AuthorizationGrant g;
  g.id = std::move(id);
  g.client_id = kFixtureClient;
  g.redirect_uri = "https://app.example/cb";
  g.scope = "openid urn:matrix:client:api:*";
  g.state = "xyz";
  g.nonce = "n-0S6_WzA2Mj";
  g.code_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  g.code_challenge_method = "S256";
  g.response_mode = "fragment";
  g.prompt = "login";
  g.max_age = 3600;
  g.created_at = 1'000;
  return g;
}

OAuth2DeviceCodeGrant device_grant(std::string id, std::string user_code) {
  OAuth2DeviceCodeGrant g;
  g.id = std::move(id);
  g.client_id = kFixtureClient;
  g.scope = "urn:matrix:client:api:*";
  g.device_code_fingerprint = "fp-" + user_code;
  g.user_code = std::move(user_code);
  g.created_at = 1'000;
  g.expires_at = 1'201'000;
  return g;
}

}  // namespace

TEST_CASE("conformance: authorization grant pending → fulfilled → exchanged once") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  const auto g = grant("01HGRANT000000000000000001");
  GH_REQUIRE_OK(oauth2_authorization_grants::add(x, g));
  auto found = oauth2_authorization_grants::find(x, g.id);
  GH_REQUIRE_OK(found);
  CHECK(**found == g);
  CHECK((*found)->is_pending());
  CHECK(!*oauth2_authorization_grants::exchange(x, g.id, 1'500));  // not fulfilled yet

  const std::string sid = "01HSESS0000000000000000001";
  GH_REQUIRE_OK(oauth2_sessions::add(x, fixture_session(sid)));
  GrantFulfilment f{sid, kFixtureUserSession, 900, std::string(64, 'c')};
  CHECK(*oauth2_authorization_grants::fulfill(x, g.id, f, 2'000));
  CHECK(!*oauth2_authorization_grants::fulfill(x, g.id, f, 2'100));
  auto by_code = oauth2_authorization_grants::find_by_code_fingerprint(x, f.code_fingerprint);
  GH_REQUIRE_OK(by_code);
  REQUIRE(by_code->has_value());
  CHECK((*by_code)->is_fulfilled());
  CHECK((*by_code)->session_id == sid);
  CHECK((*by_code)->user_session_id == kFixtureUserSession);
  CHECK((*by_code)->auth_time == 900);
  CHECK((*by_code)->fulfilled_at == 2'000);

  CHECK(*oauth2_authorization_grants::exchange(x, g.id, 3'000));
  CHECK(!*oauth2_authorization_grants::exchange(x, g.id, 3'100));  // replay
  CHECK(!*oauth2_authorization_grants::cancel(x, g.id, 3'200));    // exchanged: final
  auto done = *oauth2_authorization_grants::find(x, g.id);
  CHECK(done->exchanged_at == 3'000);
  CHECK(!done->is_fulfilled());
}

TEST_CASE("conformance: a cancelled authorization grant cannot be fulfilled") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  auto g = grant("01HGRANT000000000000000002");
  g.state.reset();
  g.nonce.reset();
  g.code_challenge.reset();
  g.code_challenge_method.reset();
  g.prompt.reset();
  g.max_age.reset();
  GH_REQUIRE_OK(oauth2_authorization_grants::add(x, g));
  CHECK(**oauth2_authorization_grants::find(x, g.id) == g);
  CHECK(*oauth2_authorization_grants::cancel(x, g.id, 2'000));
  CHECK(!*oauth2_authorization_grants::cancel(x, g.id, 2'500));
  const std::string sid = "01HSESS0000000000000000001";
  GH_REQUIRE_OK(oauth2_sessions::add(x, fixture_session(sid)));
  CHECK(!*oauth2_authorization_grants::fulfill(
      x, g.id, GrantFulfilment{sid, kFixtureUserSession, 1, "code"}, 3'000));
  CHECK(!oauth2_authorization_grants::find_by_code_fingerprint(x, "code")->has_value());
}

TEST_CASE("conformance: device code grant approve, exchange once; reject; expiry") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  const auto a = device_grant("01HDEV00000000000000000001", "ABC123");
  const auto b = device_grant("01HDEV00000000000000000002", "XYZ789");
  GH_REQUIRE_OK(oauth2_device_code_grants::add(x, a));
  GH_REQUIRE_OK(oauth2_device_code_grants::add(x, b));
  auto dup = oauth2_device_code_grants::add(x, device_grant("01HDEV00000000000000000003", "ABC123"));
  REQUIRE(!dup);
  CHECK(dup.error().code == ErrorCode::kConflict);
  (*tx)->rollback();

  tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& y = **tx;
  GH_REQUIRE_OK(oauth2_device_code_grants::add(y, a));
  GH_REQUIRE_OK(oauth2_device_code_grants::add(y, b));
  auto by_user = oauth2_device_code_grants::find_by_user_code(y, "ABC123");
  GH_REQUIRE_OK(by_user);
  CHECK(**by_user == a);
  auto by_device = oauth2_device_code_grants::find_by_device_code_fingerprint(y, "fp-XYZ789");
  GH_REQUIRE_OK(by_device);
  CHECK((*by_device)->id == b.id);

  GH_REQUIRE_OK(oauth2_device_code_grants::record_poll(y, a.id, 1'500));
  CHECK((*oauth2_device_code_grants::find(y, a.id))->last_polled_at == 1'500);
  CHECK(!*oauth2_device_code_grants::exchange(y, a.id, 1'600));  // still pending

  const std::string sid = "01HSESS0000000000000000001";
  GH_REQUIRE_OK(oauth2_sessions::add(y, fixture_session(sid)));
  CHECK(!*oauth2_device_code_grants::fulfill(y, a.id, sid, kFixtureUserSession, 1'201'000));
  CHECK(*oauth2_device_code_grants::fulfill(y, a.id, sid, kFixtureUserSession, 2'000));
  CHECK(!*oauth2_device_code_grants::reject(y, a.id, kFixtureUserSession, 2'100));
  CHECK(*oauth2_device_code_grants::exchange(y, a.id, 3'000));
  CHECK(!*oauth2_device_code_grants::exchange(y, a.id, 3'100));
  auto done = *oauth2_device_code_grants::find(y, a.id);
  CHECK(done->session_id == sid);
  CHECK(done->exchanged_at == 3'000);

  CHECK(*oauth2_device_code_grants::reject(y, b.id, kFixtureUserSession, 2'000));
  CHECK(!*oauth2_device_code_grants::fulfill(y, b.id, sid, kFixtureUserSession, 2'100));
  CHECK((*oauth2_device_code_grants::find(y, b.id))->rejected_at == 2'000);
}

TEST_CASE("conformance: consents accumulate scope tokens per client and user") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  auto none = oauth2_consents::find(x, kFixtureClient, kFixtureUser);
  GH_REQUIRE_OK(none);
  CHECK(none->empty());
  GH_REQUIRE_OK(oauth2_consents::add(x, kFixtureClient, kFixtureUser, {"openid", "email"}, 1));
  GH_REQUIRE_OK(oauth2_consents::add(x, kFixtureClient, kFixtureUser,
                                     {"openid", "urn:matrix:client:api:*"}, 2));
  auto all = oauth2_consents::find(x, kFixtureClient, kFixtureUser);
  GH_REQUIRE_OK(all);
  CHECK(*all == std::vector<std::string>{"email", "openid", "urn:matrix:client:api:*"});
}

TEST_CASE("conformance: a client assertion jti is accepted once until it expires") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  auto first = oauth2_client_assertions::remember(x, kFixtureClient, "jti-1", 10'000, 1'000);
  GH_REQUIRE_OK(first);
  CHECK(*first);
  CHECK(!*oauth2_client_assertions::remember(x, kFixtureClient, "jti-1", 10'000, 2'000));
  CHECK(*oauth2_client_assertions::remember(x, "01HOTHERCL1ENT000000000000", "jti-1", 10'000,
                                            2'000));
  // Once expired, the entry no longer blocks (the old assertion is dead anyway).
  CHECK(*oauth2_client_assertions::remember(x, kFixtureClient, "jti-1", 20'000, 10'000));
  auto pruned = oauth2_client_assertions::prune(x, 15'000);
  GH_REQUIRE_OK(pruned);
  CHECK(*pruned == 1);
}

}  // namespace gatehouse::storage::conformance
