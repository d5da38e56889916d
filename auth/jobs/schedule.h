// Scheduling jobs (job_kinds.h) inside the caller's transaction, so a job
// exists exactly when the change that needs it commits. Header-only: the
// sessions and accounts code below auth/jobs in the build order use it too.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "auth/jobs/job_kinds.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/ids/ulid.h"
#include "shared/storage/database.h"
#include "shared/storage/queue_job_repository.h"

namespace gatehouse::auth::jobs {

// A job of `kind` with `payload` (a JSON object), due now. Does not commit.
inline Status schedule_job(storage::Transaction& tx, const Clock& clock, std::string_view kind,
                           const nlohmann::json& payload) {
  storage::QueueJob job;
  job.id = ids::Ulid::generate(clock).to_string();
  job.queue_name = std::string(kind);
  job.payload = payload.dump();
  job.scheduled_at = clock.unix_millis();
  job.created_at = job.scheduled_at;
  return storage::queue_jobs::schedule(tx, job);
}

// deactivate-user: the homeserver deactivates the user (`erase`: and
// removes their data). `deleted_localpart` when the user row is deleted in
// the same transaction (the job cannot look it up then).
inline Status schedule_deactivation(storage::Transaction& tx, const Clock& clock,
                                    std::string_view user_id, bool erase,
                                    std::optional<std::string_view> deleted_localpart = std::nullopt) {
  nlohmann::json payload = {{"user_id", user_id}, {"erase", erase}};
  if (deleted_localpart) payload["localpart"] = *deleted_localpart;
  return schedule_job(tx, clock, kDeactivateUser, payload);
}

// reactivate-user: the homeserver reactivates a deactivated user.
inline Status schedule_reactivation(storage::Transaction& tx, const Clock& clock,
                                    std::string_view user_id) {
  return schedule_job(tx, clock, kReactivateUser, {{"user_id", user_id}});
}

}  // namespace gatehouse::auth::jobs
