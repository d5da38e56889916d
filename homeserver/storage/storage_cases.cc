// The homeserver repositories, run on every backend: compiled into
// homeserver_storage_sqlite and homeserver_storage_postgres, whose
// fresh_database() comes from shared/storage's backend files.
#include <doctest/doctest.h>

#include "homeserver/storage/device_repository.h"
#include "homeserver/storage/migrations.h"
#include "homeserver/storage/user_repository.h"
#include "shared/storage/conformance/backend.h"

using namespace gatehouse;
using namespace gatehouse::homeserver::storage;
using gatehouse::storage::conformance::fresh_database;

namespace {

std::unique_ptr<gatehouse::storage::conformance::TestDatabase> migrated() {
  auto t = fresh_database();
  FakeClock clock;
  gatehouse::storage::Migrator migrator(migrations(t->db().dialect()));
  GH_REQUIRE_OK(migrator.migrate(t->db(), clock));
  return t;
}

std::unique_ptr<gatehouse::storage::Transaction> begin(gatehouse::storage::conformance::TestDatabase& t) {
  auto tx = t.db().begin();
  GH_REQUIRE_OK(tx);
  return std::move(*tx);
}

Device device(const char* localpart, const char* id, std::int64_t created_at,
              std::optional<std::string> name = std::nullopt, bool hidden = false) {
  Device d;
  d.localpart = localpart;
  d.device_id = id;
  d.created_at = created_at;
  d.display_name = std::move(name);
  d.hidden = hidden;
  return d;
}

User user(const char* localpart, std::int64_t created_at) {
  User u;
  u.localpart = localpart;
  u.created_at = created_at;
  return u;
}

}  // namespace

TEST_CASE("homeserver storage: migrations apply once") {
  auto t = fresh_database();
  FakeClock clock;
  gatehouse::storage::Migrator migrator(migrations(t->db().dialect()));
  auto first = migrator.migrate(t->db(), clock);
  GH_REQUIRE_OK(first);
  CHECK(first->size() == migrations(t->db().dialect()).size());
  auto second = migrator.migrate(t->db(), clock);
  GH_REQUIRE_OK(second);
  CHECK(second->empty());
}

TEST_CASE("homeserver storage: users, flags, profile, emails, cross-signing") {
  auto t = migrated();
  auto tx = begin(*t);
  GH_REQUIRE_OK(users::insert(*tx, user("alice", 5)));
  GH_REQUIRE_OK(tx->commit());
  tx.reset();
  tx = begin(*t);
  auto dup = users::insert(*tx, user("alice", 6));
  REQUIRE(!dup);
  CHECK(dup.error().code == ErrorCode::kConflict);
  tx.reset();  // the failed statement ended that transaction
  tx = begin(*t);
  auto none = users::find(*tx, "bob");
  GH_REQUIRE_OK(none);
  CHECK(!*none);

  User alice = user("alice", 5);
  alice.deactivated = alice.locked = true;
  auto updated = users::update_flags(*tx, alice);
  GH_REQUIRE_OK(updated);
  CHECK(*updated);
  auto found = users::find(*tx, "alice");
  GH_REQUIRE_OK(found);
  REQUIRE(*found);
  CHECK((*found)->deactivated);
  CHECK((*found)->locked);
  CHECK_FALSE((*found)->admin);
  CHECK((*found)->created_at == 5);

  GH_REQUIRE_OK(users::set_displayname(*tx, "alice", std::string("Alice")));
  GH_REQUIRE_OK(users::set_avatar_url(*tx, "alice", std::string("mxc://x/y")));
  GH_REQUIRE_OK(users::set_displayname(*tx, "alice", std::nullopt));
  auto profile = users::profile(*tx, "alice");
  GH_REQUIRE_OK(profile);
  CHECK(!profile->displayname);
  CHECK(profile->avatar_url == "mxc://x/y");

  GH_REQUIRE_OK(users::replace_emails(*tx, "alice", {"a@x", "b@x"}, 1));
  GH_REQUIRE_OK(users::replace_emails(*tx, "alice", {"c@x", "b@x", "c@x"}, 2));
  auto emails = users::emails(*tx, "alice");
  GH_REQUIRE_OK(emails);
  CHECK(*emails == std::vector<std::string>{"b@x", "c@x"});

  GH_REQUIRE_OK(users::allow_cross_signing_reset(*tx, "alice", 100));
  GH_REQUIRE_OK(users::allow_cross_signing_reset(*tx, "alice", 200));
  auto until = users::cross_signing_reset_allowed_until(*tx, "alice");
  GH_REQUIRE_OK(until);
  CHECK(*until == std::optional<std::int64_t>(200));
  GH_REQUIRE_OK(tx->commit());
}

