// Conformance: browser sessions (user_sessions) and their authentications.
#include "shared/storage/browser_session_repository.h"
#include "shared/storage/conformance/accounts_fixture.h"

namespace gatehouse::storage::conformance {

TEST_CASE("conformance: browser sessions add, list active, finish all, cascade") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  GH_REQUIRE_OK(users::add(*tx, sample_user(kAlice, "alice")));
  GH_REQUIRE_OK(users::add(*tx, sample_user(kBob, "bob")));
  BrowserSession s1{"01HZZZZZZZZZZZZZZZZZSESSN1", kAlice, 10, std::nullopt, "Firefox",
                    "203.0.113.7"};
  BrowserSession s2{"01HZZZZZZZZZZZZZZZZZSESSN2", kAlice, 20, std::nullopt, std::nullopt,
                    std::nullopt};
  BrowserSession done{"01HZZZZZZZZZZZZZZZZZSESSN3", kAlice, 5, 6, std::nullopt, std::nullopt};
  BrowserSession bobs{"01HZZZZZZZZZZZZZZZZZSESSN4", kBob, 30, std::nullopt, std::nullopt,
                      std::nullopt};
  for (const auto* s : {&s1, &s2, &done, &bobs}) GH_REQUIRE_OK(browser_sessions::add(*tx, *s));
  BrowserSessionAuthentication a{"01HZZZZZZZZZZZZZZZZZZAUTH1", s1.id, 11,
                                 AuthenticationMethod::kPassword};
  BrowserSessionAuthentication b{"01HZZZZZZZZZZZZZZZZZZAUTH2", s1.id, 12,
                                 AuthenticationMethod::kUpstream};
  GH_REQUIRE_OK(browser_sessions::add_authentication(*tx, a));
  GH_REQUIRE_OK(browser_sessions::add_authentication(*tx, b));
  GH_REQUIRE_OK(tx->commit());

  tx = begin_tx(*t);
  CHECK(**browser_sessions::find(*tx, s1.id) == s1);
  auto auths = browser_sessions::list_authentications(*tx, s1.id);
  GH_REQUIRE_OK(auths);
  REQUIRE(auths->size() == 2);
  CHECK((*auths)[0] == a);
  CHECK((*auths)[1] == b);
  auto active = browser_sessions::list_active(*tx, kAlice);
  GH_REQUIRE_OK(active);
  REQUIRE(active->size() == 2);
  CHECK((*active)[0] == s1);

  auto finished = browser_sessions::finish_all_for_user(*tx, kAlice, 99);
  GH_REQUIRE_OK(finished);
  CHECK(*finished == 2);
  CHECK(browser_sessions::list_active(*tx, kAlice)->empty());
  CHECK((*browser_sessions::find(*tx, s2.id))->finished_at == 99);
  CHECK((*browser_sessions::find(*tx, done.id))->finished_at == 6);  // untouched
  CHECK(browser_sessions::list_active(*tx, kBob)->size() == 1);

  CHECK(*users::remove(*tx, kAlice));
  CHECK(!browser_sessions::find(*tx, s1.id)->has_value());
  CHECK(browser_sessions::list_authentications(*tx, s1.id)->empty());
  GH_REQUIRE_OK(tx->commit());
}

TEST_CASE("conformance: browser sessions pages filtered by user and finished") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  GH_REQUIRE_OK(users::add(*tx, sample_user(kAlice, "alice")));
  GH_REQUIRE_OK(users::add(*tx, sample_user(kBob, "bob")));
  BrowserSession open{"01HZZZZZZZZZZZZZZZZZSESSN1", kAlice, 10, std::nullopt, std::nullopt, std::nullopt};
  BrowserSession done{"01HZZZZZZZZZZZZZZZZZSESSN2", kAlice, 20, 21, std::nullopt, std::nullopt};
  BrowserSession bobs{"01HZZZZZZZZZZZZZZZZZSESSN3", kBob, 30, std::nullopt, std::nullopt, std::nullopt};
  for (const auto* s : {&open, &done, &bobs}) GH_REQUIRE_OK(browser_sessions::add(*tx, *s));
  auto alices = browser_sessions::list_page(*tx, {std::string(kAlice), std::nullopt}, "", 10);
  GH_REQUIRE_OK(alices);
  REQUIRE(alices->size() == 2);
  CHECK((*alices)[0] == open);
  auto finished = browser_sessions::list_page(*tx, {std::nullopt, true}, "", 10);
  GH_REQUIRE_OK(finished);
  REQUIRE(finished->size() == 1);
  CHECK((*finished)[0] == done);
  CHECK(*browser_sessions::count(*tx, {std::nullopt, false}) == 2);
  CHECK(browser_sessions::list_page(*tx, {}, open.id, 1)->size() == 1);
  GH_REQUIRE_OK(tx->commit());
}

TEST_CASE("conformance: finishing one browser session leaves the others open") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  GH_REQUIRE_OK(users::add(*tx, sample_user(kAlice, "alice")));
  BrowserSession s1{"01HZZZZZZZZZZZZZZZZZSESSN1", kAlice, 10, std::nullopt, std::nullopt,
                    std::nullopt};
  BrowserSession s2{"01HZZZZZZZZZZZZZZZZZSESSN2", kAlice, 20, std::nullopt, std::nullopt,
                    std::nullopt};
  GH_REQUIRE_OK(browser_sessions::add(*tx, s1));
  GH_REQUIRE_OK(browser_sessions::add(*tx, s2));

  CHECK(*browser_sessions::finish(*tx, s1.id, 50));
  CHECK_FALSE(*browser_sessions::finish(*tx, s1.id, 60));  // already finished: untouched
  CHECK_FALSE(*browser_sessions::finish(*tx, "01HZZZZZZZZZZZZZZZZZNOSUCH", 60));
  CHECK((*browser_sessions::find(*tx, s1.id))->finished_at == 50);
  auto active = browser_sessions::list_active(*tx, kAlice);
  GH_REQUIRE_OK(active);
  REQUIRE(active->size() == 1);
  CHECK((*active)[0] == s2);
  GH_REQUIRE_OK(tx->commit());
}

}  // namespace gatehouse::storage::conformance
