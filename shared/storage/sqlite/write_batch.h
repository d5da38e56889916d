// Group commit for the writers of one process (SQLite only).
//
// SQLite has one writer at a time, and a commit costs more than the small
// transactions our endpoints run (every page the transaction touched is
// appended to the WAL: ~20 writes for one token). So while a writer holds
// the turn and others wait for it, its work is not committed on its own:
// it ends as a SAVEPOINT released inside one open transaction, the turn
// passes to the next writer, and the last writer of the run commits them
// all at once. commit() returns only after that COMMIT, with its outcome,
// so a caller never answers for work that is not yet durable. With nobody
// waiting, a writer commits at once, as before.
//
// What a logical transaction sees: the committed database plus the work of
// the earlier writers of its batch, which commit (or fail) together with
// it. A rollback undoes only its own savepoint. If SQLite itself ends the
// open transaction (an I/O error, a full disk), every writer of the batch
// gets the error.
//
// A transaction whose statements are all known when it commits (it sent
// nothing before: Transaction::execute_deferred) does not wait for the turn
// at all: run() queues it, and whoever holds the turn runs it in its own
// savepoint before committing. So under load it costs its thread one
// sleep, not three (waiting for the turn, handing it on, waiting for the
// COMMIT), and on a busy core each sleep is a context switch.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "shared/core/error.h"
#include "shared/storage/connection_pool.h"
#include "shared/storage/sqlite/sqlite_connection.h"

namespace gatehouse::storage::sqlite {

// Create it with std::make_shared: each Writer keeps its WriteBatch alive
// (a transaction may outlive the Database that began it).
class WriteBatch : public std::enable_shared_from_this<WriteBatch> {
 public:
  using Pool = ConnectionPool<Connection>;
  // At most this many writers share one COMMIT, so a steady stream of
  // writers cannot keep the first one waiting.
  static constexpr int kMaxWritersPerBatch = 64;

  // `writers`: where the batch's connection comes from (a pool of one
  // connection for a file, so its page cache stays warm).
  // `begin_statement` opens a batch's transaction. `after_commit`
  // runs after each COMMIT once the turn is free, with the frames then in
  // the WAL (the WAL checkpoint).
  WriteBatch(std::shared_ptr<Pool> writers, std::string_view begin_statement,
             std::chrono::milliseconds turn_timeout, std::function<void(int wal_frames)> after_commit);

  // One writer's part. Not thread-safe; its methods run on one thread.
  class Writer {
   public:
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    Connection& connection() { return *connection_; }
    // Releases the savepoint; returns once the batch is committed.
    Status commit();
    // Undoes this writer's work only.
    Status rollback();

   private:
    friend class WriteBatch;
    struct Batch;
    Writer(std::shared_ptr<WriteBatch> owner, std::shared_ptr<Batch> batch, Connection& connection)
        : owner_(std::move(owner)), batch_(std::move(batch)), connection_(&connection) {}
    std::shared_ptr<WriteBatch> owner_;
    std::shared_ptr<Batch> batch_;
    Connection* connection_;
    bool finished_ = false;
  };

  // Waits for the turn (kUnavailable after turn_timeout), opens the batch's
  // transaction when none is open, and starts this writer's savepoint.
  Result<std::unique_ptr<Writer>> begin();

  // One writer whose work is known up front: `work` runs on the batch's
  // connection inside its own savepoint (a failure undoes only its part),
  // in whichever batch is open when the turn holder gets to it; with
  // nobody holding the turn, this thread takes it and commits. Returns once
  // the batch is committed, with `work`'s error or the COMMIT's, or with
  // kUnavailable when nobody took it up within the turn timeout (as
  // begin()).
  using Work = std::function<Status(Connection&)>;
  Status run(const Work& work);

  struct Stats {
    std::uint64_t commits = 0;  // COMMITs run
    std::uint64_t writers = 0;  // writers committed by them
    int waiting = 0;            // writers waiting for the turn now
    int queued = 0;             // run() jobs waiting to be run now
  };
  Stats stats();

 private:
  using Batch = Writer::Batch;
  struct Job;
  // Jobs queued together: they go into one batch and wait on one futex.
  struct JobGroup;
  // Whom finish() decided to wake, woken once `mutex_` is released: a
  // woken thread often preempts its waker at once, and must not find the
  // mutex held.
  struct Wakeups;

  // Gives the turn up: to a waiting writer with the batch still open, or
  // after committing it. Then waits, if `wait`, until the batch is done.
  Status end_turn(const std::shared_ptr<Batch>& batch, bool wait);
  // COMMIT under the turn (held by the caller, `lock` released meanwhile),
  // after the queued jobs; then, while jobs keep coming and nobody waits
  // for the turn, further batches for them. Frees the turn.
  void commit_batch(std::unique_lock<std::mutex>& lock, std::shared_ptr<Batch> batch);
  // One job in its own savepoint; a failure undoes its part only. Returns
  // the error that ended the batch's transaction, if one did.
  static std::optional<Error> run_in_savepoint(Connection& connection, Job& job);
  // A group's jobs, in one savepoint while they all succeed (none when
  // `first`: nothing else is in the transaction yet).
  std::optional<Error> run_group(Connection& connection, JobGroup& group, bool first);
  // Runs queued jobs in `batch` (the turn held; `lock` released while they
  // run). Returns the error that ended the batch's transaction, if one did.
  std::optional<Error> run_queued(std::unique_lock<std::mutex>& lock, Batch& batch);
  // The turn is free, nobody waits for it, and jobs are queued (or a batch
  // is open): this thread takes the turn, runs them and commits. `lock`
  // held on entry and exit; the turn is free again on return.
  void run_jobs(std::unique_lock<std::mutex>& lock);
  // Opens a batch under the turn; on failure fails the queued jobs with the
  // error (wakeups in `failed`, the error in failed.batch) and returns
  // null. `lock` held on entry and exit.
  std::shared_ptr<Batch> open_batch(std::unique_lock<std::mutex>& lock, Wakeups& failed);
  // Frees the turn, then wakes `wakeups` with `lock` released; returns with
  // it held.
  void free_turn(std::unique_lock<std::mutex>& lock, const Wakeups& wakeups);
  // Sets the outcome of the batch's writers and jobs (`lock` held).
  Wakeups finish(const std::shared_ptr<Batch>& batch, std::optional<Error> error);
  // The transaction ended under us (SQLite rolled it back): the batch fails.
  // `lock` held on entry, released on return.
  void lose_batch(std::unique_lock<std::mutex>& lock, const std::shared_ptr<Batch>& batch, Error error);

  std::shared_ptr<Pool> writers_;
  const std::string begin_statement_;
  const std::chrono::milliseconds turn_timeout_;
  std::function<void(int wal_frames)> after_commit_;

  std::mutex mutex_;
  std::condition_variable turn_free_;   // turn_taken_ became false
  bool turn_taken_ = false;
  int waiting_ = 0;                      // writers waiting for the turn
  Stats totals_;
  std::shared_ptr<Batch> open_;          // the batch with an open transaction
  std::deque<std::shared_ptr<JobGroup>> queued_;  // run() jobs not run yet
};

}  // namespace gatehouse::storage::sqlite
