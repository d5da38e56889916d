// Conformance: OAuth 2.0 sessions, access and refresh tokens.
#include "shared/storage/conformance/oauth2_fixture.h"
#include "shared/storage/oauth2_token_repository.h"

namespace gatehouse::storage::conformance {
namespace {

OAuth2RefreshToken refresh_token(std::string id, std::string session_id, std::string fp,
                                 std::optional<std::string> access_id) {
  OAuth2RefreshToken t;
  t.id = std::move(id);
  t.session_id = std::move(session_id);
  t.token_fingerprint = std::move(fp);
  t.access_token_id = std::move(access_id);
  t.created_at = 2'000;
  return t;
}

}  // namespace

TEST_CASE("conformance: oauth2_sessions add, find, activity, finish revokes tokens") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  OAuth2Session s = fixture_session("01HSESS0000000000000000001");
  GH_REQUIRE_OK(oauth2_sessions::add(x, s));
  OAuth2Session machine = fixture_session("01HSESS0000000000000000002");
  machine.user_id.reset();
  machine.user_session_id.reset();
  machine.device_id.reset();
  machine.scope = "urn:mas:admin";
  GH_REQUIRE_OK(oauth2_sessions::add(x, machine));
  CHECK(oauth2_sessions::add(x, s).error().code == ErrorCode::kConflict);
  (*tx)->rollback();

  tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& y = **tx;
  GH_REQUIRE_OK(oauth2_sessions::add(y, s));
  GH_REQUIRE_OK(oauth2_sessions::add(y, machine));
  auto found = oauth2_sessions::find(y, s.id);
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  CHECK(**found == s);
  auto none = oauth2_sessions::find(y, "01HNOPE0000000000000000000");
  GH_REQUIRE_OK(none);
  CHECK(!none->has_value());

