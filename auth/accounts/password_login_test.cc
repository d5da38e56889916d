// The password login path over a real (in-memory SQLite) database.
#include "auth/accounts/password_login.h"

#include <doctest/doctest.h>

#include "auth/accounts/account_service.h"
#include "auth/accounts/synapse_bcrypt_fixture.h"
#include "shared/storage/test_memory_database.h"
#include "shared/storage/user_password_repository.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::accounts {

namespace {

constexpr std::string_view kServer = "example.org";
constexpr std::string_view kPepper = "synapse-pepper";

PasswordManager migration_manager() {
  SchemeOptions bcrypt{.version = 1, .algorithm = Algorithm::kBcrypt, .cost = 4,
                       .pepper = std::string(kPepper), .unicode_normalization = true};
  SchemeOptions argon;
  argon.version = 2;
  argon.argon2 = {.memory_kib = 64, .iterations = 1, .parallelism = 1};
  auto pm = PasswordManager::create({bcrypt, argon});
  REQUIRE(pm);
  return std::move(*pm);
}

struct Fixture {
  FakeClock clock;
  std::shared_ptr<storage::Database> db;
  PasswordManager passwords = migration_manager();
  LoginRateLimits limits;

  explicit Fixture(Limit per_ip = {100, 1}) : limits(per_ip, {100, 1}, clock) {
    db = storage::testing::migrated_memory_database(clock);
  }

  // A user whose password row is a Synapse bcrypt hash (version 1).
  storage::User synapse_user(const std::string& name, const std::string& password) {
    auto tx = db->begin();
    REQUIRE(tx);
    auto user = register_user(**tx, clock, kServer, NewUser{.username = name});
    REQUIRE(user);
    REQUIRE(set_password(**tx, clock, user->id,
                         HashedPassword{1, synapse_bcrypt(password, std::string(kPepper))}));
    REQUIRE((*tx)->commit());
    return *user;
  }

  PasswordLoginResult login(std::string_view username, std::string_view password,
                            std::string_view ip = "203.0.113.7") {
    auto tx = db->begin();
    REQUIRE(tx);
    PasswordLoginDeps deps{passwords, limits, clock, kServer};
    auto result = authenticate_password(**tx, deps, {username, password, ip, "web"});
    REQUIRE(result);
    REQUIRE((*tx)->commit());
    return *result;
  }

  std::vector<storage::UserPassword> history(const std::string& user_id) {
    auto tx = db->begin();
    REQUIRE(tx);
    auto rows = storage::user_passwords::list_for_user(**tx, user_id);
    REQUIRE(rows);
    return *rows;
  }
};

}  // namespace

TEST_CASE("a Synapse bcrypt hash with pepper verifies and is upgraded to argon2id once") {
  Fixture f;
  const auto alice = f.synapse_user("alice", "correct horse battery");
  auto first = f.login("alice", "correct horse battery");
  REQUIRE(first.ok());
  CHECK(first.user->id == alice.id);
  CHECK(first.upgraded);
  auto rows = f.history(alice.id);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].version == 2);
  CHECK(rows[1].hashed_password.rfind("$argon2id$", 0) == 0);
  CHECK(rows[1].upgraded_from_id == rows[0].id);

  // The second login verifies the argon2id row and upgrades nothing.
  auto second = f.login("@alice:example.org", "correct horse battery");
  REQUIRE(second.ok());
  CHECK(!second.upgraded);
  CHECK(f.history(alice.id).size() == 2);
}

TEST_CASE("defer_upgrade hands the re-hash back from a read transaction instead of storing it") {
  Fixture f;
  const auto alice = f.synapse_user("alice", "correct horse battery");
  auto tx = f.db->begin(storage::TxMode::kRead);
  REQUIRE(tx);
  PasswordLoginDeps deps{f.passwords, f.limits, f.clock, kServer, /*defer_upgrade=*/true};
  auto result = authenticate_password(**tx, deps, {"alice", "correct horse battery", "203.0.113.7", "compat"});
  REQUIRE(result);
  REQUIRE(result->ok());
  REQUIRE((*tx)->commit());
  CHECK(!result->upgraded);
  REQUIRE(result->pending_upgrade);
  CHECK(result->pending_upgrade->version == 2);
  CHECK(f.history(alice.id).size() == 1);  // nothing written yet

  // Stored by the caller, it is the current password from then on.
  auto wtx = f.db->begin();
  REQUIRE(wtx);
  REQUIRE(storage::user_passwords::add(**wtx, *result->pending_upgrade));
  REQUIRE((*wtx)->commit());
  auto rows = f.history(alice.id);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].upgraded_from_id == rows[0].id);
  auto again = f.login("alice", "correct horse battery");
  REQUIRE(again.ok());
  CHECK(!again.upgraded);
}

TEST_CASE("a wrong password answers the same for an existing and a missing user") {
  Fixture f;
  f.synapse_user("alice", "correct horse battery");
  auto wrong = f.login("alice", "wrong password");
  auto missing = f.login("nobody", "wrong password");
  auto other_server = f.login("@alice:elsewhere.org", "correct horse battery");
  for (const auto* r : {&wrong, &missing, &other_server}) {
    CHECK(!r->ok());
    CHECK(r->failure == LoginFailure::kBadCredentials);
    CHECK(!r->upgraded);
  }
}

TEST_CASE("locked and deactivated accounts are told only with the right password") {
  Fixture f;
  const auto alice = f.synapse_user("alice", "correct horse battery");
  {
    auto tx = f.db->begin();
    REQUIRE(tx);
    REQUIRE(storage::users::set_locked_at(**tx, alice.id, 5));
    REQUIRE((*tx)->commit());
  }
  CHECK(f.login("alice", "correct horse battery").failure == LoginFailure::kLocked);
  CHECK(f.login("alice", "wrong").failure == LoginFailure::kBadCredentials);
  {
    auto tx = f.db->begin();
    REQUIRE(tx);
    REQUIRE(storage::users::set_deactivated_at(**tx, alice.id, 6));
    REQUIRE((*tx)->commit());
  }
  CHECK(f.login("alice", "correct horse battery").failure == LoginFailure::kDeactivated);
}

TEST_CASE("over the per-IP limit the answer is rate limited with retry_after") {
  Fixture f(Limit{2, 0.05});  // two at once, then a token every 20 s
  f.synapse_user("alice", "correct horse battery");
  CHECK(f.login("alice", "wrong").failure == LoginFailure::kBadCredentials);
  CHECK(f.login("alice", "wrong").failure == LoginFailure::kBadCredentials);
  auto limited = f.login("alice", "correct horse battery");
  CHECK(limited.failure == LoginFailure::kRateLimited);
  CHECK(limited.retry_after == std::chrono::seconds(20));
  // Another address is not limited.
  CHECK(f.login("alice", "correct horse battery", "198.51.100.1").ok());
  f.clock.advance(std::chrono::seconds(20));
  CHECK(f.login("alice", "correct horse battery").ok());
}

TEST_CASE("passwords.enabled: false refuses every password login") {
  Fixture f;
  f.synapse_user("alice", "correct horse battery");
  auto disabled = PasswordManager::create({}, /*enabled=*/false);
  REQUIRE(disabled);
  f.passwords = *disabled;
  CHECK(f.login("alice", "correct horse battery").failure == LoginFailure::kPasswordsDisabled);
}

}  // namespace gatehouse::accounts
