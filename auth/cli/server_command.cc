// `gatehouse server [--no-migrate]`: migrate (or refuse while migrations are
// pending), then serve every configured listener until SIGTERM/SIGINT, which
// lets requests in flight finish and exits 0.
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "auth/cli/cli_context.h"
#include "auth/cli/database_options.h"
#include "auth/cli/load_config.h"
#include "auth/email/mailer.h"
#include "auth/homeserver_client/synapse_client.h"
#include "auth/jobs/worker.h"
#include "auth/server/app.h"
#include "auth/server/listeners.h"
#include "shared/core/log.h"
#include "shared/http/server.h"
#include "shared/http/shutdown_signals.h"
#include "shared/storage/migrations.h"

namespace gatehouse::cli {
namespace {

int fail_with(const std::string& what, const Error& error) {
  std::cerr << "gatehouse server: " << what << ": " << error.describe() << "\n";
  return 1;
}

// Applies pending migrations, or with `no_migrate` refuses to start while
// any are pending, naming them.
int prepare_schema(storage::Database& db, bool no_migrate, const Clock& clock) {
  auto migrator = storage::Migrator::builtin(db.dialect());
  if (no_migrate) {
    auto pending = migrator.pending(db);
    if (!pending) return fail_with("cannot read the schema version", pending.error());
    if (!pending->empty()) {
      std::string names;
      for (const auto& m : *pending) names += (names.empty() ? "" : ", ") + m.id();
      std::cerr << "gatehouse server: " << pending->size() << " migration(s) pending (" << names
                << ") and --no-migrate was given; run `gatehouse database migrate` first\n";
      return 1;
    }
    return 0;
  }
  auto applied = migrator.migrate(db, clock);
  if (!applied) return fail_with("migration failed", applied.error());
  for (const auto& m : *applied) spdlog::info("applied migration {}", m.id());
  return 0;
}

int run_server(CliContext& ctx, bool no_migrate) {
  // Before any thread starts, so that only the signal thread takes SIGTERM.
  http::block_shutdown_signals();
  auto loaded = load_config(ctx);
  if (!loaded) return ctx.exit_code;

  auto state = std::make_unique<auth::AppState>();
  state->config = std::move(loaded->config);
  state->clock = std::make_shared<SystemClock>();
  state->homeserver = std::make_shared<auth::homeserver_client::SynapseClient>(state->config.matrix);

  auto db = open_configured_database(state->config.database);
  if (!db) return fail_with("cannot open the database", db.error());
  state->db = *db;
  if (int rc = prepare_schema(*state->db, no_migrate, *state->clock); rc != 0) return rc;

  auto options = auth::server_options(state->config.http);
  if (!options) return fail_with("invalid http configuration", options.error());
  http::Routes routes;
  if (auto registered = auth::register_routes(routes, *state); !registered) {
    return fail_with("cannot start", registered.error());
  }
  http::Server server(std::move(*options), routes, &state->metrics);
  if (auto started = server.start(); !started) return fail_with("cannot listen", started.error());
  for (const auto& b : server.bound()) {
    if (b.host.starts_with("unix:")) {
      spdlog::info("listening on {} ({})", b.host, b.listener);
    } else {
      spdlog::info("listening on {}:{} ({})", b.host, b.port, b.listener);
    }
  }
  // The job queue worker (homeserver provisioning) runs beside the listeners.
  auth::jobs::Worker worker(state->db, state->homeserver, state->clock,
                            auth::jobs::worker_options_from_environment());
  worker.set_mailer(auth::email::make_mailer(state->config.email, state->clock));
  worker.start();
  http::ShutdownSignals on_signal([&server](int) {
    spdlog::info("shutting down: finishing requests in flight");
    server.stop();
  });
  server.wait();
  worker.stop();
  return 0;
}

}  // namespace

void register_server_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("server", "Run the auth service (migrates the database first)");
  auto no_migrate = std::make_shared<bool>(false);
  cmd->add_flag("--no-migrate", *no_migrate,
                "Do not apply migrations; refuse to start while any are pending");
  cmd->callback([&ctx, no_migrate] { ctx.exit_code = run_server(ctx, *no_migrate); });
}

}  // namespace gatehouse::cli
