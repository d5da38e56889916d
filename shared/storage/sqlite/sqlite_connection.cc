#include "shared/storage/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include "shared/storage/dialect.h"

namespace gatehouse::storage::sqlite {
namespace {

// Resets a cached statement when its use ends, however it ends: a stepped
// but unfinished statement would keep its read snapshot open.
class StatementUse {
 public:
  explicit StatementUse(SQLite::Statement& stmt) : stmt_(stmt) {}
  ~StatementUse() {
    try {
      stmt_.reset();
    } catch (const std::exception&) {
      // The error was (or will be) reported by the step that failed.
    }
  }
  StatementUse(const StatementUse&) = delete;
  StatementUse& operator=(const StatementUse&) = delete;
  SQLite::Statement& operator*() const { return stmt_; }

 private:
  SQLite::Statement& stmt_;
};

void bind_all(SQLite::Statement& stmt, const Params& params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    const Value& v = params[i];
    if (v.is_null()) {
      stmt.bind(index);
    } else if (auto* n = v.as_int()) {
      stmt.bind(index, static_cast<int64_t>(*n));
    } else if (auto* d = v.as_double()) {
      stmt.bind(index, *d);
    } else if (auto* s = v.as_text()) {
      stmt.bind(index, *s);
    } else if (auto* b = v.as_blob()) {
      stmt.bind(index, b->bytes.data(), static_cast<int>(b->bytes.size()));
    }
  }
}

Value column_value(const SQLite::Column& c) {
  switch (c.getType()) {
    case SQLITE_INTEGER: return Value(c.getInt64());
    case SQLITE_FLOAT: return Value(c.getDouble());
    case SQLITE_TEXT: return Value(c.getString());
    case SQLITE_BLOB:
      return Value(Blob{std::string(static_cast<const char*>(c.getBlob()),
                                    static_cast<std::size_t>(c.getBytes()))});
    default: return Value();
  }
}

}  // namespace

Connection::Cached& Connection::prepared(std::string_view postgres_sql) {
  auto it = statements.find(postgres_sql);
  if (it == statements.end()) {
    // A bound on what a caller building SQL on the fly could pile up.
    if (statements.size() >= kMaxCachedStatements) statements.clear();
    auto statement =
        std::make_unique<SQLite::Statement>(*db, dialect::rewrite_sql(Dialect::kSqlite, postgres_sql));
    return statements
        .emplace(std::string(postgres_sql), Cached{std::move(statement), dialect::is_plain_select(postgres_sql), nullptr})
        .first->second;
  }
  it->second.statement->reset();
  it->second.statement->clearBindings();
  return it->second;
}

void Connection::run(std::string_view sql) {
  StatementUse use(*prepared(sql).statement);
  (*use).exec();
}

bool Connection::in_transaction() const { return !sqlite3_get_autocommit(db->getHandle()); }

std::int64_t execute_on(Connection& c, std::string_view sql, const Params& params) {
  StatementUse use(*c.prepared(sql).statement);
  SQLite::Statement& stmt = *use;
  bind_all(stmt, params);
  stmt.exec();
  return static_cast<std::int64_t>(sqlite3_changes(c.db->getHandle()));
}

std::vector<Row> query_on(Connection& c, std::string_view sql, const Params& params) {
  return query_on(c.prepared(sql), params);
}

std::vector<Row> query_on(Connection::Cached& cached, const Params& params) {
  StatementUse use(*cached.statement);
  SQLite::Statement& stmt = *use;
  bind_all(stmt, params);
  const int columns = stmt.getColumnCount();
  // SQLite may re-prepare a statement after a schema change (SELECT *),
  // hence the count check.
  if (!cached.columns || cached.columns->size() != static_cast<std::size_t>(columns)) {
    auto names = std::make_shared<std::vector<std::string>>();
    names->reserve(columns);
    for (int i = 0; i < columns; ++i) names->push_back(stmt.getColumnName(i));
    cached.columns = std::move(names);
  }
  std::vector<Row> rows;
  while (stmt.executeStep()) {
    std::vector<Value> values;
    values.reserve(columns);
    for (int i = 0; i < columns; ++i) values.push_back(column_value(stmt.getColumn(i)));
    rows.emplace_back(cached.columns, std::move(values));
  }
  return rows;
}

Error to_error(const std::exception& e, std::string_view what) {
  const auto* se = dynamic_cast<const SQLite::Exception*>(&e);
  const int code = se ? se->getErrorCode() : -1;
  const int extended = se ? se->getExtendedErrorCode() : -1;
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Error{ErrorCode::kConflict, std::string(what) + ": a row with this key already exists",
                 e.what()};
  }
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    return Error{ErrorCode::kUnavailable, std::string(what) + ": the database is busy", e.what()};
  }
  if (code == SQLITE_CANTOPEN) {
    return Error{ErrorCode::kUnavailable, std::string(what) + ": cannot open the database file",
                 e.what()};
  }
  return Error{ErrorCode::kDatabase, std::string(what) + " failed", e.what()};
}

Result<std::unique_ptr<Connection>> connect(const std::string& path, int busy_timeout_ms) {
  try {
    auto db = std::make_unique<SQLite::Database>(
        path,
        // A pooled connection is used by one thread at a time (the pool
        // guarantees it), so SQLite's per-connection mutex, taken on every
        // bind, step and column call, protects nothing.
        SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, busy_timeout_ms);
    // WAL lets readers run beside the one writer; NORMAL sync is durable
    // against application crashes, which is what WAL mode is designed for.
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = NORMAL");
    db->exec("PRAGMA foreign_keys = ON");
    // The WAL file is cut back to this size when SQLite starts it over.
    db->exec("PRAGMA journal_size_limit = 67108864");
    auto connection = std::make_unique<Connection>();
    connection->db = std::move(db);
    // Replaces SQLite's automatic checkpoint (sqlite3_wal_hook documents
    // that it overrides wal_autocheckpoint): SqliteTransaction::release
    // checkpoints once the writer lock is free.
    sqlite3_wal_hook(
        connection->db->getHandle(),
        [](void* frames, sqlite3*, const char*, int n) {
          *static_cast<int*>(frames) = n;
          return SQLITE_OK;
        },
        &connection->wal_frames);
    return connection;
  } catch (const std::exception& e) {
    return fail(to_error(e, "opening SQLite database " + path));
  }
}

}  // namespace gatehouse::storage::sqlite
