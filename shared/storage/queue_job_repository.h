// The `queue_jobs` table: jobs are recorded here (e.g. `provision-user` when
// a user is registered or changed) and run by auth/jobs' worker. Functions
// over an open Transaction; they never commit.
//
// Claiming: a claimed job is "running" with scheduled_at moved to the end of
// its lease; a worker that dies leaves it to be claimed again once the lease
// has passed. Several workers may share one queue: each job is claimed by one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/queue_job.h"

namespace gatehouse::storage::queue_jobs {

// "scheduled", "running", "completed", "failed" (the stored spelling).
std::string_view to_string(JobStatus status);

// Inserts the job as given (normally status kScheduled, attempts 0).
Status schedule(Transaction& tx, const QueueJob& job);

// The job, or nullopt.
Result<std::optional<QueueJob>> find(Transaction& tx, std::string_view id);

// Jobs of one queue, in id (creation) order.
Result<std::vector<QueueJob>> list(Transaction& tx, std::string_view queue_name);

// Claims the oldest due job (scheduled with scheduled_at <= now_ms, or
// running with an expired lease) of one of `queue_names` (all when empty):
// it becomes running, scheduled_at = now_ms + lease_ms. nullopt when none is
// due. PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED, so concurrent claimers
// skip each other's rows; SQLite: a guarded UPDATE (the status and
// scheduled_at read must still hold), retried on a lost race.
Result<std::optional<QueueJob>> claim_next(Transaction& tx, std::int64_t now_ms,
                                           std::int64_t lease_ms,
                                           const std::vector<std::string>& queue_names = {});

// Marks a job completed at `now_ms` (attempts as given). false: no such job.
Result<bool> complete(Transaction& tx, std::string_view id, int attempts, std::int64_t now_ms);

// Back to scheduled at `retry_at_ms`, with the attempts so far and the error.
Result<bool> retry_later(Transaction& tx, std::string_view id, int attempts,
                         std::int64_t retry_at_ms, std::string_view last_error);

// Gives up: failed at `now_ms`, with the attempts and the last error.
Result<bool> fail_permanently(Transaction& tx, std::string_view id, int attempts,
                              std::int64_t now_ms, std::string_view last_error);

}  // namespace gatehouse::storage::queue_jobs
