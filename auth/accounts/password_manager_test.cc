#include "auth/accounts/password_manager.h"

#include <doctest/doctest.h>

#include "auth/accounts/synapse_bcrypt_fixture.h"

namespace gatehouse::accounts {
namespace {

// MAS's migration setup (docs/setup/migration.md), at the lowest costs:
// v1 bcrypt with Synapse's pepper and NFKC, v2 argon2id.
std::vector<SchemeOptions> migration_schemes() {
  SchemeOptions bcrypt{.version = 1, .algorithm = Algorithm::kBcrypt, .cost = 4,
                       .pepper = "synapse-pepper", .unicode_normalization = true};
  SchemeOptions argon;
  argon.version = 2;
  argon.argon2 = {8, 1, 1};
  return {bcrypt, argon};
}

TEST_CASE("a Synapse bcrypt hash verifies and is upgraded to argon2id") {
  auto manager = PasswordManager::create(migration_schemes());
  REQUIRE(manager);
  CHECK(manager->enabled());
  CHECK(manager->current_version() == 2);

  std::string stored = synapse_bcrypt("hunter2", "synapse-pepper");
  auto first = manager->verify(1, stored, "hunter2");
  REQUIRE(first);
  CHECK(first->valid);
  REQUIRE(first->upgrade);
  CHECK(first->upgrade->version == 2);
  CHECK(first->upgrade->hash.starts_with("$argon2id$v=19$m=8,t=1,p=1$"));

  // The upgraded row verifies under v2, and needs no further upgrade.
  auto second = manager->verify(2, first->upgrade->hash, "hunter2");
  REQUIRE(second);
  CHECK(second->valid);
  CHECK_FALSE(second->upgrade);
  CHECK_FALSE(manager->verify(2, first->upgrade->hash, "hunter3")->valid);
}

TEST_CASE("a wrong password or a wrong pepper fails without an upgrade") {
  auto manager = PasswordManager::create(migration_schemes());
  REQUIRE(manager);
  auto wrong = manager->verify(1, synapse_bcrypt("hunter2", "synapse-pepper"), "hunter3");
  REQUIRE(wrong);
  CHECK_FALSE(wrong->valid);
  CHECK_FALSE(wrong->upgrade);

  auto other_pepper = manager->verify(1, synapse_bcrypt("hunter2", "other-pepper"), "hunter2");
  REQUIRE(other_pepper);
  CHECK_FALSE(other_pepper->valid);
  CHECK_FALSE(other_pepper->upgrade);
}

TEST_CASE("new hashes use the highest version, whatever the list order") {
  auto schemes = migration_schemes();
  std::swap(schemes[0], schemes[1]);
  auto manager = PasswordManager::create(schemes);
  REQUIRE(manager);
  auto hashed = manager->hash("correct horse");
  REQUIRE(hashed);
  CHECK(hashed->version == 2);
  CHECK(hashed->hash.starts_with("$argon2id$"));
  CHECK(manager->verify(2, hashed->hash, "correct horse")->valid);
}

TEST_CASE("an unknown stored version is an error") {
  auto manager = PasswordManager::create(migration_schemes());
  REQUIRE(manager);
  auto result = manager->verify(7, "$2b$04$whatever", "hunter2");
  REQUIRE_FALSE(result);
  CHECK(result.error().code == ErrorCode::kConfig);
}

TEST_CASE("scheme lists are validated") {
  CHECK(PasswordManager::create({}).error().code == ErrorCode::kConfig);
  auto schemes = migration_schemes();
  schemes[1].version = 1;
  auto duplicate = PasswordManager::create(schemes);
  REQUIRE_FALSE(duplicate);
  CHECK(duplicate.error().message.find("version 1 appears twice") != std::string::npos);
  schemes = migration_schemes();
  schemes[0].cost = 40;
  CHECK_FALSE(PasswordManager::create(schemes));
}

TEST_CASE("passwords.enabled: false turns hashing and verification off") {
  auto manager = PasswordManager::create({}, /*enabled=*/false);
  REQUIRE(manager);
  CHECK_FALSE(manager->enabled());
  CHECK(manager->hash("x").error().code == ErrorCode::kForbidden);
  CHECK(manager->verify(1, "$2b$04$x", "x").error().code == ErrorCode::kForbidden);
}

}  // namespace
}  // namespace gatehouse::accounts
