// The homeserver's schema: its own migration list (migrations/{sqlite,
// postgres}/NNNN_name.sql, embedded by embed_migrations.py), applied by
// shared/storage's Migrator to the homeserver's own database (never the
// auth service's).
//
// Thread safety: the list is immutable.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"
#include "shared/storage/migrations.h"

namespace gatehouse::homeserver::storage {

// The homeserver's steps for `dialect`, ordered by version.
const std::vector<gatehouse::storage::Migration>& migrations(gatehouse::storage::Dialect dialect);

// Opens `uri` (created when missing) and applies every pending step.
Result<std::shared_ptr<gatehouse::storage::Database>> open_and_migrate(const std::string& uri,
                                                                       const Clock& clock);

}  // namespace gatehouse::homeserver::storage
