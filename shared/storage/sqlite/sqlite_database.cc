#include "shared/storage/sqlite/sqlite_database.h"

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "shared/storage/connection_pool.h"
#include "shared/storage/dialect.h"
#include "shared/storage/guarded_transaction.h"
#include "shared/storage/sql_map.h"

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

// A connection with its prepared statements. Preparing (parsing and
// planning) the SQL was ~40% of the instructions of a token or
// introspection request (callgrind, docs/performance.md); the repositories
// send a handful of fixed SQL strings, so each is prepared once per
// connection and reset between uses. The cache dies with its connection.
struct Connection {
  static constexpr std::size_t kMaxCachedStatements = 256;
  // SQLite's own default for wal_autocheckpoint.
  static constexpr int kCheckpointFrames = 1000;
  struct Cached {
    std::unique_ptr<SQLite::Statement> statement;
    bool plain_select;  // dialect::is_plain_select, worked out once
  };
  std::unique_ptr<SQLite::Database> db;
  // Keyed by the SQL as the repositories wrote it (PostgreSQL syntax), so
  // the rewrite for SQLite runs once per statement, not once per query.
  SqlMap<Cached> statements;
  // Frames in the WAL after this connection's last commit (the WAL hook).
  int wal_frames = 0;

  // The statement for `postgres_sql`, reset and without bindings. Throws as
  // SQLite::Statement's constructor does.
  Cached& prepared(std::string_view postgres_sql) {
    auto it = statements.find(postgres_sql);
    if (it == statements.end()) {
      // A bound on what a caller building SQL on the fly could pile up.
      if (statements.size() >= kMaxCachedStatements) statements.clear();
      auto statement = std::make_unique<SQLite::Statement>(
          *db, dialect::rewrite_sql(Dialect::kSqlite, postgres_sql));
      return statements
          .emplace(std::string(postgres_sql),
                   Cached{std::move(statement), dialect::is_plain_select(postgres_sql)})
          .first->second;
    }
    it->second.statement->reset();
    it->second.statement->clearBindings();
    return it->second;
  }

  // Runs a statement without parameters or rows (BEGIN, COMMIT, ROLLBACK)
  // from the cache: exec() would parse it again each time.
  void run(std::string_view sql) {
    StatementUse use(*prepared(sql).statement);
    (*use).exec();
  }
};

using Pool = ConnectionPool<Connection>;

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

class SqliteTransaction final : public GuardedTransaction {
 public:
  // A read (`deferred_begin`) sends its BEGIN only when a statement needs
  // one, as PgTransaction does: a lone SELECT runs in autocommit mode and
  // takes the same read lock for its own duration. Two SELECTs may then see
  // two snapshots, which is READ COMMITTED, what PostgreSQL gives anyway.
  SqliteTransaction(Pool::Lease lease, std::shared_ptr<std::timed_mutex> write_mutex,
                    std::unique_lock<std::timed_mutex> write_lock, bool deferred_begin)
      : GuardedTransaction(Dialect::kSqlite),
        deferred_begin_(deferred_begin),
        lease_(std::move(lease)),
        write_mutex_(std::move(write_mutex)),
        write_lock_(std::move(write_lock)) {}
  ~SqliteTransaction() override { finish_on_destruction(); }

 protected:
  Result<std::int64_t> do_execute(std::string_view sql, const Params& params) override {
    try {
      begin_if_deferred();
      StatementUse use(*connection().prepared(sql).statement);
      SQLite::Statement& stmt = *use;
      bind_all(stmt, params);
      stmt.exec();
      return static_cast<std::int64_t>(sqlite3_changes(conn().getHandle()));
    } catch (const std::exception& e) {
      return fail(to_error(e, "statement"));
    }
  }

  Result<std::vector<Row>> do_query(std::string_view sql, const Params& params) override {
    try {
      Connection::Cached& cached = connection().prepared(sql);
      if (!cached.plain_select) begin_if_deferred();
      StatementUse use(*cached.statement);
      SQLite::Statement& stmt = *use;
      bind_all(stmt, params);
      auto names = std::make_shared<std::vector<std::string>>();
      for (int i = 0; i < stmt.getColumnCount(); ++i) names->push_back(stmt.getColumnName(i));
      std::vector<Row> rows;
      while (stmt.executeStep()) {
        std::vector<Value> values;
        values.reserve(names->size());
        for (int i = 0; i < stmt.getColumnCount(); ++i) values.push_back(column_value(stmt.getColumn(i)));
        rows.emplace_back(names, std::move(values));
      }
      return rows;
    } catch (const std::exception& e) {
      return fail(to_error(e, "query"));
    }
  }

  Status do_script(std::string_view sql) override {
    try {
      begin_if_deferred();
      conn().exec(std::string(sql));
      return ok();
    } catch (const std::exception& e) {
      return fail(to_error(e, "script"));
    }
  }

  Status do_control(std::string_view statement) override {
    // COMMIT or ROLLBACK of a read that never needed its BEGIN: nothing to end.
    if (deferred_begin_) return ok();
    try {
      connection().run(statement);
      return ok();
    } catch (const std::exception& e) {
      Error error = to_error(e, statement);
      leave_transaction();
      return fail(std::move(error));
    }
  }

