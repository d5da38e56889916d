// Conformance: users, reserved localparts, emails and password history.
#include <algorithm>

#include "shared/storage/conformance/accounts_fixture.h"
#include "shared/storage/user_email_repository.h"
#include "shared/storage/user_password_repository.h"

namespace gatehouse::storage::conformance {

TEST_CASE("conformance: users add, find, flags, admins, remove") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  User alice = sample_user(kAlice, "alice");
  alice.can_request_admin = true;
  User bob = sample_user(kBob, "bob");
  bob.is_guest = true;
  GH_REQUIRE_OK(users::add(*tx, alice));
  GH_REQUIRE_OK(users::add(*tx, bob));
  GH_REQUIRE_OK(tx->commit());

  tx = begin_tx(*t);
  auto found = users::find_by_username(*tx, "alice");
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  CHECK(**found == alice);
  auto by_id = users::find(*tx, kBob);
  GH_REQUIRE_OK(by_id);
  CHECK(**by_id == bob);
  auto missing = users::find_by_username(*tx, "carol");
  GH_REQUIRE_OK(missing);
  CHECK(!missing->has_value());

  auto admins = users::list_admins(*tx);
  GH_REQUIRE_OK(admins);
  REQUIRE(admins->size() == 1);
  CHECK((*admins)[0].username == "alice");

  CHECK(*users::set_can_request_admin(*tx, kBob, true));
  CHECK(*users::set_locked_at(*tx, kBob, 5));
  CHECK(*users::set_deactivated_at(*tx, kBob, 6));
  CHECK(!*users::set_locked_at(*tx, "01HNOTHERE0000000000000000", 5));
  auto changed = users::find(*tx, kBob);
  GH_REQUIRE_OK(changed);
  CHECK((*changed)->can_request_admin);
  CHECK((*changed)->locked_at == 5);
  CHECK((*changed)->deactivated_at == 6);
  CHECK(!(*changed)->active());
  CHECK(*users::set_locked_at(*tx, kBob, std::nullopt));
  CHECK(!(*users::find(*tx, kBob))->locked_at);
  CHECK(users::list_admins(*tx)->size() == 2);

  CHECK(*users::remove(*tx, kAlice));
  CHECK(!*users::remove(*tx, kAlice));
  CHECK(!users::find(*tx, kAlice)->has_value());
  GH_REQUIRE_OK(tx->commit());
}

TEST_CASE("conformance: users list_active skips deactivated users, keeps locked ones") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  GH_REQUIRE_OK(users::add(*tx, sample_user(kBob, "bob")));
  GH_REQUIRE_OK(users::add(*tx, sample_user(kAlice, "alice")));
  GH_REQUIRE_OK(users::add(*tx, sample_user("01HCAROL000000000000000000", "carol")));
  CHECK(*users::set_locked_at(*tx, kBob, 5));
  CHECK(*users::set_deactivated_at(*tx, "01HCAROL000000000000000000", 6));
  auto active = users::list_active(*tx);
  GH_REQUIRE_OK(active);
  REQUIRE(active->size() == 2);
  std::vector<std::string> ids{(*active)[0].id, (*active)[1].id};
  CHECK(std::is_sorted(ids.begin(), ids.end()));
  CHECK(std::find(ids.begin(), ids.end(), kBob) != ids.end());
  CHECK(std::find(ids.begin(), ids.end(), kAlice) != ids.end());
  GH_REQUIRE_OK(tx->commit());
}

TEST_CASE("conformance: users pages by id after a cursor, filtered by admin and status") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  const std::string carol = "01HCAROL000000000000000000";
  GH_REQUIRE_OK(users::add(*tx, sample_user(kBob, "bob")));
  GH_REQUIRE_OK(users::add(*tx, sample_user(kAlice, "alice")));
  GH_REQUIRE_OK(users::add(*tx, sample_user(carol, "carol")));
  CHECK(*users::set_can_request_admin(*tx, kAlice, true));
  CHECK(*users::set_locked_at(*tx, kBob, 5));
  CHECK(*users::set_deactivated_at(*tx, carol, 6));
  auto ids = [&](const users::UserFilter& filter, std::string_view after, std::int64_t limit) {
    auto page = users::list_page(*tx, filter, after, limit);
    REQUIRE(page);
    std::vector<std::string> out;
    for (const auto& u : *page) out.push_back(u.id);
    return out;
  };
  std::vector<std::string> all{kAlice, kBob, carol};
  std::sort(all.begin(), all.end());
  CHECK(ids({}, "", 10) == all);
  CHECK(ids({}, "", 2) == std::vector<std::string>{all[0], all[1]});
  CHECK(ids({}, all[1], 2) == std::vector<std::string>{all[2]});
  CHECK(*users::count(*tx, {}) == 3);
  CHECK(ids({true, std::nullopt}, "", 10) == std::vector<std::string>{kAlice});
  CHECK(*users::count(*tx, {false, std::nullopt}) == 2);
  CHECK(ids({std::nullopt, "active"}, "", 10) == std::vector<std::string>{kAlice});
  CHECK(ids({std::nullopt, "locked"}, "", 10) == std::vector<std::string>{kBob});
  CHECK(ids({std::nullopt, "deactivated"}, "", 10) == std::vector<std::string>{carol});
  CHECK(*users::count(*tx, {false, "deactivated"}) == 1);
  GH_REQUIRE_OK(tx->commit());
}

