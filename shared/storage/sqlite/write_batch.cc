#include "shared/storage/sqlite/write_batch.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <ctime>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <sqlite3.h>

namespace gatehouse::storage::sqlite {

namespace {
constexpr std::string_view kSavepoint = "SAVEPOINT gh_writer";
constexpr std::string_view kRelease = "RELEASE gh_writer";
constexpr std::string_view kRollbackTo = "ROLLBACK TO gh_writer";
constexpr std::string_view kGroupSavepoint = "SAVEPOINT gh_jobs";
constexpr std::string_view kGroupRelease = "RELEASE gh_jobs";
constexpr std::string_view kGroupRollbackTo = "ROLLBACK TO gh_jobs";
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

// The same, giving up at `deadline`: false when it passed first.
bool wait_until_set(std::atomic<int>& word, std::chrono::steady_clock::time_point deadline) {
  while (word.load(std::memory_order_acquire) == 0) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return false;
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
    timespec relative{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    ::syscall(SYS_futex, futex_word(word), FUTEX_WAIT_PRIVATE, 0, &relative, nullptr, 0);
  }
  return true;
}

// What the writers of a batch whose transaction SQLite ended under `e` get.
Error rolled_back(const Error& e) {
  return Error{e.code, "the write transaction was rolled back: " + e.message, e.detail};
}

void set_and_wake_all(std::atomic<int>& word) {
  word.store(1, std::memory_order_release);
  ::syscall(SYS_futex, futex_word(word), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}
}  // namespace

struct WriteBatch::Job {
  const Work* work = nullptr;
  std::optional<Error> error;  // written before its group's `done`
};

struct WriteBatch::JobGroup {
  std::vector<Job*> jobs;
  std::atomic<int> done{0};  // 1 once committed or failed (a futex, as Batch::done)
};

struct WriteBatch::Writer::Batch {
  std::optional<Pool::Lease> lease;  // the connection, while the batch is open
  int writers = 0;                   // savepoints released into it
  std::vector<std::shared_ptr<JobGroup>> groups;  // run() jobs taken into it
  int jobs = 0;                                   // ... how many
  int members() const { return writers + jobs; }
  std::optional<Error> error;        // written before `done`
  // 1 once committed or failed. Its writers wait on it as a futex: waking
  // them takes one call and no mutex, where a condition variable would
  // have them queue for the mutex one by one.
  std::atomic<int> done{0};
};

struct WriteBatch::Wakeups {
  std::shared_ptr<Batch> batch;  // kept alive until woken
  std::vector<std::shared_ptr<JobGroup>> groups;
  void operator()() const {
    if (batch) set_and_wake_all(batch->done);
    for (const auto& group : groups) set_and_wake_all(group->done);
  }
};

WriteBatch::WriteBatch(std::shared_ptr<Pool> writers, std::string_view begin_statement,
                       std::chrono::milliseconds turn_timeout, std::function<void(int wal_frames)> after_commit)
    : writers_(std::move(writers)),
      begin_statement_(begin_statement),
      turn_timeout_(turn_timeout),
      after_commit_(std::move(after_commit)) {}

Result<std::unique_ptr<WriteBatch::Writer>> WriteBatch::begin() {
  std::unique_lock lock(mutex_);
  ++waiting_;
  const bool got = turn_free_.wait_for(lock, turn_timeout_, [this] { return !turn_taken_; });
  --waiting_;
  if (!got) {
    // A writer that handed the turn on, and a job, wait for their batch
    // without a timeout: if the turn is free with a batch open or jobs
    // queued and nobody else waits for it, this writer, the last one that
    // could have taken it, commits them.
    if (!turn_taken_ && waiting_ == 0 && (open_ || !queued_.empty())) run_jobs(lock);
    return fail(ErrorCode::kUnavailable, "the database is busy: another write transaction is open",
                "waited " + std::to_string(turn_timeout_.count()) + " ms for the writer's turn");
  }
  turn_taken_ = true;
  std::shared_ptr<Batch> batch = open_;
  if (!batch) {
    Wakeups failed;
    batch = open_batch(lock, failed);
    if (!batch) {
      Error error = *failed.batch->error;
      free_turn(lock, failed);
      return fail(std::move(error));
    }
  }
  lock.unlock();
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

Status WriteBatch::run(const Work& work) {
  Job job;
  job.work = &work;
  std::unique_lock lock(mutex_);
  if (queued_.empty() || static_cast<int>(queued_.back()->jobs.size()) >= kMaxWritersPerBatch) {
    queued_.push_back(std::make_shared<JobGroup>());
  }
  std::shared_ptr<JobGroup> group = queued_.back();
  group->jobs.push_back(&job);
  if (!turn_taken_ && waiting_ == 0) {
    // As in end_turn: give requests that are ready to run the CPU once
    // first, so writers among them queue up and share this COMMIT.
    turn_taken_ = true;
    lock.unlock();
    std::this_thread::yield();
    lock.lock();
    turn_taken_ = false;
    if (waiting_ == 0) {
      run_jobs(lock);
    } else {
      turn_free_.notify_one();  // a writer came: it runs the queue
    }
  }
  lock.unlock();
  if (!wait_until_set(group->done, std::chrono::steady_clock::now() + turn_timeout_)) {
    // As long as a writer waits for the turn (begin()). A job not taken
    // yet leaves the queue; one that is running is waited for.
    lock.lock();
    if (const auto it = std::find(queued_.begin(), queued_.end(), group); it != queued_.end()) {
      std::erase(group->jobs, &job);
      if (group->jobs.empty()) queued_.erase(it);
      return fail(ErrorCode::kUnavailable, "the database is busy: another write transaction is open",
                  "waited " + std::to_string(turn_timeout_.count()) + " ms for the writer's turn");
    }
    lock.unlock();
    wait_until_set(group->done);
  }
  return job.error ? fail(*job.error) : ok();
}

void WriteBatch::run_jobs(std::unique_lock<std::mutex>& lock) {
  turn_taken_ = true;
  Wakeups failed;
  std::shared_ptr<Batch> batch = open_ ? open_ : open_batch(lock, failed);
  if (batch) {
    commit_batch(lock, std::move(batch));
    return;
  }
  free_turn(lock, failed);
}

void WriteBatch::free_turn(std::unique_lock<std::mutex>& lock, const Wakeups& wakeups) {
  turn_taken_ = false;
  turn_free_.notify_one();
  lock.unlock();
  wakeups();
  lock.lock();
}

std::shared_ptr<WriteBatch::Batch> WriteBatch::open_batch(std::unique_lock<std::mutex>& lock,
                                                          Wakeups& failed) {
  lock.unlock();
  auto batch = std::make_shared<Batch>();
  std::optional<Error> error;
  if (auto lease = writers_->acquire(); !lease) {
    error = std::move(lease).error();
  } else {
    batch->lease.emplace(std::move(*lease));
    try {
      (**batch->lease).run(begin_statement_);
    } catch (const std::exception& e) {
      error = to_error(e, "BEGIN");
      batch->lease.reset();
    }
  }
  lock.lock();
  if (!error) {
    open_ = batch;
    return batch;
  }
  // Nothing ran: the queued jobs fail as a writer's begin() would.
  for (auto& group : queued_) batch->groups.push_back(std::move(group));
  queued_.clear();
  failed = finish(batch, std::move(error));
  return nullptr;
}

std::optional<Error> WriteBatch::run_in_savepoint(Connection& connection, Job& job) {
  bool in_savepoint = false;
  try {
    connection.run(kSavepoint);
    in_savepoint = true;
    Status status = (*job.work)(connection);
    if (!status) {
      job.error = status.error();
    } else {
      connection.run(kRelease);
      return std::nullopt;
    }
  } catch (const std::exception& e) {
    job.error = to_error(e, in_savepoint ? "RELEASE" : "SAVEPOINT");
  }
  // Undo this job's part only, as Writer::rollback does.
  try {
    if (in_savepoint && connection.in_transaction()) {
      connection.run(kRollbackTo);
      connection.run(kRelease);
    }
    if (connection.in_transaction()) return std::nullopt;
  } catch (const std::exception&) {
  }
  return rolled_back(*job.error);
}

std::optional<Error> WriteBatch::run_group(Connection& connection, JobGroup& group, bool first) {
  // A savepoint journals the original of every page it changes. The jobs
  // of a group change the same pages (the right edges of the B-trees they
  // append to), so one savepoint per job journaled those again for each,
  // and a group's journal outgrew memory into a temporary file. So a group
  // that is the transaction's first work runs with no savepoint (a
  // rollback undoes it), a later one in one savepoint; should a job fail,
  // the group is undone and its jobs run again, each in its own.
  if (group.jobs.size() > 1) {
    try {
      if (!first) connection.run(kGroupSavepoint);
      bool all_ran = true;
      for (Job* job : group.jobs) {
        if (!(*job->work)(connection)) {
          all_ran = false;
          break;
        }
      }
      if (all_ran) {
        if (!first) connection.run(kGroupRelease);
        return std::nullopt;
      }
      if (first) {
        if (connection.in_transaction()) connection.run("ROLLBACK");
        connection.run(begin_statement_);
      } else {
        if (!connection.in_transaction()) throw std::runtime_error("the transaction ended");
        connection.run(kGroupRollbackTo);
        connection.run(kGroupRelease);
      }
    } catch (const std::exception& e) {
      if (!connection.in_transaction()) {
        Error lost = rolled_back(to_error(e, "a batch of writes"));
        for (Job* job : group.jobs) job->error = lost;
        return lost;
      }
      if (!first) {
        // The savepoint failed to start or end: the jobs go one by one.
        try {
          connection.run(kGroupRollbackTo);
          connection.run(kGroupRelease);
        } catch (const std::exception&) {
        }
      }
    }
  }
  std::optional<Error> lost;
  for (Job* job : group.jobs) {
    if (lost) {
      job->error = lost;
    } else {
      lost = run_in_savepoint(connection, *job);
    }
  }
  return lost;
}

std::optional<Error> WriteBatch::run_queued(std::unique_lock<std::mutex>& lock, Batch& batch) {
  Connection& connection = **batch.lease;
  // Whole groups, at least one, while the batch has room for them.
  while (!queued_.empty() &&
         (batch.members() == 0 ||
          batch.members() + static_cast<int>(queued_.front()->jobs.size()) <= kMaxWritersPerBatch)) {
    std::shared_ptr<JobGroup> group = std::move(queued_.front());
    queued_.pop_front();
    const bool first = batch.members() == 0;
    batch.groups.push_back(group);
    batch.jobs += static_cast<int>(group->jobs.size());
    lock.unlock();
    std::optional<Error> lost = run_group(connection, *group, first);
    lock.lock();
    if (lost) return lost;
  }
  return std::nullopt;
}

WriteBatch::Wakeups WriteBatch::finish(const std::shared_ptr<Batch>& batch, std::optional<Error> error) {
  batch->error = error;
  batch->done.store(1, std::memory_order_release);
  Wakeups wakeups{batch, std::move(batch->groups)};
  batch->groups.clear();
  for (const auto& group : wakeups.groups) {
    if (error) {
      for (Job* job : group->jobs) job->error = error;
    }
    group->done.store(1, std::memory_order_release);
  }
  return wakeups;
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
  if (wait && batch->error) return fail(*batch->error);
  return ok();
}

void WriteBatch::commit_batch(std::unique_lock<std::mutex>& lock, std::shared_ptr<Batch> batch) {
  int wal_frames = 0;
  for (;;) {
    std::optional<Error> error = run_queued(lock, *batch);
    open_.reset();
    lock.unlock();
    Connection& connection = **batch->lease;
    try {
      if (!error) connection.run("COMMIT");
    } catch (const std::exception& e) {
      error = to_error(e, "COMMIT");
    }
    if (error) {
      try {
        if (connection.in_transaction()) connection.run("ROLLBACK");
      } catch (const std::exception&) {
        batch->lease->discard();
      }
    }
    wal_frames = connection.wal_frames;
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
    totals_.writers += batch->members();
    Wakeups done = finish(batch, std::move(error));
    // Jobs that came during the COMMIT would wait for the next writer, and
    // nobody else wants the turn: this thread runs them next.
    if (queued_.empty() || waiting_ > 0) {
      free_turn(lock, done);
      break;
    }
    lock.unlock();
    done();
    lock.lock();
    Wakeups failed;
    batch = open_batch(lock, failed);
    if (!batch) {
      free_turn(lock, failed);
      break;
    }
  }
  lock.unlock();
  after_commit_(wal_frames);
  lock.lock();
}

WriteBatch::Stats WriteBatch::stats() {
  std::lock_guard lock(mutex_);
  Stats out = totals_;
  out.waiting = waiting_;
  for (const auto& group : queued_) out.queued += static_cast<int>(group->jobs.size());
  return out;
}

void WriteBatch::lose_batch(std::unique_lock<std::mutex>& lock, const std::shared_ptr<Batch>& batch,
                            Error error) {
  if (open_ == batch) open_.reset();
  Wakeups failed = finish(batch, rolled_back(error));
  batch->lease.reset();
  free_turn(lock, failed);
  if (!turn_taken_ && waiting_ == 0 && !queued_.empty()) run_jobs(lock);
  lock.unlock();
}

}  // namespace gatehouse::storage::sqlite