 private:
  // A connection still inside a transaction must not go back to the pool.
  void leave_transaction() {
    try {
      if (!sqlite3_get_autocommit(conn().getHandle())) conn().exec("ROLLBACK");
    } catch (const std::exception&) {
      lease_->discard();
    }
  }

  void release() override {
    if (write_lock_.owns_lock()) write_lock_.unlock();
    checkpoint_if_due();
    lease_.reset();
  }

  // SQLite's automatic checkpoint runs inside the COMMIT that crosses the
  // threshold, i.e. under our writer lock: every writer waited for its
  // copying and its two fdatasyncs (several ms on a busy disk, once every
  // ~60 tokens). Here it runs after the writer lock is released; a PASSIVE
  // checkpoint takes no writer lock, so other writers go on meanwhile. One
  // checkpointer at a time: a second one gets SQLITE_BUSY and skips.
  void checkpoint_if_due() {
    if (!lease_) return;
    Connection& c = connection();
    if (c.wal_frames < Connection::kCheckpointFrames || !sqlite3_get_autocommit(c.db->getHandle())) {
      return;
    }
    c.wal_frames = 0;
    (void)sqlite3_wal_checkpoint_v2(c.db->getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                    nullptr);
  }

  Connection& connection() { return **lease_; }
  SQLite::Database& conn() { return *connection().db; }

  // Throws as a statement does; the callers turn it into an Error.
  void begin_if_deferred() {
    if (!deferred_begin_) return;
    deferred_begin_ = false;
    connection().run(dialect::begin_statement(Dialect::kSqlite, TxMode::kRead));
  }

  bool deferred_begin_;  // a read's BEGIN, not sent yet
  std::optional<Pool::Lease> lease_;  // empty once finished
  std::shared_ptr<std::timed_mutex> write_mutex_;  // outlives write_lock_
  std::unique_lock<std::timed_mutex> write_lock_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::shared_ptr<Pool> pool, int busy_timeout_ms)
      : pool_(std::move(pool)), busy_timeout_ms_(busy_timeout_ms) {}

  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    std::unique_lock<std::timed_mutex> write_lock(*write_mutex_, std::defer_lock);
    if (mode != TxMode::kRead &&
        !write_lock.try_lock_for(std::chrono::milliseconds(busy_timeout_ms_))) {
      return fail(ErrorCode::kUnavailable, "the database is busy: another write transaction is open",
                  "waited " + std::to_string(busy_timeout_ms_) + " ms for the writer lock");
    }
    GH_TRY(Pool::Lease lease, pool_->acquire());
    const bool deferred = mode == TxMode::kRead;
    if (!deferred) {
      try {
        lease->run(dialect::begin_statement(Dialect::kSqlite, mode));
      } catch (const std::exception& e) {
        return fail(to_error(e, "BEGIN"));
      }
    }
    return std::unique_ptr<Transaction>(
        new SqliteTransaction(std::move(lease), write_mutex_, std::move(write_lock), deferred));
  }

  Status ping() override {
    GH_TRY(Pool::Lease lease, pool_->acquire());
    try {
      lease->db->execAndGet("SELECT 1");
      return ok();
    } catch (const std::exception& e) {
      return fail(to_error(e, "ping"));
    }
  }

  PoolStats pool_stats() const override { return pool_->stats(); }
  Dialect dialect() const override { return Dialect::kSqlite; }

 private:
  std::shared_ptr<Pool> pool_;
  // Shared with the transactions holding it, which may outlive this object.
  std::shared_ptr<std::timed_mutex> write_mutex_ = std::make_shared<std::timed_mutex>();
  int busy_timeout_ms_;
};

Result<std::unique_ptr<Connection>> connect(const std::string& path, int busy_timeout_ms) {
  try {
    auto db = std::make_unique<SQLite::Database>(
        path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, busy_timeout_ms);
    // WAL lets readers run beside the one writer; NORMAL sync is durable
    // against application crashes, which is what WAL mode is designed for.
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = NORMAL");
    db->exec("PRAGMA foreign_keys = ON");
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

}  // namespace

Result<std::shared_ptr<Database>> open(const Options& options, const std::string& path) {
  const bool memory = path == ":memory:";
  if (!memory) {
    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
      return fail(ErrorCode::kConfig,
                  "directory " + parent.string() + " does not exist; create it for the SQLite database " +
                      path);
    }
  }
  const int busy = options.sqlite_busy_timeout_ms;
  auto pool = Pool::create(memory ? 1 : options.max_connections, options.acquire_timeout,
                           [path, busy] { return connect(path, busy); });
  // Open one connection now so a bad path fails here, not on first use; an
  // in-memory database lives exactly as long as that connection.
  GH_TRY_STATUS(pool->warm_up(std::max(1, options.min_connections)));
  return std::shared_ptr<Database>(new SqliteDatabase(std::move(pool), busy));
}

}  // namespace gatehouse::storage::sqlite
