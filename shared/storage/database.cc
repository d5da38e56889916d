// open_database(): picks the adapter from the URI scheme.
#include "shared/storage/database.h"

#include "shared/storage/postgres/pg_database.h"
#include "shared/storage/postgres/pg_uri.h"
#include "shared/storage/sqlite/sqlite_database.h"

namespace gatehouse::storage {

namespace {

// sqlite:PATH, sqlite://PATH (so sqlite:///abs/file is /abs/file) → PATH.
std::optional<std::string> sqlite_path(std::string_view uri) {
  if (!uri.starts_with("sqlite:")) return std::nullopt;
  std::string_view path = uri.substr(7);
  if (path.starts_with("//")) path.remove_prefix(2);
  return std::string(path);
}

}  // namespace

Result<std::shared_ptr<Database>> open_database(const Options& options) {
  if (options.max_connections < 1) {
    return fail(ErrorCode::kConfig, "database max_connections must be at least 1");
  }
  if (auto path = sqlite_path(options.uri)) {
    if (path->empty()) return fail(ErrorCode::kConfig, "the sqlite: database URI names no file");
    return sqlite::open(options, *path);
  }
  if (auto pg = postgres::parse_pg_uri(options.uri)) return postgres::open(options, *pg);
  return fail(ErrorCode::kConfig,
              "unsupported database URI " + redact_uri(options.uri) +
                  "; use sqlite:PATH or postgresql://user:password@host/dbname");
}

std::string redact_uri(std::string_view uri) { return postgres::redact_pg_uri(uri); }

}  // namespace gatehouse::storage
