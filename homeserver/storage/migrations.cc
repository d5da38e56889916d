#include "homeserver/storage/migrations.h"

#include "shared/core/log.h"

namespace gatehouse::homeserver::storage {

Result<std::shared_ptr<gatehouse::storage::Database>> open_and_migrate(const std::string& uri,
                                                                       const Clock& clock) {
  GH_TRY(auto db, gatehouse::storage::open_database(gatehouse::storage::Options{.uri = uri}));
  gatehouse::storage::Migrator migrator(migrations(db->dialect()));
  GH_TRY(auto applied, migrator.migrate(*db, clock));
  for (const auto& step : applied) spdlog::info("homeserver database: applied {}", step.id());
  return db;
}

}  // namespace gatehouse::homeserver::storage
