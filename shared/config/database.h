// `database`: which database the auth service uses and its connection pool.
// MAS only speaks PostgreSQL; Gatehouse also accepts SQLite, its default, so
// that a generated config runs with nothing else installed.
// MAS: crates/config/src/sections/database.rs (mas.md §5).
#pragma once

#include <optional>
#include <string>

#include "shared/config/decode.h"

namespace gatehouse::config {

struct DatabaseConfig {
  // "sqlite:PATH", "sqlite://PATH", "postgresql://..." or "postgres://...".
  // Default "sqlite:gatehouse.db" (relative to the working directory). When
  // the file gives MAS's separate fields (host, port, socket, username,
  // password, database) instead, this is the postgresql URI built from them.
  std::string uri = "sqlite:gatehouse.db";

  // Pool bounds (PostgreSQL; SQLite uses one writer). Defaults as MAS.
  int min_connections = 0;    // kept open even when idle
  int max_connections = 10;   // more requests wait for a free connection
  int connect_timeout = 30;   // seconds to wait for a connection
  int idle_timeout = 600;     // seconds before an idle connection is closed
  int max_lifetime = 1800;    // seconds before any connection is recycled

  bool is_sqlite() const;
  // The URI to hand to the driver (secret: may hold the password).
  const std::string& connection_uri() const { return uri; }
  // For SQLite, the file path; empty otherwise.
  std::string sqlite_path() const;
};

// PostgreSQL settings given as separate fields (MAS's database section,
// Synapse's psycopg2 args). Empty/0 means not given.
struct PostgresFields {
  std::string host;
  std::string socket;  // a Unix socket directory, instead of host
  int port = 0;
  std::string username;
  std::optional<std::string> password;
  std::string database;
};

// "postgresql://user:password@host:port/database[?host=socket]" with the
// user, password, database and socket percent-encoded.
std::string postgres_uri(const PostgresFields& fields);

// The URI with its password (if any) replaced by "[REDACTED]", for display.
std::string redact_uri(std::string_view uri);

void decode(Section& section, DatabaseConfig& out);

}  // namespace gatehouse::config
