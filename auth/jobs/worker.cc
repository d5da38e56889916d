#include "auth/jobs/worker.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include <spdlog/spdlog.h>

#include "auth/jobs/job_kinds.h"
#include "auth/jobs/cleanup.h"
#include "auth/jobs/run_job.h"
#include "shared/storage/queue_job_repository.h"

namespace gatehouse::auth::jobs {

WorkerOptions worker_options_from_environment() {
  WorkerOptions options;
  if (const char* v = std::getenv("GATEHOUSE_JOB_BACKOFF_MS"); v != nullptr && *v != '\0') {
    char* end = nullptr;
    const long long ms = std::strtoll(v, &end, 10);
    if (end != nullptr && *end == '\0' && ms > 0) {
      options.backoff_base = std::chrono::milliseconds(ms);
      options.poll_interval = std::min(options.poll_interval, options.backoff_base);
      spdlog::warn("GATEHOUSE_JOB_BACKOFF_MS={}: job retry backoff base overridden (for tests)",
                   ms);
    }
  }
  return options;
}

std::chrono::milliseconds backoff_delay(const WorkerOptions& options, int attempts) {
  // Capped shift: 2^20 × 5 s is already months.
  const int exponent = std::clamp(attempts - 1, 0, 20);
  return options.backoff_base * (std::int64_t{1} << exponent);
}

Worker::Worker(std::shared_ptr<storage::Database> db,
               std::shared_ptr<homeserver_client::HomeserverClient> homeserver,
               std::shared_ptr<const Clock> clock, WorkerOptions options)
    : db_(std::move(db)),
      homeserver_(std::move(homeserver)),
      clock_(std::move(clock)),
      options_(options) {}

Worker::~Worker() { stop(); }

Result<bool> Worker::run_once() {
  std::optional<storage::QueueJob> job;
  {
    GH_TRY(auto tx, db_->begin(storage::TxMode::kWrite));
    std::vector<std::string> kinds;  // only kinds this worker knows
    for (auto k : kAllKinds) kinds.emplace_back(k);
    if (mailer_) kinds.emplace_back(kSendEmail);
    GH_TRY(job, storage::queue_jobs::claim_next(*tx, clock_->unix_millis(),
                                                options_.lease.count(), kinds));
    if (!job) return false;
    GH_TRY_STATUS(tx->commit());
  }
  const Status outcome = run_job(*job, *db_, *homeserver_, mailer_.get());
  GH_TRY_STATUS(record_outcome(*job, outcome));
  return true;
}

Status Worker::record_outcome(const storage::QueueJob& job, const Status& outcome) {
  const int attempts = job.attempts + 1;
  const std::int64_t now = clock_->unix_millis();
  GH_TRY(auto tx, db_->begin(storage::TxMode::kWrite));
  if (outcome) {
    GH_TRY(bool done, storage::queue_jobs::complete(*tx, job.id, attempts, now));
    (void)done;
    spdlog::info("job {} ({}) completed after {} attempt(s)", job.id, job.queue_name, attempts);
  } else if (attempts >= options_.max_attempts) {
    const std::string error = outcome.error().describe();
    GH_TRY(bool failed, storage::queue_jobs::fail_permanently(*tx, job.id, attempts, now, error));
    (void)failed;
    spdlog::error("job {} ({}) failed after {} attempts, giving up: {}", job.id, job.queue_name,
                  attempts, error);
  } else {
    const std::string error = outcome.error().describe();
    const auto delay = backoff_delay(options_, attempts);
    GH_TRY(bool retried, storage::queue_jobs::retry_later(*tx, job.id, attempts,
                                                          now + delay.count(), error));
    (void)retried;
    spdlog::warn("job {} ({}) attempt {} failed, retrying in {} ms: {}", job.id, job.queue_name,
                 attempts, delay.count(), error);
  }
  return tx->commit();
}

void Worker::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Worker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Worker::loop() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    auto ran = run_once();
    if (!ran) spdlog::warn("job worker: {}", ran.error().describe());
    if (ran && *ran) continue;  // more may be due
    if (const auto now = clock_->unix_millis(); now >= next_cleanup_ms_) {
      next_cleanup_ms_ = now + options_.cleanup_interval.count();
      auto deleted = clean_up(*db_, now);
      if (!deleted) spdlog::warn("job worker: cleanup: {}", deleted.error().describe());
      if (deleted && *deleted > 0) spdlog::info("job worker: cleanup deleted {} old row(s)", *deleted);
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_; });
    if (stopping_) return;
  }
}

}  // namespace gatehouse::auth::jobs
