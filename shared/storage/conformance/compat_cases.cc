// Conformance: compat sessions, their access and refresh tokens, and the
// m.login.sso handshake rows.
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/compat_sso_login_repository.h"
#include "shared/storage/compat_token_repository.h"
#include "shared/storage/conformance/oauth2_fixture.h"

namespace gatehouse::storage::conformance {
namespace {

CompatSession compat_session(std::string id, std::optional<std::string> device) {
  CompatSession s;
  s.id = std::move(id);
  s.user_id = kFixtureUser;
  s.device_id = std::move(device);
  s.created_at = 1'000;
  return s;
}

}  // namespace

TEST_CASE("conformance: compat_sessions add, find, activity, finish by id, device, user") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  CompatSession a = compat_session("01HCOMPAT00000000000000001", "DEVICEAAAA");
  a.human_name = "Element X";
  a.is_synapse_admin = true;
  a.user_session_id = kFixtureUserSession;
  CompatSession b = compat_session("01HCOMPAT00000000000000002", "DEVICEBBBB");
  CompatSession deviceless = compat_session("01HCOMPAT00000000000000003", std::nullopt);
  GH_REQUIRE_OK(compat_sessions::add(x, a));
  GH_REQUIRE_OK(compat_sessions::add(x, b));
  GH_REQUIRE_OK(compat_sessions::add(x, deviceless));
  CHECK(compat_sessions::add(x, a).error().code == ErrorCode::kConflict);
  (*tx)->rollback();

  tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& y = **tx;
  GH_REQUIRE_OK(compat_sessions::add(y, a));
  GH_REQUIRE_OK(compat_sessions::add(y, b));
  GH_REQUIRE_OK(compat_sessions::add(y, deviceless));
  auto found = compat_sessions::find(y, a.id);
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  CHECK(**found == a);
  auto none = compat_sessions::find(y, "01HNOPE0000000000000000000");
  GH_REQUIRE_OK(none);
  CHECK(!none->has_value());

