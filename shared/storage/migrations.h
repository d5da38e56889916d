// Schema migrations: the ordered steps and the Migrator that applies them.
//
// Each step is one SQL file per dialect (migrations/sqlite/NNNN_name.sql and
// migrations/postgres/NNNN_name.sql), embedded at build time; applied steps
// are recorded in schema_migrations(version, name, applied_at).
//
// The Migrator takes its list as a parameter so tests can use their own.
// It refuses a database holding a version it does not know: a newer
// Gatehouse migrated it, and running old code on a newer schema is unsafe.
// Concurrent migrators (several instances starting together) are safe: each
// step runs in its own write transaction that first takes a lock
// (pg_advisory_xact_lock; BEGIN IMMEDIATE on SQLite) and re-checks whether
// the step was applied meanwhile. Thread-safe (holds only its list).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::storage {

struct Migration {
  std::int64_t version = 0;
  std::string name;  // "oauth2_clients"
  std::string sql;   // may hold several statements

  // "0001_oauth2_clients"
  std::string id() const;
};

struct MigrationInfo {
  std::int64_t version = 0;
  std::string name;
  std::string id() const;  // "0001_oauth2_clients"
  bool operator==(const MigrationInfo&) const = default;
};

// The steps built into this binary for `dialect`, ordered by version
// (generated from migrations/ by embed_migrations.py).
const std::vector<Migration>& builtin_migrations(Dialect dialect);

class Migrator {
 public:
  // `migrations` in any order; versions must be unique.
  explicit Migrator(std::vector<Migration> migrations);
  // The built-in steps for `dialect`.
  static Migrator builtin(Dialect dialect);

  // Steps not yet applied, in order. Read-only (creates nothing).
  // kConfig when the database has a version this list does not know.
  Result<std::vector<MigrationInfo>> pending(Database& db) const;

  // Applies every pending step, each in its own committed transaction, and
  // returns those it applied (empty: already up to date). Stops at the first
  // failing step (its transaction rolls back; earlier steps stay applied).
  Result<std::vector<MigrationInfo>> migrate(Database& db, const Clock& clock) const;

 private:
  std::vector<Migration> migrations_;
};

}  // namespace gatehouse::storage
