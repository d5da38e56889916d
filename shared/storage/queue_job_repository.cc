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

Result<std::optional<QueueJob>> claim_next(Transaction& tx, std::int64_t now_ms,
                                           std::int64_t lease_ms,
                                           const std::vector<std::string>& queue_names) {
  std::string where =
      "WHERE ((status = 'scheduled' AND scheduled_at <= $1) OR "
      "(status = 'running' AND scheduled_at <= $1)) ";
  Params params{now_ms};
  if (!queue_names.empty()) {
    where += "AND queue_name IN (";
    for (std::size_t i = 0; i < queue_names.size(); ++i) {
      where += (i ? ", $" : "$") + std::to_string(i + 2);
      params.push_back(queue_names[i]);
    }
    where += ") ";
  }
  const bool postgres = tx.dialect() == Dialect::kPostgres;
  // A few rounds: on SQLite another process may win the guarded UPDATE.
  for (int round = 0; round < 5; ++round) {
    GH_TRY(auto candidate,
           query_optional(tx,
                          std::string(kSelect) + where + "ORDER BY scheduled_at, id LIMIT 1" +
                              (postgres ? " FOR UPDATE SKIP LOCKED" : ""),
                          params, from_row));
    if (!candidate) return std::optional<QueueJob>();
    // Guarded: only if nobody changed the row since it was read.
    GH_TRY(std::int64_t changed,
           tx.execute("UPDATE queue_jobs SET status = 'running', scheduled_at = $1 "
                      "WHERE id = $2 AND status = $3 AND scheduled_at = $4",
                      {now_ms + lease_ms, candidate->id, to_string(candidate->status),
                       candidate->scheduled_at}));
    if (changed == 1) {
      candidate->status = JobStatus::kRunning;
      candidate->scheduled_at = now_ms + lease_ms;
      return std::optional<QueueJob>(std::move(*candidate));
    }
  }
  return std::optional<QueueJob>();
}

Result<bool> complete(Transaction& tx, std::string_view id, int attempts, std::int64_t now_ms) {
  GH_TRY(std::int64_t changed,
         tx.execute("UPDATE queue_jobs SET status = 'completed', attempts = $1, "
                    "completed_at = $2, last_error = NULL WHERE id = $3",
                    {attempts, now_ms, id}));
  return changed == 1;
}

Result<bool> retry_later(Transaction& tx, std::string_view id, int attempts,
                         std::int64_t retry_at_ms, std::string_view last_error) {
  GH_TRY(std::int64_t changed,
         tx.execute("UPDATE queue_jobs SET status = 'scheduled', attempts = $1, "
                    "scheduled_at = $2, last_error = $3 WHERE id = $4",
                    {attempts, retry_at_ms, last_error, id}));
  return changed == 1;
}

Result<bool> fail_permanently(Transaction& tx, std::string_view id, int attempts,
                              std::int64_t now_ms, std::string_view last_error) {
  GH_TRY(std::int64_t changed,
         tx.execute("UPDATE queue_jobs SET status = 'failed', attempts = $1, "
                    "completed_at = $2, last_error = $3 WHERE id = $4",
                    {attempts, now_ms, last_error, id}));
  return changed == 1;
}

}  // namespace gatehouse::storage::queue_jobs
