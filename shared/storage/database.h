// Gatehouse storage: one interface over SQLite and PostgreSQL.
//
// How to add a repository (as MAS's storage/src/lib.rs explains for its own):
//  1. Put the plain struct in shared/storage/model/<entity>.h: no SQL there.
//  2. Add a migration step for BOTH dialects:
//     migrations/sqlite/NNNN_<name>.sql and migrations/postgres/NNNN_<name>.sql,
//     and list both in shared/storage/meson.build (they are embedded).
//  3. Write shared/storage/<entity>_repository.{h,cc}: free functions over a
//     Transaction& (`upsert(tx, x)`, `find(tx, id)`, ...). SQL is written ONCE
//     in PostgreSQL syntax with $1..$n placeholders; dialect.cc adapts it.
//  4. Add conformance cases in conformance/<entity>_repository_cases.cc; they
//     run against every backend (storage_sqlite and storage_postgres tests).
// Rules for repository functions:
//  - Every function is fallible and returns Result; nothing throws.
//  - A lookup returns Result<std::optional<T>>: absence is not an error.
//  - The clock and random ids are parameters (the caller fills created_at and
//    ULIDs), so tests control them.
//  - Repositories never commit; the caller commits the Transaction.
//
// Conventions for every table:
//  - ids are ULID strings in TEXT columns;
//  - timestamps are BIGINT milliseconds since the Unix epoch;
//  - booleans are BOOLEAN on PostgreSQL and INTEGER 0/1 on SQLite (bind a
//    bool Value and read with Row::get_bool; both dialects work);
//  - JSON is stored as TEXT.
//
// Errors: a unique violation is kConflict; a database that cannot be reached
// (or a pool with no free connection in time) is kUnavailable; anything else
// the database rejects is kDatabase with the library message in `detail`.
// After an error, a Transaction refuses further statements: roll it back
// (PostgreSQL aborts the transaction anyway; SQLite is made to match).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/row.h"
#include "shared/storage/value.h"

namespace gatehouse::storage {

enum class Dialect { kSqlite, kPostgres };
std::string_view to_string(Dialect dialect);

// What a transaction may do; always use kWrite for a transaction that
// writes. kRead, on both backends, and kWrite on PostgreSQL send their
// BEGIN only when a statement needs one (plain SELECTs before it run as
// autocommit statements, which under READ COMMITTED see what they would
// have seen inside the transaction).
// On SQLite a kWrite is BEGIN IMMEDIATE on the one writer connection; the
// writers of one process take turns and those that queued share a COMMIT
// (sqlite/write_batch.h), so a writer sees the uncommitted work of the
// earlier writers of its batch, and commit() returns once all of it is
// committed. On PostgreSQL kWrite is READ COMMITTED and kSerializable is
// SERIALIZABLE (SQLite's writers are serialized anyway).
enum class TxMode { kRead, kWrite, kSerializable };

struct Options {
  // sqlite:PATH, sqlite://PATH, sqlite::memory: (tests; one connection), or
  // postgresql://user:password@host:port/dbname?params (postgres:// too).
  std::string uri;
  // Connections the pool may open; begin() waits when all are in use.
  int max_connections = 10;
  // Connections opened eagerly by open_database (kept open).
  int min_connections = 0;
  // How long opening one PostgreSQL connection may take.
  std::chrono::seconds connect_timeout{30};
  // How long begin() waits for a free connection before kUnavailable.
  std::chrono::milliseconds acquire_timeout{30000};
  // How long SQLite waits on another process's lock before giving up.
  int sqlite_busy_timeout_ms = 5000;
};

struct PoolStats {
  int open = 0;    // connections currently open
  int in_use = 0;  // of which held by a transaction
  int max = 0;     // Options::max_connections (1 for sqlite::memory:)
};

// One unit of work on one pooled connection. Destroying it without commit()
// rolls back. Use from one thread at a time. Keeps its Database's pool alive.
class Transaction {
 public:
  virtual ~Transaction() = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Runs one statement (PostgreSQL syntax, $1..$n) and returns rows affected.
  virtual Result<std::int64_t> execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs one statement and returns all rows.
  virtual Result<std::vector<Row>> query(std::string_view sql, const Params& params = {}) = 0;
  // The only row, nullopt for none; more than one row is a kDatabase error
  // (the query's uniqueness assumption does not hold).
  Result<std::optional<Row>> query_one(std::string_view sql, const Params& params = {});
  // A write whose outcome the caller does not need until commit(): it runs
  // before the next statement of this transaction, or at commit(), and a
  // failure is reported there. On PostgreSQL a transaction whose only write
  // is one deferred statement sends it as one autocommit statement at
  // commit(): one round trip instead of three (BEGIN, it, COMMIT). On
  // SQLite a write transaction that ran no statement before commit() never
  // waits for the writers' turn: its deferred statements are queued for
  // the turn's holder to run (sqlite/write_batch.h).
  virtual Status execute_deferred(std::string_view sql, const Params& params = {}) = 0;
  // Several statements separated by ';', no parameters, dialect SQL as is.
  // For migrations only.
  virtual Status execute_script(std::string_view sql) = 0;

  // Makes the work durable. After commit (even a failed one) the transaction
  // is finished: further calls fail.
  virtual Status commit() = 0;
  // Explicit rollback; the destructor does this on an open transaction.
  virtual Status rollback() = 0;

  virtual Dialect dialect() const = 0;

 protected:
  Transaction() = default;
};

// A pool of connections to one database. Thread-safe: begin() from any thread.
class Database {
 public:
  virtual ~Database() = default;

  // Checks out a connection and starts a transaction. kUnavailable when no
  // connection frees up within Options::acquire_timeout or the server is down.
  // A SQLite write transaction takes the writers' turn (and reports a busy
  // database) at its first statement, not here.
  virtual Result<std::unique_ptr<Transaction>> begin(TxMode mode = TxMode::kWrite) = 0;
  // `SELECT 1` on a pooled connection.
  virtual Status ping() = 0;
  virtual PoolStats pool_stats() const = 0;
  virtual Dialect dialect() const = 0;
};

// Opens (and creates when missing) the database named by options.uri.
// SQLite: the file is created; its directory must exist. PostgreSQL: if the
// database does not exist it is created when the role has CREATEDB; else the
// error gives the exact CREATE DATABASE statement to run. Error messages
// never contain the URI's password.
Result<std::shared_ptr<Database>> open_database(const Options& options);

// The URI with any password replaced by "***", for messages and logs.
std::string redact_uri(std::string_view uri);

}  // namespace gatehouse::storage
