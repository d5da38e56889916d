// One SQLite connection with its prepared statements, and the statement
// helpers both kinds of transaction use (sqlite_database.cc). Internal to
// the SQLite adapter.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "shared/core/error.h"
#include "shared/storage/row.h"
#include "shared/storage/sql_map.h"
#include "shared/storage/value.h"

namespace gatehouse::storage::sqlite {

// A connection with its prepared statements. Preparing (parsing and
// planning) the SQL was ~40% of the instructions of a token or
// introspection request (callgrind, docs/performance.md); the repositories
// send a handful of fixed SQL strings, so each is prepared once per
// connection and reset between uses. The cache dies with its connection.
struct Connection {
  static constexpr std::size_t kMaxCachedStatements = 256;
  struct Cached {
    std::unique_ptr<SQLite::Statement> statement;
    bool plain_select;  // dialect::is_plain_select, worked out once
    Row::Columns columns;  // its column names, shared by the rows it returns
  };
  std::unique_ptr<SQLite::Database> db;
  // Keyed by the SQL as the repositories wrote it (PostgreSQL syntax), so
  // the rewrite for SQLite runs once per statement, not once per query.
  SqlMap<Cached> statements;
  // Frames in the WAL after this connection's last commit (the WAL hook).
  int wal_frames = 0;

  // The statement for `postgres_sql`, reset and without bindings. Throws as
  // SQLite::Statement's constructor does.
  Cached& prepared(std::string_view postgres_sql);
  // Runs a statement without parameters or rows (BEGIN, COMMIT, SAVEPOINT)
  // from the cache: exec() would parse it again each time. Throws.
  void run(std::string_view sql);
  // Whether SQLite has a transaction open on this connection.
  bool in_transaction() const;
};

// Opens `path` in WAL mode with foreign keys on and our WAL hook.
Result<std::unique_ptr<Connection>> connect(const std::string& path, int busy_timeout_ms);

// Runs one statement / query (PostgreSQL syntax, bound params). Throw as
// SQLiteCpp does; to_error() turns what they throw into an Error.
std::int64_t execute_on(Connection& c, std::string_view sql, const Params& params);
std::vector<Row> query_on(Connection& c, std::string_view sql, const Params& params);
// The same for a statement already looked up with c.prepared().
std::vector<Row> query_on(Connection::Cached& statement, const Params& params);

Error to_error(const std::exception& e, std::string_view what);

}  // namespace gatehouse::storage::sqlite
