// The `queue_jobs` table: jobs are recorded here (e.g. `provision-user` when
// a user is registered or changed); the worker that runs them comes with the
// homeserver issue. Functions over an open Transaction; they never commit.
#pragma once

#include <optional>
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

}  // namespace gatehouse::storage::queue_jobs
