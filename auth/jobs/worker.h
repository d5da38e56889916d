// The job queue worker: claims due jobs from `queue_jobs` and runs them
// against the homeserver, with exponential backoff (MAS: 5 s × 2ⁿ) and a
// give-up after `max_attempts`, the last error stored on the job.
//
// Several workers (threads or processes, even on several hosts) may share one
// database: a job is claimed by one of them (storage::queue_jobs::claim_next)
// and leased; a worker that dies mid-job leaves it to be claimed again when
// the lease ends, so a job runs at least once and normally exactly once.
//
// Thread safety: run_once() from one thread at a time; start()/stop() from
// the owning thread. The destructor stops the thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "auth/email/mailer.h"
#include "auth/homeserver_client/homeserver_client.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/queue_job.h"

namespace gatehouse::auth::jobs {

struct WorkerOptions {
  // Delay after the n-th failed attempt: backoff_base × 2^(n-1).
  std::chrono::milliseconds backoff_base{5000};
  // Attempts before a job is marked failed.
  int max_attempts = 10;
  // How long a claimed job belongs to this worker.
  std::chrono::milliseconds lease{std::chrono::minutes(5)};
  // How often the thread looks for due jobs when the queue is idle.
  std::chrono::milliseconds poll_interval{1000};
  // How often the thread deletes rows no longer of use (cleanup.h).
  std::chrono::milliseconds cleanup_interval{std::chrono::hours(1)};
};

// WorkerOptions with the hidden test override GATEHOUSE_JOB_BACKOFF_MS (the
// backoff base in milliseconds; the poll interval follows it down), for
// end-to-end tests that must not wait 5 s per retry. Documented in docs/cli.md.
WorkerOptions worker_options_from_environment();

// The delay before attempt `attempts + 1`, after `attempts` failures (≥ 1).
std::chrono::milliseconds backoff_delay(const WorkerOptions& options, int attempts);

class Worker {
 public:
  Worker(std::shared_ptr<storage::Database> db,
         std::shared_ptr<homeserver_client::HomeserverClient> homeserver,
         std::shared_ptr<const Clock> clock, WorkerOptions options = {});
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Lets this worker send email (send-email jobs); without one it leaves
  // them to a worker that has one. Call before start().
  void set_mailer(std::shared_ptr<email::Mailer> mailer) { mailer_ = std::move(mailer); }

  // Claims one due job and runs it, recording the outcome (completed,
  // retried later, or failed). false when no job was due. An error is a
  // database failure (the job, if claimed, is retried after its lease).
  Result<bool> run_once();

  // Runs due jobs on a thread until stop(): polls every poll_interval.
  void start();
  // Wakes the thread, lets the job in hand finish, joins.
  void stop();

 private:
  void loop();
  Status record_outcome(const storage::QueueJob& job, const Status& outcome);

  std::shared_ptr<storage::Database> db_;
  std::shared_ptr<homeserver_client::HomeserverClient> homeserver_;
  std::shared_ptr<email::Mailer> mailer_;  // null: send-email jobs are not claimed
  std::shared_ptr<const Clock> clock_;
  WorkerOptions options_;
  std::int64_t next_cleanup_ms_ = 0;  // unix ms; 0: at the first idle moment
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gatehouse::auth::jobs
