// `gatehouse database migrate`: creates the database if needed and applies
// the migrations this binary carries (mas-cli's `database migrate`).
#include <iostream>

#include <CLI/CLI.hpp>

#include "auth/cli/cli_context.h"
#include "auth/cli/database_options.h"
#include "shared/config/config.h"
#include "shared/core/clock.h"
#include "shared/storage/migrations.h"

namespace gatehouse::cli {

storage::Options database_options(const config::DatabaseConfig& database) {
  storage::Options options;
  options.uri = database.connection_uri();
  options.max_connections = database.max_connections;
  options.min_connections = database.min_connections;
  options.connect_timeout = std::chrono::seconds(database.connect_timeout);
  options.acquire_timeout = std::chrono::seconds(database.connect_timeout);
  return options;
}

Result<std::shared_ptr<storage::Database>> open_configured_database(
    const config::DatabaseConfig& database) {
  return storage::open_database(database_options(database));
}

namespace {

int run_migrate(const CliContext& ctx) {
  auto loaded = config::load(ctx.config_files());
  if (!loaded) {
    std::cerr << "gatehouse: " << loaded.error().message << "\n";
    return 1;
  }
  for (const auto& warning : loaded->warnings) std::cerr << "warning: " << warning << "\n";
  const auto& database = loaded->config.database;
  auto db = open_configured_database(database);
  if (!db) {
    std::cerr << "gatehouse: " << db.error().describe() << "\n";
    return 1;
  }
  SystemClock clock;
  auto applied = storage::Migrator::builtin((*db)->dialect()).migrate(**db, clock);
  if (!applied) {
    std::cerr << "gatehouse: " << applied.error().describe() << "\n";
    return 1;
  }
  if (applied->empty()) std::cout << "database is up to date\n";
  for (const auto& step : *applied) std::cout << "applied " << step.id() << "\n";
  return 0;
}

}  // namespace

void register_database_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* database = app.add_subcommand("database", "Manage the database");
  database->require_subcommand(1);
  CLI::App* migrate = database->add_subcommand(
      "migrate", "Create the database if it is missing and apply pending migrations");
  migrate->callback([&ctx] { ctx.exit_code = run_migrate(ctx); });
}

}  // namespace gatehouse::cli
