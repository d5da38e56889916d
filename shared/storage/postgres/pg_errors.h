// libpqxx exceptions → Error, for the PostgreSQL adapter only (no libpqxx
// exception leaves shared/storage/postgres/). Messages never include the URI.
#pragma once

#include <exception>
#include <string>
#include <string_view>

#include "shared/core/error.h"

namespace gatehouse::storage::postgres {

// unique_violation → kConflict; serialization failure or deadlock → kConflict
// (retry the transaction); broken connection → kUnavailable; any other →
// kDatabase. The library message and SQLSTATE go into `detail`.
Error to_error(const std::exception& e, std::string_view what);

// libpq's message on one line (it ends lines with "\n\t" hints), for details.
std::string one_line(std::string_view message);

// Whether the exception means the connection is gone and must be dropped.
bool is_broken_connection(const std::exception& e);

}  // namespace gatehouse::storage::postgres
