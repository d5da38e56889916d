// From the `database` config section to an open storage::Database: the one
// mapping of config fields to storage::Options, shared by `database migrate`,
// `config sync` and `server` (defined in database_command.cc).
#pragma once

#include <memory>

#include "shared/config/database.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::cli {

// Pool bounds and timeouts as configured. connect_timeout also bounds how
// long a request waits for a free pooled connection, as in MAS (sqlx's
// acquire_timeout). idle_timeout and max_lifetime are not used yet.
storage::Options database_options(const config::DatabaseConfig& database);

// open_database() with database_options(); creates the database if missing.
Result<std::shared_ptr<storage::Database>> open_configured_database(
    const config::DatabaseConfig& database);

}  // namespace gatehouse::cli
