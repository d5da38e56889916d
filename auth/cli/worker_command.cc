// `gatehouse worker`: runs only the job queue worker (no HTTP listeners),
// as mas-cli's `worker`. Several workers, and the one inside each
// `gatehouse server`, may share one database. Stops on SIGTERM/SIGINT after
// the job in hand.
#include <condition_variable>
#include <iostream>
#include <memory>
#include <mutex>

#include <CLI/CLI.hpp>

#include "auth/cli/cli_context.h"
#include "auth/cli/database_options.h"
#include "auth/cli/load_config.h"
#include "auth/homeserver_client/synapse_client.h"
#include "auth/email/mailer.h"
#include "auth/jobs/worker.h"
#include "shared/core/log.h"
#include "shared/http/shutdown_signals.h"
#include "shared/storage/migrations.h"

namespace gatehouse::cli {
namespace {

int run_worker(CliContext& ctx) {
  // Before any thread starts, so that only the signal thread takes SIGTERM.
  http::block_shutdown_signals();
  auto loaded = load_config(ctx);
  if (!loaded) return ctx.exit_code;
  const config::Config& config = loaded->config;
  auto db = open_configured_database(config.database);
  if (!db) {
    std::cerr << "gatehouse worker: cannot open the database: " << db.error().describe() << "\n";
    return 1;
  }
  auto pending = storage::Migrator::builtin((*db)->dialect()).pending(**db);
  if (!pending || !pending->empty()) {
    std::cerr << "gatehouse worker: the database schema is not up to date; run "
                 "`gatehouse database migrate` first\n";
    return 1;
  }
  auto clock = std::make_shared<SystemClock>();
  auto homeserver = std::make_shared<auth::homeserver_client::SynapseClient>(config.matrix);
  auth::jobs::Worker worker(*db, homeserver, clock, auth::jobs::worker_options_from_environment());
  worker.set_mailer(auth::email::make_mailer(config.email, clock));

  std::mutex mutex;
  std::condition_variable stopped;
  bool stop = false;
  http::ShutdownSignals on_signal([&](int) {
    std::lock_guard lock(mutex);
    stop = true;
    stopped.notify_all();
  });
  worker.start();
  spdlog::info("job worker started (homeserver {})", config.matrix.endpoint);
  {
    std::unique_lock lock(mutex);
    stopped.wait(lock, [&] { return stop; });
  }
  spdlog::info("shutting down: finishing the job in hand");
  worker.stop();
  return 0;
}

}  // namespace

void register_worker_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("worker", "Run only the job queue worker (homeserver provisioning)");
  cmd->callback([&ctx] { ctx.exit_code = run_worker(ctx); });
}

}  // namespace gatehouse::cli
