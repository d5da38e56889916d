#include "shared/storage/sqlite/write_batch.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <climits>
#include <string>
#include <thread>

#include <sqlite3.h>

namespace gatehouse::storage::sqlite {

namespace {
constexpr std::string_view kSavepoint = "SAVEPOINT gh_writer";
constexpr std::string_view kRelease = "RELEASE gh_writer";
constexpr std::string_view kRollbackTo = "ROLLBACK TO gh_writer";
// A WAL this long (~32 MB of 4 KiB pages) is checkpointed under the turn.
constexpr int kWalRestartFrames = 8000;

// A one-shot event on a futex word. Not std::atomic::wait: libstdc++ 12
// spins first and then calls sched_yield() up to 12 times before it
// sleeps, and on a busy core every yield is a context switch (14% of a
// token's CPU time went there).
int* futex_word(std::atomic<int>& word) { return reinterpret_cast<int*>(&word); }

void wait_until_set(std::atomic<int>& word) {
  while (word.load(std::memory_order_acquire) == 0) {
    ::syscall(SYS_futex, futex_word(word), FUTEX_WAIT_PRIVATE, 0, nullptr, nullptr, 0);
  }
}

void set_and_wake_all(std::atomic<int>& word) {
  word.store(1, std::memory_order_release);
  ::syscall(SYS_futex, futex_word(word), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}
}  // namespace

struct WriteBatch::Writer::Batch {
  std::optional<Pool::Lease> lease;  // the connection, while the batch is open
  int writers = 0;                   // savepoints released into it
  std::optional<Error> error;        // written before `done`
  // 1 once committed or failed. Its writers wait on it as a futex: waking
  // them takes one call and no mutex, where a condition variable would
  // have them queue for the mutex one by one.
  std::atomic<int> done{0};
};

WriteBatch::WriteBatch(std::shared_ptr<Pool> writers, std::chrono::milliseconds turn_timeout,
                       std::function<void(int wal_frames)> after_commit)
    : writers_(std::move(writers)), turn_timeout_(turn_timeout), after_commit_(std::move(after_commit)) {}

Result<std::unique_ptr<WriteBatch::Writer>> WriteBatch::begin(std::string_view begin_statement) {
  std::unique_lock lock(mutex_);
  ++waiting_;
  const bool got = turn_free_.wait_for(lock, turn_timeout_, [this] { return !turn_taken_; });
  --waiting_;
  if (!got) {
    // A writer that handed the turn on waits for its batch without a
    // timeout: if the turn is free with a batch open and nobody else waits
    // for it, this writer, the last one that could have taken it, commits it.
    if (!turn_taken_ && open_ && waiting_ == 0) {
      turn_taken_ = true;
      commit_batch(lock, std::shared_ptr<Batch>(open_));
    }
    return fail(ErrorCode::kUnavailable, "the database is busy: another write transaction is open",
                "waited " + std::to_string(turn_timeout_.count()) + " ms for the writer's turn");
  }
  turn_taken_ = true;
  std::shared_ptr<Batch> batch = open_;
  lock.unlock();

  auto give_back = [this] {
    std::lock_guard relock(mutex_);
    turn_taken_ = false;
    turn_free_.notify_one();
  };
  if (!batch) {
    auto lease = writers_->acquire();
    if (!lease) {
      give_back();
      return fail(std::move(lease).error());
    }
    batch = std::make_shared<Batch>();
    batch->lease.emplace(std::move(*lease));
    try {
      (**batch->lease).run(begin_statement);
    } catch (const std::exception& e) {
      Error error = to_error(e, "BEGIN");
      batch.reset();  // the connection goes back
      give_back();
      return fail(std::move(error));
    }
    lock.lock();
    open_ = batch;
    lock.unlock();
  }
  Connection& connection = **batch->lease;
  try {
    connection.run(kSavepoint);
  } catch (const std::exception& e) {
    Error error = to_error(e, "SAVEPOINT");
    lock.lock();
    if (!connection.in_transaction()) {
      lose_batch(lock, batch, error);
    } else {
      lock.unlock();
      (void)end_turn(batch, /*wait=*/false);
    }
    return fail(std::move(error));
  }
  return std::unique_ptr<Writer>(new Writer(shared_from_this(), std::move(batch), connection));
}

WriteBatch::Writer::~Writer() {
  if (!finished_) (void)rollback();
}

Status WriteBatch::Writer::commit() {
  if (finished_) return fail(ErrorCode::kInternal, "write transaction already finished");
  finished_ = true;
  try {
    connection_->run(kRelease);
  } catch (const std::exception& e) {
    finished_ = false;
    Error error = to_error(e, "RELEASE");
    (void)rollback();
    return fail(std::move(error));
  }
  {
    std::lock_guard lock(owner_->mutex_);
    ++batch_->writers;
  }
  return owner_->end_turn(batch_, /*wait=*/true);
}

Status WriteBatch::Writer::rollback() {
  if (finished_) return ok();
  finished_ = true;
  try {
    connection_->run(kRollbackTo);
    connection_->run(kRelease);
  } catch (const std::exception& e) {
    Error error = to_error(e, "ROLLBACK TO");
    std::unique_lock lock(owner_->mutex_);
    if (!connection_->in_transaction()) {
      owner_->lose_batch(lock, batch_, error);
      return fail(std::move(error));
    }
    // The savepoint is in an unknown state: the whole batch must go.
    try {
      connection_->run("ROLLBACK");
    } catch (const std::exception&) {
      batch_->lease->discard();
    }
    owner_->lose_batch(lock, batch_, error);
    return fail(std::move(error));
  }
  return owner_->end_turn(batch_, /*wait=*/false);
}

Status WriteBatch::end_turn(const std::shared_ptr<Batch>& batch, bool wait) {
  std::unique_lock lock(mutex_);
  auto outcome = [&]() -> Status {
    if (wait && batch->error) return fail(*batch->error);
    return ok();
  };
  if (waiting_ == 0 && batch->writers < kMaxWritersPerBatch) {
    // Nobody waits yet, but requests may be ready to run: on a busy server
    // the other threads rarely get the CPU while this one works. Give it
    // to them once, with the turn still held, so that writers among them
    // queue for it and join this batch instead of each paying a COMMIT.
    lock.unlock();
    std::this_thread::yield();
    lock.lock();
  }
  if (waiting_ > 0 && batch->writers < kMaxWritersPerBatch) {
    // Somebody wants the turn: leave the batch open for them.
    turn_taken_ = false;
    turn_free_.notify_one();
    lock.unlock();
    if (!wait) return ok();
    wait_until_set(batch->done);
    return batch->error ? fail(*batch->error) : ok();
  }
  commit_batch(lock, batch);
  return outcome();
}

void WriteBatch::commit_batch(std::unique_lock<std::mutex>& lock, const std::shared_ptr<Batch>& batch) {
  open_.reset();
  lock.unlock();
  Connection& connection = **batch->lease;
  std::optional<Error> error;
  try {
    connection.run("COMMIT");
  } catch (const std::exception& e) {
    error = to_error(e, "COMMIT");
    try {
      if (connection.in_transaction()) connection.run("ROLLBACK");
    } catch (const std::exception&) {
      batch->lease->discard();
    }
  }
  const int wal_frames = connection.wal_frames;
  if (!error && wal_frames >= kWalRestartFrames) {
    // Under a steady stream of writers the checkpoints that run beside them
    // never catch up with the WAL's end, and SQLite starts the WAL over
    // only when they have: it would grow without bound. With the turn held
    // no writer appends, so this one can finish, and the next write starts
    // the WAL from its beginning.
    (void)sqlite3_wal_checkpoint_v2(connection.db->getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                    nullptr, nullptr);
  }
  batch->lease.reset();  // the connection goes back before the turn does
  lock.lock();
  ++totals_.commits;
  totals_.writers += batch->writers;
  batch->error = std::move(error);
  set_and_wake_all(batch->done);
  turn_taken_ = false;
  turn_free_.notify_one();
  lock.unlock();
  after_commit_(wal_frames);
  lock.lock();
}

WriteBatch::Stats WriteBatch::stats() {
  std::lock_guard lock(mutex_);
  Stats out = totals_;
  out.waiting = waiting_;
  return out;
}

void WriteBatch::lose_batch(std::unique_lock<std::mutex>& lock, const std::shared_ptr<Batch>& batch,
                            Error error) {
  if (open_ == batch) open_.reset();
  batch->error = Error{error.code, "the write transaction was rolled back: " + error.message, error.detail};
  set_and_wake_all(batch->done);
  batch->lease.reset();
  turn_taken_ = false;
  turn_free_.notify_one();
  lock.unlock();
}

}  // namespace gatehouse::storage::sqlite
