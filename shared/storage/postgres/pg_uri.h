// Just enough of libpq's connection URI
// (postgresql://[user[:password]@][host][:port][/dbname][?param=value&...])
// to name, swap and redact its parts. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::storage::postgres {

struct PgUri {
  std::string scheme_and_authority;  // "postgresql://user:pw@host:5432"
  std::string database;              // percent-decoded; empty = libpq's default
  std::string query;                 // without '?'
  std::string user;                  // percent-decoded; empty = libpq's default

  std::string to_string() const;
  // The same server and credentials, another database.
  PgUri with_database(std::string_view name) const;
  // Adds param=value unless the URI already sets `param`.
  PgUri with_default_param(std::string_view param, std::string_view value) const;
};

// nullopt unless `uri` starts with postgresql:// or postgres://.
std::optional<PgUri> parse_pg_uri(std::string_view uri);

// The password (in the user info or a `password=` parameter) replaced by ***.
// Works on any scheme://user:password@host URI.
std::string redact_pg_uri(std::string_view uri);

}  // namespace gatehouse::storage::postgres
