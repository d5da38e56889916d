// A background job (`queue_jobs`), e.g. `provision-user` {"user_id": …}
// recorded when a user is registered or changed; a worker runs them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::storage {

enum class JobStatus { kScheduled, kRunning, kCompleted, kFailed };

struct QueueJob {
  std::string id;  // ULID
  std::string queue_name;
  std::string payload = "{}";  // JSON text
  JobStatus status = JobStatus::kScheduled;
  int attempts = 0;
  std::int64_t scheduled_at = 0;
  std::optional<std::string> last_error;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> completed_at;

  bool operator==(const QueueJob&) const = default;
};

}  // namespace gatehouse::storage