TEST_CASE("homeserver storage: devices upsert, rename, sync keeps hidden rows, remove") {
  auto t = migrated();
  auto tx = begin(*t);
  GH_REQUIRE_OK(users::insert(*tx, user("alice", 1)));
  auto inserted = devices::upsert(*tx, device("alice", "A", 1, "phone"));
  GH_REQUIRE_OK(inserted);
  CHECK(*inserted);
  auto again = devices::upsert(*tx, device("alice", "A", 2));
  GH_REQUIRE_OK(again);
  CHECK_FALSE(*again);
  auto a = devices::find(*tx, "alice", "A");
  GH_REQUIRE_OK(a);
  REQUIRE(*a);
  CHECK((*a)->display_name == "phone");  // an upsert without a name keeps it
  CHECK((*a)->created_at == 1);

  GH_REQUIRE_OK(devices::upsert(*tx, device("alice", "MASTERKEY", 1, std::nullopt, true)));
  GH_REQUIRE_OK(devices::upsert(*tx, device("alice", "B", 1)));
  auto synced = devices::sync(*tx, "alice", {"B", "C"}, 3);
  GH_REQUIRE_OK(synced);
  CHECK(synced->removed == std::vector<std::string>{"A"});
  CHECK(synced->added == std::vector<std::string>{"C"});
  auto visible = devices::list(*tx, "alice");
  GH_REQUIRE_OK(visible);
  REQUIRE(visible->size() == 2);
  CHECK((*visible)[0].device_id == "B");
  CHECK((*visible)[1].device_id == "C");
  auto all = devices::list(*tx, "alice", true);
  GH_REQUIRE_OK(all);
  CHECK(all->size() == 3);

  auto renamed = devices::set_display_name(*tx, "alice", "B", std::string("laptop"));
  GH_REQUIRE_OK(renamed);
  CHECK(*renamed);
  auto missing = devices::set_display_name(*tx, "alice", "Z", std::string("x"));
  GH_REQUIRE_OK(missing);
  CHECK_FALSE(*missing);

  auto removed = devices::remove(*tx, "alice", "B");
  GH_REQUIRE_OK(removed);
  CHECK(*removed);
  auto gone = devices::remove_all(*tx, "alice");
  GH_REQUIRE_OK(gone);
  CHECK(*gone == std::vector<std::string>{"C", "MASTERKEY"});
  GH_REQUIRE_OK(tx->commit());
}

TEST_CASE("homeserver storage: last_seen only moves forward, unknown devices skipped") {
  auto t = migrated();
  auto tx = begin(*t);
  GH_REQUIRE_OK(users::insert(*tx, user("alice", 1)));
  GH_REQUIRE_OK(devices::upsert(*tx, device("alice", "DEV1", 10)));
  GH_REQUIRE_OK(devices::upsert(*tx, device("alice", "DEV2", 10)));
  GH_REQUIRE_OK(devices::record_last_seen(
      *tx, {{"alice", "DEV1", 5'000}, {"alice", "NOPE", 6'000}, {"bob", "DEV1", 7'000}}));
  CHECK((*devices::find(*tx, "alice", "DEV1"))->last_seen == 5'000);
  CHECK(!(*devices::find(*tx, "alice", "DEV2"))->last_seen);
  GH_REQUIRE_OK(devices::record_last_seen(*tx, {{"alice", "DEV1", 4'000}}));
  CHECK((*devices::find(*tx, "alice", "DEV1"))->last_seen == 5'000);
  GH_REQUIRE_OK(devices::record_last_seen(*tx, {{"alice", "DEV1", 9'000}}));
  CHECK((*devices::find(*tx, "alice", "DEV1"))->last_seen == 9'000);
  GH_REQUIRE_OK(tx->commit());
}

TEST_CASE("homeserver storage: a device needs its user") {
  auto t = migrated();
  auto tx = begin(*t);
  auto orphan = devices::upsert(*tx, device("nobody", "A", 1));
  CHECK(!orphan);
}
