// Shared setup for the account repositories' conformance cases: a migrated
// database and a user to hang rows on.
#pragma once

#include <memory>
#include <string>

#include "shared/core/clock.h"
#include "shared/storage/conformance/backend.h"
#include "shared/storage/migrations.h"
#include "shared/storage/model/user.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::storage::conformance {

inline std::unique_ptr<TestDatabase> migrated_accounts_database() {
  auto t = fresh_database();
  FakeClock clock;
  GH_REQUIRE_OK(Migrator::builtin(t->db().dialect()).migrate(t->db(), clock));
  return t;
}

inline User sample_user(std::string id, std::string username) {
  User u;
  u.id = std::move(id);
  u.username = std::move(username);
  u.created_at = 1'700'000'000'000;
  return u;
}

// Begins a write transaction, REQUIRE-ing success.
inline std::unique_ptr<Transaction> begin_tx(TestDatabase& t, TxMode mode = TxMode::kWrite) {
  auto tx = t.db().begin(mode);
  GH_REQUIRE_OK(tx);
  return std::move(*tx);
}

inline constexpr const char* kAlice = "01HZZZZZZZZZZZZZZZZZZALICE";
inline constexpr const char* kBob = "01HZZZZZZZZZZZZZZZZZZZZBOB";

}  // namespace gatehouse::storage::conformance
