#include "shared/storage/sqlite/sqlite_database.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include <sqlite3.h>

#include "shared/storage/connection_pool.h"
#include "shared/storage/dialect.h"
#include "shared/storage/guarded_transaction.h"
#include "shared/storage/sqlite/sqlite_connection.h"
#include "shared/storage/sqlite/write_batch.h"

namespace gatehouse::storage::sqlite {

namespace {

using Pool = ConnectionPool<Connection>;

// SQLite's own default for wal_autocheckpoint.
constexpr int kCheckpointFrames = 1000;

// A read (kRead) on a pooled connection. It sends its BEGIN only when a
// statement needs one, as PgTransaction does: a lone SELECT runs in
// autocommit mode and takes the same read lock for its own duration. Two
// SELECTs may then see two snapshots, which is READ COMMITTED, what
// PostgreSQL gives anyway.
class SqliteReadTransaction final : public GuardedTransaction {
 public:
  explicit SqliteReadTransaction(Pool::Lease lease)
      : GuardedTransaction(Dialect::kSqlite), lease_(std::move(lease)) {}
  ~SqliteReadTransaction() override { finish_on_destruction(); }

 protected:
  Result<std::int64_t> do_execute(std::string_view sql, const Params& params) override {
    try {
      begin_if_deferred();
      return execute_on(connection(), sql, params);
    } catch (const std::exception& e) {
      return fail(to_error(e, "statement"));
    }
  }

  Result<std::vector<Row>> do_query(std::string_view sql, const Params& params) override {
    try {
      Connection::Cached* statement = &connection().prepared(sql);
      if (deferred_begin_ && !statement->plain_select) {
        begin_if_deferred();
        statement = &connection().prepared(sql);  // BEGIN's lookup may have pruned the cache
      }
      return query_on(*statement, params);
    } catch (const std::exception& e) {
      return fail(to_error(e, "query"));
    }
  }

  Status do_script(std::string_view sql) override {
    try {
      begin_if_deferred();
      connection().db->exec(std::string(sql));
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
      if (connection().in_transaction()) connection().run("ROLLBACK");
    } catch (const std::exception&) {
      lease_->discard();
    }
  }

  void release() override { lease_.reset(); }

  // Throws as a statement does; the callers turn it into an Error.
  void begin_if_deferred() {
    if (!deferred_begin_) return;
    deferred_begin_ = false;
    connection().run(dialect::begin_statement(Dialect::kSqlite, TxMode::kRead));
  }

  Connection& connection() { return **lease_; }

  bool deferred_begin_ = true;  // the BEGIN, not sent yet
  std::optional<Pool::Lease> lease_;  // empty once finished
};

// A write (kWrite, kSerializable): one writer's part of a group commit
// (write_batch.h). It waits for the writers' turn only when its first
// statement runs, so one whose statements are all deferred (they run at
// commit) never waits for it: WriteBatch::run() queues them. commit()
// returns once the batch is committed.
class SqliteWriteTransaction final : public GuardedTransaction {
 public:
  explicit SqliteWriteTransaction(std::shared_ptr<WriteBatch> batch)
      : GuardedTransaction(Dialect::kSqlite), batch_(std::move(batch)) {}
  ~SqliteWriteTransaction() override { finish_on_destruction(); }

 protected:
  Result<std::int64_t> do_execute(std::string_view sql, const Params& params) override {
    GH_TRY(Connection * connection, writer_connection());
    try {
      return execute_on(*connection, sql, params);
    } catch (const std::exception& e) {
      return fail(to_error(e, "statement"));
    }
  }

  Result<std::vector<Row>> do_query(std::string_view sql, const Params& params) override {
    GH_TRY(Connection * connection, writer_connection());
    try {
      return query_on(*connection, sql, params);
    } catch (const std::exception& e) {
      return fail(to_error(e, "query"));
    }
  }

  Status do_script(std::string_view sql) override {
    GH_TRY(Connection * connection, writer_connection());
    try {
      connection->db->exec(std::string(sql));
      return ok();
    } catch (const std::exception& e) {
      return fail(to_error(e, "script"));
    }
  }

  Status do_control(std::string_view statement) override {
    if (!writer_) return ok();  // nothing was sent: nothing to end
    return statement == "COMMIT" ? writer_->commit() : writer_->rollback();
  }

  Result<bool> do_commit_deferred(const std::vector<Deferred>& statements) override {
    if (writer_) return false;
    GH_TRY_STATUS(batch_->run([&statements](Connection& connection) -> Status {
      try {
        for (const Deferred& d : statements) execute_on(connection, d.sql, d.params);
        return ok();
      } catch (const std::exception& e) {
        return fail(to_error(e, "statement"));
      }
    }));
    return true;
  }