  GH_REQUIRE_OK(compat_sessions::record_activity(y, b.id, 5'000, "192.0.2.7"));
  GH_REQUIRE_OK(compat_sessions::record_activity(y, b.id, 6'000, std::nullopt));
  auto active = compat_sessions::find(y, b.id);
  GH_REQUIRE_OK(active);
  CHECK((*active)->last_active_at == 6'000);
  CHECK((*active)->last_active_ip == "192.0.2.7");

  // Reusing a device finishes only that device's session of that user.
  auto by_device = compat_sessions::finish_for_device(y, kFixtureUser, "DEVICEAAAA", 7'000);
  GH_REQUIRE_OK(by_device);
  CHECK(*by_device == 1);
  auto again = compat_sessions::finish(y, a.id, 8'000);
  GH_REQUIRE_OK(again);
  CHECK(!*again);
  auto finished = compat_sessions::find(y, a.id);
  GH_REQUIRE_OK(finished);
  CHECK((*finished)->finished_at == 7'000);
  CHECK((*finished)->is_finished());

  auto live = compat_sessions::list_active_for_user(y, kFixtureUser);
  GH_REQUIRE_OK(live);
  REQUIRE(live->size() == 2);
  CHECK((*live)[0].id == b.id);
  CHECK((*live)[1].id == deviceless.id);

  auto ended = compat_sessions::finish(y, b.id, 9'000);
  GH_REQUIRE_OK(ended);
  CHECK(*ended);
  auto all = compat_sessions::finish_all_for_user(y, kFixtureUser, 10'000);
  GH_REQUIRE_OK(all);
  CHECK(*all == 1);
  live = compat_sessions::list_active_for_user(y, kFixtureUser);
  GH_REQUIRE_OK(live);
  CHECK(live->empty());
  GH_REQUIRE_OK((*tx)->commit());
}

TEST_CASE("conformance: compat_sessions pages filtered by user and finished") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  GH_REQUIRE_OK(compat_sessions::add(x, compat_session("01HCOMPAT00000000000000001", "D1")));
  GH_REQUIRE_OK(compat_sessions::add(x, compat_session("01HCOMPAT00000000000000002", "D2")));
  CHECK(*compat_sessions::finish(x, "01HCOMPAT00000000000000001", 5'000));
  auto page = compat_sessions::list_page(x, {std::string(kFixtureUser), false}, "", 10);
  GH_REQUIRE_OK(page);
  REQUIRE(page->size() == 1);
  CHECK((*page)[0].id == "01HCOMPAT00000000000000002");
  auto after = compat_sessions::list_page(x, {}, "01HCOMPAT00000000000000001", 10);
  GH_REQUIRE_OK(after);
  CHECK(after->size() == 1);
  CHECK(*compat_sessions::count(x, {}) == 2);
  CHECK(*compat_sessions::count(x, {std::string("01HN0BODY00000000000000000"), std::nullopt}) == 0);
  (*tx)->rollback();
}

TEST_CASE("conformance: compat tokens by fingerprint, expire, one-time consume") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  const CompatSession s = compat_session("01HCOMPAT00000000000000001", "DEVICEAAAA");
  GH_REQUIRE_OK(compat_sessions::add(x, s));

  CompatAccessToken forever{"01HCAT00000000000000000001", s.id, "fp-syt", 2'000, std::nullopt};
  CompatAccessToken shortlived{"01HCAT00000000000000000002", s.id, "fp-mct", 2'000, 302'000};
  GH_REQUIRE_OK(compat_access_tokens::add(x, forever));
  GH_REQUIRE_OK(compat_access_tokens::add(x, shortlived));
  CompatAccessToken same_fp = shortlived;
  same_fp.id = "01HCAT00000000000000000003";
  CHECK(compat_access_tokens::add(x, same_fp).error().code == ErrorCode::kConflict);
  (*tx)->rollback();

  tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& y = **tx;
  GH_REQUIRE_OK(compat_sessions::add(y, s));
  GH_REQUIRE_OK(compat_access_tokens::add(y, forever));
  GH_REQUIRE_OK(compat_access_tokens::add(y, shortlived));
  auto by_fp = compat_access_tokens::find_by_fingerprint(y, "fp-mct");
  GH_REQUIRE_OK(by_fp);
  REQUIRE(by_fp->has_value());
  CHECK(**by_fp == shortlived);
  CHECK(!(*by_fp)->is_expired(301'999));
  CHECK((*by_fp)->is_expired(302'000));
  auto missing = compat_access_tokens::find_by_fingerprint(y, "fp-nope");
  GH_REQUIRE_OK(missing);
  CHECK(!missing->has_value());

  // expire() only ever brings the end closer.
  auto expired = compat_access_tokens::expire(y, forever.id, 50'000);
  GH_REQUIRE_OK(expired);
  CHECK(*expired);
  auto later = compat_access_tokens::expire(y, forever.id, 60'000);
  GH_REQUIRE_OK(later);
  CHECK(!*later);
  auto reread = compat_access_tokens::find(y, forever.id);
  GH_REQUIRE_OK(reread);
  CHECK((*reread)->expires_at == 50'000);

  CompatRefreshToken refresh{"01HCRT00000000000000000001", s.id, "fp-mcr", shortlived.id, 2'000,
                             std::nullopt};
  GH_REQUIRE_OK(compat_refresh_tokens::add(y, refresh));
  auto r = compat_refresh_tokens::find_by_fingerprint(y, "fp-mcr");
  GH_REQUIRE_OK(r);
  REQUIRE(r->has_value());
  CHECK(**r == refresh);
  auto first = compat_refresh_tokens::consume(y, refresh.id, 3'000);
  GH_REQUIRE_OK(first);
  CHECK(*first);
  auto second = compat_refresh_tokens::consume(y, refresh.id, 4'000);
  GH_REQUIRE_OK(second);
  CHECK(!*second);
  r = compat_refresh_tokens::find_by_fingerprint(y, "fp-mcr");
  GH_REQUIRE_OK(r);
  CHECK((*r)->consumed_at == 3'000);
  GH_REQUIRE_OK((*tx)->commit());
}

TEST_CASE("conformance: compat_sso_logins fulfil once, exchange once, token fingerprint swapped") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  const CompatSession s = compat_session("01HCOMPAT00000000000000001", "DEVICEAAAA");
  GH_REQUIRE_OK(compat_sessions::add(x, s));
  CompatSsoLogin login;
  login.id = "01HSSO00000000000000000001";
  login.redirect_uri = "https://client.example/cb?x=1";
  login.login_token_fingerprint = "fp-placeholder";
  login.created_at = 1'000;
  GH_REQUIRE_OK(compat_sso_logins::add(x, login));
  auto found = compat_sso_logins::find(x, login.id);
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  CHECK(**found == login);

  // Not fulfilled yet: nothing to exchange.
  auto early = compat_sso_logins::exchange(x, login.id, s.id, 1'500);
  GH_REQUIRE_OK(early);
  CHECK(!*early);
  auto fulfilled = compat_sso_logins::fulfill(x, login.id, kFixtureUser, "fp-login", 2'000);
  GH_REQUIRE_OK(fulfilled);
  CHECK(*fulfilled);
  auto twice = compat_sso_logins::fulfill(x, login.id, kFixtureUser, "fp-other", 2'500);
  GH_REQUIRE_OK(twice);
  CHECK(!*twice);
  auto by_token = compat_sso_logins::find_by_login_token_fingerprint(x, "fp-login");
  GH_REQUIRE_OK(by_token);
  REQUIRE(by_token->has_value());
  CHECK((*by_token)->fulfilled_at == 2'000);
  CHECK((*by_token)->user_id == kFixtureUser);
  CHECK(!(*by_token)->compat_session_id);
  auto old = compat_sso_logins::find_by_login_token_fingerprint(x, "fp-placeholder");
  GH_REQUIRE_OK(old);
  CHECK(!old->has_value());

  auto exchanged = compat_sso_logins::exchange(x, login.id, s.id, 3'000);
  GH_REQUIRE_OK(exchanged);
  CHECK(*exchanged);
  auto replay = compat_sso_logins::exchange(x, login.id, s.id, 3'500);
  GH_REQUIRE_OK(replay);
  CHECK(!*replay);
  auto done = compat_sso_logins::find(x, login.id);
  GH_REQUIRE_OK(done);
  CHECK((*done)->exchanged_at == 3'000);
  CHECK((*done)->compat_session_id == s.id);
  GH_REQUIRE_OK((*tx)->commit());
}

}  // namespace gatehouse::storage::conformance
