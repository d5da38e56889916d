// Creating the database named in the URI when it does not exist, so that a
// fresh deployment needs no manual step (MAS requires one; users trip on it).
#pragma once

#include <chrono>
#include <string>

#include "shared/core/error.h"
#include "shared/storage/postgres/pg_uri.h"

namespace gatehouse::storage::postgres {

// Called after connecting to `uri` failed with `connect_error`. Connects to
// the `postgres` maintenance database with the same credentials: if the
// target database is missing and the role has CREATEDB (or is superuser) it
// is created (owned by that role) and ok() is returned, so the caller retries.
// If the role may not create it: kConfig whose message holds the exact SQL,
// e.g. CREATE DATABASE "gatehouse" OWNER "mas";. Otherwise (server down,
// wrong password, the database exists) `connect_error` is returned unchanged.
// Losing a creation race to another instance counts as success.
Status ensure_database_exists(const PgUri& uri, const Error& connect_error);

}  // namespace gatehouse::storage::postgres
