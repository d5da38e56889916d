#include "shared/storage/migrations.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "shared/storage/dialect.h"

namespace gatehouse::storage {

namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY NOT NULL,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

std::string format_id(std::int64_t version, const std::string& name) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld_", static_cast<long long>(version));
  return buf + name;
}

Status take_lock(Transaction& tx) {
  if (auto lock = dialect::migration_lock_statement(tx.dialect())) {
    GH_TRY_STATUS(tx.query(*lock));
  }
  return ok();
}

// The steps recorded in schema_migrations; empty when the table is missing.
Result<std::vector<MigrationInfo>> read_applied(Transaction& tx) {
  GH_TRY(auto table, tx.query_one(dialect::table_exists_query(tx.dialect()), {"schema_migrations"}));
  std::vector<MigrationInfo> applied;
  if (!table) return applied;
  GH_TRY(auto rows, tx.query("SELECT version, name FROM schema_migrations ORDER BY version"));
  for (const Row& row : rows) {
    GH_TRY(std::int64_t version, row.get_int("version"));
    GH_TRY(std::string name, row.get_text("name"));
    applied.push_back({version, std::move(name)});
  }
  return applied;
}

}  // namespace

std::string Migration::id() const { return format_id(version, name); }
std::string MigrationInfo::id() const { return format_id(version, name); }

Migrator::Migrator(std::vector<Migration> migrations) : migrations_(std::move(migrations)) {
  std::sort(migrations_.begin(), migrations_.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
}

Migrator Migrator::builtin(Dialect dialect) { return Migrator(builtin_migrations(dialect)); }

Result<std::vector<MigrationInfo>> Migrator::pending(Database& db) const {
  GH_TRY(auto tx, db.begin(TxMode::kRead));
  GH_TRY(auto applied, read_applied(*tx));
  GH_TRY_STATUS(tx->commit());
  std::set<std::int64_t> done;
  for (const MigrationInfo& step : applied) {
    auto known = std::find_if(migrations_.begin(), migrations_.end(),
                              [&](const Migration& m) { return m.version == step.version; });
    if (known == migrations_.end()) {
      return fail(ErrorCode::kConfig,
                  "the database has migration " + step.id() +
                      ", which this Gatehouse does not know: a newer version migrated it; "
                      "upgrade Gatehouse (downgrading the schema is not supported)");
    }
    done.insert(step.version);
  }
  std::vector<MigrationInfo> missing;
  for (const Migration& m : migrations_) {
    if (!done.contains(m.version)) missing.push_back({m.version, m.name});
  }
  return missing;
}

Result<std::vector<MigrationInfo>> Migrator::migrate(Database& db, const Clock& clock) const {
  {
    GH_TRY(auto tx, db.begin(TxMode::kWrite));
    GH_TRY_STATUS(take_lock(*tx));
    GH_TRY_STATUS(tx->execute(kCreateTable));
    GH_TRY_STATUS(tx->commit());
  }
  GH_TRY(auto todo, pending(db));  // also refuses unknown (newer) versions
  std::vector<MigrationInfo> applied;
  for (const MigrationInfo& step : todo) {
    const Migration& m = *std::find_if(migrations_.begin(), migrations_.end(),
                                       [&](const Migration& x) { return x.version == step.version; });
    GH_TRY(auto tx, db.begin(TxMode::kWrite));
    GH_TRY_STATUS(take_lock(*tx));
    // Another instance may have applied it while we waited for the lock.
    GH_TRY(auto already, tx->query_one("SELECT 1 FROM schema_migrations WHERE version = $1",
                                       {m.version}));
    if (already) continue;  // the destructor rolls back the empty transaction
    if (auto status = tx->execute_script(m.sql); !status) {
      Error error = status.error();
      error.message = "migration " + m.id() + " failed: " + error.message;
      return fail(std::move(error));
    }
    GH_TRY_STATUS(tx->execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        {m.version, m.name, clock.unix_millis()}));
    GH_TRY_STATUS(tx->commit());
    applied.push_back(step);
  }
  return applied;
}

}  // namespace gatehouse::storage
