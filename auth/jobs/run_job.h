// Runs one job against the homeserver: reads what it needs from the auth
// database in a short read transaction (none is held across the HTTP call),
// then calls the HomeserverClient. An error means "try again later"; an
// unknown kind or a malformed payload is an error too (it ends as failed).
#pragma once

#include <optional>
#include <string>

#include "auth/email/mailer.h"
#include "auth/homeserver_client/homeserver_client.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/model/queue_job.h"

namespace gatehouse::auth::jobs {

// `mailer` runs send-email jobs; null: such a job is an error.
Status run_job(const storage::QueueJob& job, storage::Database& db,
               homeserver_client::HomeserverClient& homeserver, email::Mailer* mailer = nullptr);

// What a provision-user job does, run at once (for a user just registered
// on a page, before the job's turn comes).
Status provision_user_now(storage::Database& db, homeserver_client::HomeserverClient& homeserver,
                          const std::string& user_id,
                          const std::optional<std::string>& display_name);

}  // namespace gatehouse::auth::jobs
