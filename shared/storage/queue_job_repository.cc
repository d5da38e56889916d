#include "shared/storage/queue_job_repository.h"

#include <array>

#include "shared/storage/row_mapping.h"

namespace gatehouse::storage::queue_jobs {

namespace {

constexpr std::array<JobStatus, 4> kStatuses = {JobStatus::kScheduled, JobStatus::kRunning,
                                                JobStatus::kCompleted, JobStatus::kFailed};

constexpr std::string_view kSelect =
    "SELECT id, queue_name, payload, status, attempts, scheduled_at, "
    "last_error, created_at, "
    "completed_at FROM queue_jobs ";

Result<QueueJob> from_row(const Row& row) {
  QueueJob j;
  GH_TRY(j.id, row.get_text("id"));
  GH_TRY(j.queue_name, row.get_text("queue_name"));
  GH_TRY(j.payload, row.get_text("payload"));
  GH_TRY(std::string status, row.get_text("status"));
  bool known = false;
  for (JobStatus s : kStatuses) {
    if (to_string(s) == status) {
      j.status = s;
      known = true;
    }
  }
  if (!known) return fail(ErrorCode::kDatabase, "queue_jobs.status holds unknown '" + status + "'");
  GH_TRY(std::int64_t attempts, row.get_int("attempts"));
  j.attempts = static_cast<int>(attempts);
  GH_TRY(j.scheduled_at, row.get_int("scheduled_at"));
  GH_TRY(j.last_error, row.get_optional_text("last_error"));
  GH_TRY(j.created_at, row.get_int("created_at"));
  GH_TRY(j.completed_at, row.get_optional_int("completed_at"));
  return j;
}

}  // namespace

std::string_view to_string(JobStatus status) {
  switch (status) {
    case JobStatus::kScheduled:
      return "scheduled";
    case JobStatus::kRunning:
      return "running";
    case JobStatus::kCompleted:
      return "completed";
    case JobStatus::kFailed:
      return "failed";
  }
  return "scheduled";
}

Status schedule(Transaction& tx, const QueueJob& j) {
  GH_TRY_STATUS(
      tx.execute("INSERT INTO queue_jobs (id, queue_name, payload, "
                 "status, attempts, scheduled_at, "
                 "last_error, created_at, completed_at) VALUES ($1, "
                 "$2, $3, $4, $5, $6, $7, $8, $9)",
                 {j.id, j.queue_name, j.payload, to_string(j.status), j.attempts, j.scheduled_at,
                  j.last_error, j.created_at, j.completed_at}));
  return ok();
}

Result<std::optional<QueueJob>> find(Transaction& tx, std::string_view id) {
  return query_optional(tx, std::string(kSelect) + "WHERE id = $1", {id}, from_row);
}

Result<std::vector<QueueJob>> list(Transaction& tx, std::string_view queue_name) {
  return query_all(tx, std::string(kSelect) + "WHERE queue_name = $1 ORDER BY id", {queue_name},
                   from_row);
}

}  // namespace gatehouse::storage::queue_jobs
