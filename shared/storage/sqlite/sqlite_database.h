// The SQLite adapter (SQLiteCpp). Reached through open_database() for
// `sqlite:` URIs; nothing else includes this header.
//
// Each connection runs in WAL mode with foreign_keys = ON and the configured
// busy timeout. Writers (kWrite, kSerializable) also queue on an in-process
// mutex before BEGIN IMMEDIATE, so threads of one process take turns instead
// of spinning in SQLite's busy handler; the busy timeout still covers other
// processes. `sqlite::memory:` is one private database per connection, so
// its pool has exactly one connection.
#pragma once

#include <memory>
#include <string>

#include "shared/storage/database.h"

namespace gatehouse::storage::sqlite {

// `path` is a file path or ":memory:". The file is created if missing; its
// directory must exist (kConfig otherwise).
Result<std::shared_ptr<Database>> open(const Options& options, const std::string& path);

}  // namespace gatehouse::storage::sqlite