TEST_CASE("conformance: users usernames are unique") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  GH_REQUIRE_OK(users::add(*tx, sample_user(kAlice, "alice")));
  auto again = users::add(*tx, sample_user(kBob, "alice"));
  REQUIRE(!again);
  CHECK(again.error().code == ErrorCode::kConflict);
}

TEST_CASE("conformance: reserved localparts") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  CHECK(!users::reserved_reason(*tx, "alice")->has_value());
  GH_REQUIRE_OK(users::reserve_localpart(*tx, "alice", "deleted user", 7));
  GH_REQUIRE_OK(users::reserve_localpart(*tx, "alice", "again", 8));  // idempotent
  auto reason = users::reserved_reason(*tx, "alice");
  GH_REQUIRE_OK(reason);
  CHECK(*reason == std::optional<std::string>("deleted user"));
  GH_REQUIRE_OK(tx->commit());
}

TEST_CASE("conformance: user_emails are lower-cased and unique") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  GH_REQUIRE_OK(users::add(*tx, sample_user(kAlice, "alice")));
  GH_REQUIRE_OK(users::add(*tx, sample_user(kBob, "bob")));
  UserEmail e{"01HZZZZZZZZZZZZZZZZZEMAIL1", kAlice, "Alice@Example.ORG", 10, std::nullopt};
  GH_REQUIRE_OK(user_emails::add(*tx, e));
  UserEmail dup{"01HZZZZZZZZZZZZZZZZZEMAIL2", kBob, "alice@example.org", 11, 12};
  auto conflict = user_emails::add(*tx, dup);
  REQUIRE(!conflict);
  CHECK(conflict.error().code == ErrorCode::kConflict);
  GH_REQUIRE_OK(tx->rollback());

  tx = begin_tx(*t);
  GH_REQUIRE_OK(users::add(*tx, sample_user(kAlice, "alice")));
  GH_REQUIRE_OK(user_emails::add(*tx, e));
  UserEmail second{"01HZZZZZZZZZZZZZZZZZEMAIL3", kAlice, "a2@example.org", 20, 21};
  GH_REQUIRE_OK(user_emails::add(*tx, second));
  auto found = user_emails::find_by_email(*tx, "ALICE@example.org");
  GH_REQUIRE_OK(found);
  REQUIRE(found->has_value());
  CHECK((*found)->email == "alice@example.org");
  CHECK((*found)->user_id == kAlice);
  auto list = user_emails::list_for_user(*tx, kAlice);
  GH_REQUIRE_OK(list);
  REQUIRE(list->size() == 2);
  CHECK((*list)[1] == second);
  CHECK(!user_emails::find_by_email(*tx, "nobody@example.org")->has_value());

  // By id, filtered pages, removal.
  CHECK(**user_emails::find(*tx, second.id) == second);
  auto page = user_emails::list_page(*tx, {std::string(kAlice), std::nullopt}, "", 1);
  GH_REQUIRE_OK(page);
  REQUIRE(page->size() == 1);
  CHECK(*user_emails::count(*tx, {std::nullopt, std::string("ALICE@EXAMPLE.org")}) == 1);
  CHECK(*user_emails::count(*tx, {std::string(kBob), std::nullopt}) == 0);
  CHECK(*user_emails::remove(*tx, second.id));
  CHECK(!*user_emails::remove(*tx, second.id));
  CHECK(*user_emails::count(*tx, {}) == 1);
}

TEST_CASE("conformance: user_passwords history; the newest is current") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  GH_REQUIRE_OK(users::add(*tx, sample_user(kAlice, "alice")));
  CHECK(!user_passwords::find_current(*tx, kAlice)->has_value());
  UserPassword v1{"01HZZZZZZZZZZZZZZZZZZPASS1", kAlice, 1, "$2b$12$old", std::nullopt, 100};
  UserPassword v2{"01HZZZZZZZZZZZZZZZZZZPASS2", kAlice, 2, "$argon2id$new", v1.id, 200};
  GH_REQUIRE_OK(user_passwords::add(*tx, v1));
  GH_REQUIRE_OK(user_passwords::add(*tx, v2));
  auto current = user_passwords::find_current(*tx, kAlice);
  GH_REQUIRE_OK(current);
  CHECK(**current == v2);
  auto history = user_passwords::list_for_user(*tx, kAlice);
  GH_REQUIRE_OK(history);
  REQUIRE(history->size() == 2);
  CHECK((*history)[0] == v1);
  GH_REQUIRE_OK(tx->commit());
}

TEST_CASE("conformance: removing a user removes their emails and passwords") {
  auto t = migrated_accounts_database();
  auto tx = begin_tx(*t);
  GH_REQUIRE_OK(users::add(*tx, sample_user(kAlice, "alice")));
  GH_REQUIRE_OK(user_emails::add(
      *tx, UserEmail{"01HZZZZZZZZZZZZZZZZZEMAIL1", kAlice, "a@example.org", 1, std::nullopt}));
  GH_REQUIRE_OK(user_passwords::add(
      *tx, UserPassword{"01HZZZZZZZZZZZZZZZZZZPASS1", kAlice, 1, "h", std::nullopt, 1}));
  GH_REQUIRE_OK(tx->commit());
  tx = begin_tx(*t);
  CHECK(*users::remove(*tx, kAlice));
  GH_REQUIRE_OK(tx->commit());
  tx = begin_tx(*t, TxMode::kRead);
  CHECK(user_emails::list_for_user(*tx, kAlice)->empty());
  CHECK(user_passwords::list_for_user(*tx, kAlice)->empty());
  CHECK(!user_emails::find_by_email(*tx, "a@example.org")->has_value());
}

}  // namespace gatehouse::storage::conformance