  void release() override { writer_.reset(); }

 private:
  // The writer's connection, waiting for the turn on first use.
  Result<Connection*> writer_connection() {
    if (!writer_) {
      GH_TRY(std::unique_ptr<WriteBatch::Writer> writer, batch_->begin());
      writer_ = std::move(writer);
    }
    return &writer_->connection();
  }

  std::shared_ptr<WriteBatch> batch_;
  std::unique_ptr<WriteBatch::Writer> writer_;  // empty until the first statement, and once finished
};

class SqliteDatabase final : public Database {
 public:
  // `writers`: a pool of its own with one connection for a file (its page
  // cache stays warm across writes), the readers' pool for `:memory:`.
  SqliteDatabase(std::shared_ptr<Pool> readers, std::shared_ptr<Pool> writers, int busy_timeout_ms,
                 bool memory)
      : readers_(std::move(readers)),
        checkpoint_(std::make_shared<Checkpoint>(memory ? nullptr : readers_)),
        batch_(std::make_shared<WriteBatch>(
            std::move(writers), dialect::begin_statement(Dialect::kSqlite, TxMode::kWrite),
            std::chrono::milliseconds(busy_timeout_ms),
            [checkpoint = checkpoint_](int wal_frames) { checkpoint->run_if_due(wal_frames); })) {}

  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override {
    if (mode == TxMode::kRead) {
      GH_TRY(Pool::Lease lease, readers_->acquire());
      return std::unique_ptr<Transaction>(new SqliteReadTransaction(std::move(lease)));
    }
    // kWrite and kSerializable begin alike on SQLite (one writer at a time).
    return std::unique_ptr<Transaction>(new SqliteWriteTransaction(batch_));
  }

  Status ping() override {
    GH_TRY(Pool::Lease lease, readers_->acquire());
    try {
      lease->db->execAndGet("SELECT 1");
      return ok();
    } catch (const std::exception& e) {
      return fail(to_error(e, "ping"));
    }
  }

  PoolStats pool_stats() const override { return readers_->stats(); }
  Dialect dialect() const override { return Dialect::kSqlite; }

 private:
  // SQLite's automatic checkpoint runs inside the COMMIT that crosses the
  // threshold, i.e. while every other writer waits for its copying and its
  // two fdatasyncs (several ms on a busy disk). Here it runs after the
  // commit, on a reader's connection, while the next batch goes on: a
  // PASSIVE checkpoint takes no writer lock. One at a time; the WAL hook
  // (sqlite_connection.cc) replaces the automatic one.
  // Due every kCheckpointFrames new frames. The WAL's size alone is no
  // measure: while writers keep coming SQLite cannot start the WAL over, so
  // it stays above the threshold and a checkpoint (two fdatasyncs) ran
  // after every commit.
  struct Checkpoint {
    explicit Checkpoint(std::shared_ptr<Pool> readers) : readers(std::move(readers)) {}
    void run_if_due(int wal_frames) {
      if (!readers || wal_frames < kCheckpointFrames) return;
      const int last = frames_at_last.load();
      if (wal_frames >= last && wal_frames - last < kCheckpointFrames) return;
      if (running.exchange(true)) return;
      frames_at_last = wal_frames;
      if (auto lease = readers->acquire()) {
        (void)sqlite3_wal_checkpoint_v2((*lease)->db->getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                        nullptr, nullptr);
      }
      running = false;
    }
    std::shared_ptr<Pool> readers;  // null: nothing to checkpoint (:memory:)
    std::atomic<int> frames_at_last{0};  // the WAL's size at the last one
    std::atomic<bool> running{false};
  };

  std::shared_ptr<Pool> readers_;
  std::shared_ptr<Checkpoint> checkpoint_;
  std::shared_ptr<WriteBatch> batch_;
};

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
  auto connect_path = [path, busy] { return connect(path, busy); };
  auto readers = Pool::create(memory ? 1 : options.max_connections, options.acquire_timeout, connect_path);
  // Open one connection now so a bad path fails here, not on first use; an
  // in-memory database lives exactly as long as that connection.
  GH_TRY_STATUS(readers->warm_up(std::max(1, options.min_connections)));
  auto writers = memory ? readers : Pool::create(1, options.acquire_timeout, connect_path);
  return std::shared_ptr<Database>(new SqliteDatabase(std::move(readers), std::move(writers), busy, memory));
}

}  // namespace gatehouse::storage::sqlite
