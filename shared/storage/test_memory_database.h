// For unit tests only: a SQLite database in memory with every built-in
// migration applied (REQUIREs that both steps work).
#pragma once

#include <doctest/doctest.h>

#include <memory>

#include "shared/core/clock.h"
#include "shared/storage/database.h"
#include "shared/storage/migrations.h"

namespace gatehouse::storage::testing {

inline std::shared_ptr<Database> migrated_memory_database(const Clock& clock) {
  auto opened = open_database({.uri = "sqlite::memory:"});
  REQUIRE(opened);
  std::shared_ptr<Database> db = *opened;
  REQUIRE(Migrator::builtin(db->dialect()).migrate(*db, clock));
  return db;
}

}  // namespace gatehouse::storage::testing
