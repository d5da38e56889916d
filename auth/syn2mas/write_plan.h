// Writing a MigrationPlan into our database in one transaction (the caller
// commits it, or rolls it back for --dry-run), and scheduling for each user
// the jobs that tell the homeserver: provision-user, and sync-devices for
// those with devices. With a real Synapse behind us these change nothing;
// our own homeserver learns its users and devices from them.
#pragma once

#include <cstdint>

#include "auth/syn2mas/migration_plan.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::auth::syn2mas {

// How many users the database has already: a migration needs an empty one.
Result<std::int64_t> existing_users(storage::Transaction& tx);

Status write_plan(storage::Transaction& tx, const Clock& clock, const MigrationPlan& plan);

}  // namespace gatehouse::auth::syn2mas