  GH_REQUIRE_OK(oauth2_sessions::record_activity(y, s.id, 5'000, "192.0.2.1"));
  GH_REQUIRE_OK(oauth2_sessions::record_activity(y, s.id, 6'000, std::nullopt));
  found = oauth2_sessions::find(y, s.id);
  CHECK((*found)->last_active_at == 6'000);
  CHECK((*found)->last_active_ip == "192.0.2.1");

  GH_REQUIRE_OK(oauth2_access_tokens::add(y, fixture_access_token("01HAT00000000000000000000A", s.id, "fa")));
  GH_REQUIRE_OK(oauth2_refresh_tokens::add(
      y, refresh_token("01HRT00000000000000000000A", s.id, "fr", "01HAT00000000000000000000A")));
  auto active = oauth2_sessions::list_active_for_user(y, kFixtureUser);
  GH_REQUIRE_OK(active);
  CHECK(active->size() == 1);  // the machine session has no user

  auto finished = oauth2_sessions::finish(y, s.id, 9'000);
  GH_REQUIRE_OK(finished);
  CHECK(*finished);
  auto again = oauth2_sessions::finish(y, s.id, 9'500);
  GH_REQUIRE_OK(again);
  CHECK(!*again);
  CHECK((*oauth2_sessions::find(y, s.id))->finished_at == 9'000);
  CHECK((*oauth2_access_tokens::find(y, "01HAT00000000000000000000A"))->revoked_at == 9'000);
  CHECK((*oauth2_refresh_tokens::find(y, "01HRT00000000000000000000A"))->revoked_at == 9'000);
  active = oauth2_sessions::list_active_for_user(y, kFixtureUser);
  CHECK(active->empty());
  GH_REQUIRE_OK(y.commit());
}

TEST_CASE("conformance: oauth2_sessions pages filtered by user, client and finished") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  GH_REQUIRE_OK(oauth2_sessions::add(x, fixture_session("01HSESS0000000000000000001")));
  OAuth2Session machine = fixture_session("01HSESS0000000000000000002");
  machine.user_id.reset();
  machine.user_session_id.reset();
  GH_REQUIRE_OK(oauth2_sessions::add(x, machine));
  GH_REQUIRE_OK(oauth2_sessions::add(x, fixture_session("01HSESS0000000000000000003")));
  CHECK(*oauth2_sessions::finish(x, "01HSESS0000000000000000003", 9'000));
  auto ids = [&](const oauth2_sessions::SessionFilter& f, std::string_view after, std::int64_t limit) {
    auto page = oauth2_sessions::list_page(x, f, after, limit);
    REQUIRE(page);
    std::vector<std::string> out;
    for (const auto& s : *page) out.push_back(s.id);
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(ids({}, "", 2) == V{"01HSESS0000000000000000001", "01HSESS0000000000000000002"});
  CHECK(ids({}, "01HSESS0000000000000000002", 2) == V{"01HSESS0000000000000000003"});
  CHECK(ids({std::string(kFixtureUser), std::nullopt, std::nullopt}, "", 10) ==
        V{"01HSESS0000000000000000001", "01HSESS0000000000000000003"});
  CHECK(ids({std::nullopt, std::string(kFixtureClient), false}, "", 10) ==
        V{"01HSESS0000000000000000001", "01HSESS0000000000000000002"});
  CHECK(*oauth2_sessions::count(x, {std::nullopt, std::nullopt, true}) == 1);
  CHECK(*oauth2_sessions::count(x, {std::nullopt, std::string("01HN0CL1ENT000000000000000"), std::nullopt}) == 0);
  (*tx)->rollback();
}

TEST_CASE("conformance: oauth2_sessions finish_for_user_session ends only live ones") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  GH_REQUIRE_OK(oauth2_sessions::add(x, fixture_session("01HSESS0000000000000000001")));
  GH_REQUIRE_OK(oauth2_sessions::add(x, fixture_session("01HSESS0000000000000000002")));
  GH_REQUIRE_OK(oauth2_access_tokens::add(
      x, fixture_access_token("01HAT00000000000000000000A", "01HSESS0000000000000000002", "fa")));
  GH_REQUIRE_OK(oauth2_sessions::finish(x, "01HSESS0000000000000000001", 3'000));
  auto ended = oauth2_sessions::finish_for_user_session(x, kFixtureUserSession, 4'000);
  GH_REQUIRE_OK(ended);
  REQUIRE(ended->size() == 1);
  CHECK((*ended)[0].id == "01HSESS0000000000000000002");
  CHECK(!(*ended)[0].finished_at);
  CHECK((*oauth2_sessions::find(x, "01HSESS0000000000000000001"))->finished_at == 3'000);
  CHECK((*oauth2_sessions::find(x, "01HSESS0000000000000000002"))->finished_at == 4'000);
  CHECK((*oauth2_access_tokens::find(x, "01HAT00000000000000000000A"))->revoked_at == 4'000);
}

TEST_CASE("conformance: oauth2_sessions finish_all_for_user ends every live one") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  GH_REQUIRE_OK(oauth2_sessions::add(x, fixture_session("01HSESS0000000000000000001")));
  GH_REQUIRE_OK(oauth2_sessions::add(x, fixture_session("01HSESS0000000000000000002")));
  GH_REQUIRE_OK(oauth2_sessions::add(x, fixture_session("01HSESS0000000000000000003")));
  GH_REQUIRE_OK(oauth2_access_tokens::add(
      x, fixture_access_token("01HAT00000000000000000000A", "01HSESS0000000000000000003", "fa")));
  GH_REQUIRE_OK(oauth2_sessions::finish(x, "01HSESS0000000000000000001", 3'000));
  auto n = oauth2_sessions::finish_all_for_user(x, kFixtureUser, 4'000);
  GH_REQUIRE_OK(n);
  CHECK(*n == 2);
  CHECK((*oauth2_sessions::find(x, "01HSESS0000000000000000001"))->finished_at == 3'000);
  CHECK((*oauth2_sessions::find(x, "01HSESS0000000000000000002"))->finished_at == 4'000);
  CHECK((*oauth2_access_tokens::find(x, "01HAT00000000000000000000A"))->revoked_at == 4'000);
  CHECK(oauth2_sessions::list_active_for_user(x, kFixtureUser)->empty());
}

TEST_CASE("conformance: access tokens by fingerprint, revoke and mark_used once") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  const std::string sid = "01HSESS0000000000000000001";
  GH_REQUIRE_OK(oauth2_sessions::add(x, fixture_session(sid)));
  const auto a = fixture_access_token("01HAT00000000000000000000A", sid, std::string(64, 'a'));
  GH_REQUIRE_OK(oauth2_access_tokens::add(x, a));
  auto found = oauth2_access_tokens::find_by_fingerprint(x, a.token_fingerprint);
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  CHECK(**found == a);
  CHECK((*found)->is_valid(3'000));
  CHECK(!(*found)->is_valid(302'000));
  CHECK(!oauth2_access_tokens::find_by_fingerprint(x, "nope")->has_value());

  CHECK(*oauth2_access_tokens::mark_used(x, a.id, 4'000));
  CHECK(!*oauth2_access_tokens::mark_used(x, a.id, 5'000));
  CHECK((*oauth2_access_tokens::find(x, a.id))->first_used_at == 4'000);
  CHECK(*oauth2_access_tokens::revoke(x, a.id, 6'000));
  CHECK(!*oauth2_access_tokens::revoke(x, a.id, 7'000));
  CHECK(!(*oauth2_access_tokens::find(x, a.id))->is_valid(6'500));

  auto dup = oauth2_access_tokens::add(x, fixture_access_token("01HAT00000000000000000000B", sid,
                                                      a.token_fingerprint));
  REQUIRE(!dup);
  CHECK(dup.error().code == ErrorCode::kConflict);
}

TEST_CASE("conformance: a session and its access token added together, deferred to commit") {
  auto t = oauth2_database();
  const std::string sid = "01HSESS0000000000000000007";
  const auto a = fixture_access_token("01HAT00000000000000000000C", sid, std::string(64, 'c'));
  {
    auto tx = t->db().begin();
    GH_REQUIRE_OK(tx);
    GH_REQUIRE_OK(oauth2_access_tokens::add_with_session_deferred(**tx, fixture_session(sid), a));
    GH_REQUIRE_OK((*tx)->commit());
  }
  auto tx = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(tx);
  auto session = oauth2_sessions::find(**tx, sid);
  GH_REQUIRE_OK(session);
  REQUIRE(session->has_value());
  CHECK(**session == fixture_session(sid));
  auto found = oauth2_access_tokens::find_by_fingerprint(**tx, a.token_fingerprint);
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  CHECK(**found == a);
  GH_REQUIRE_OK((*tx)->commit());

  // A duplicate fingerprint fails at commit, and the new session is not kept.
  const std::string other = "01HSESS0000000000000000008";
  auto again = t->db().begin();
  GH_REQUIRE_OK(again);
  GH_REQUIRE_OK(oauth2_access_tokens::add_with_session_deferred(
      **again, fixture_session(other),
      fixture_access_token("01HAT00000000000000000000D", other, a.token_fingerprint)));
  auto committed = (*again)->commit();
  REQUIRE(!committed);
  CHECK(committed.error().code == ErrorCode::kConflict);
  auto check = t->db().begin(TxMode::kRead);
  GH_REQUIRE_OK(check);
  CHECK(!oauth2_sessions::find(**check, other)->has_value());
}

TEST_CASE("conformance: refresh tokens are consumed once and name their successor") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  const std::string sid = "01HSESS0000000000000000001";
  GH_REQUIRE_OK(oauth2_sessions::add(x, fixture_session(sid)));
  const auto r1 = refresh_token("01HRT00000000000000000000A", sid, "f1", std::nullopt);
  const auto r2 = refresh_token("01HRT00000000000000000000B", sid, "f2", std::nullopt);
  GH_REQUIRE_OK(oauth2_refresh_tokens::add(x, r1));
  GH_REQUIRE_OK(oauth2_refresh_tokens::add(x, r2));
  auto found = oauth2_refresh_tokens::find_by_fingerprint(x, "f1");
  GH_REQUIRE_OK(found);
  CHECK(**found == r1);
  CHECK(*oauth2_refresh_tokens::consume(x, r1.id, r2.id, 3'000));
  CHECK(!*oauth2_refresh_tokens::consume(x, r1.id, r2.id, 4'000));
  auto used = *oauth2_refresh_tokens::find(x, r1.id);
  CHECK(used->consumed_at == 3'000);
  CHECK(used->next_refresh_token_id == r2.id);
  CHECK(!used->is_valid());
  CHECK(*oauth2_refresh_tokens::revoke(x, r2.id, 5'000));
  CHECK(!*oauth2_refresh_tokens::consume(x, r2.id, r1.id, 6'000));  // revoked: not consumable
}

TEST_CASE("conformance: deleting a client deletes its sessions and tokens") {
  auto t = oauth2_database();
  auto tx = t->db().begin();
  GH_REQUIRE_OK(tx);
  Transaction& x = **tx;
  const std::string sid = "01HSESS0000000000000000001";
  GH_REQUIRE_OK(oauth2_sessions::add(x, fixture_session(sid)));
  GH_REQUIRE_OK(oauth2_access_tokens::add(x, fixture_access_token("01HAT00000000000000000000A", sid, "fa")));
  GH_REQUIRE_OK(oauth2_clients::remove(x, kFixtureClient));
  CHECK(!oauth2_sessions::find(x, sid)->has_value());
  CHECK(!oauth2_access_tokens::find(x, "01HAT00000000000000000000A")->has_value());
}

}  // namespace gatehouse::storage::conformance
