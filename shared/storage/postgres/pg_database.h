// The PostgreSQL adapter (libpqxx 6). Reached through open_database() for
// postgresql:// and postgres:// URIs; nothing else includes this header.
//
// Connections are pooled (at most Options::max_connections); each has
// libpq's connect_timeout set from Options unless the URI sets one. A
// connection that breaks is dropped from the pool, not reused. Transactions
// are READ COMMITTED unless TxMode::kSerializable.
#pragma once

#include <memory>

#include "shared/storage/database.h"
#include "shared/storage/postgres/pg_uri.h"

namespace gatehouse::storage::postgres {

// Opens the pool, creating the database first when it is missing (see
// ensure_database_exists in pg_create_database.h).
Result<std::shared_ptr<Database>> open(const Options& options, const PgUri& uri);

}  // namespace gatehouse::storage::postgres
