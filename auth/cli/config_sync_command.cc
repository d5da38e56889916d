// `gatehouse config sync [--prune] [--dry-run]`: migrates, then makes the
// static clients in the database match `clients:` in the config
// (auth/oauth2/client_sync.h, also run at server start). All changes commit
// in one transaction.
#include <iostream>

#include <CLI/CLI.hpp>

#include "auth/cli/cli_context.h"
#include "auth/cli/database_options.h"
#include "auth/oauth2/client_sync.h"
#include "shared/config/config.h"
#include "shared/core/clock.h"
#include "shared/crypto/encoding.h"
#include "shared/crypto/encryption.h"
#include "shared/storage/migrations.h"

namespace gatehouse::cli {

namespace {

struct SyncFlags {
  bool prune = false;
  bool dry_run = false;
};

Status sync(const config::Config& config, const SyncFlags& flags) {
  std::optional<crypto::Encrypter> encrypter;
  if (!config.secrets.encryption_key.empty()) {
    GH_TRY(auto e, crypto::Encrypter::from_hex(crypto::hex_encode(config.secrets.encryption_key)));
    encrypter.emplace(std::move(e));
  }
  GH_TRY(auto db, open_configured_database(config.database));
  SystemClock clock;
  const auto migrator = storage::Migrator::builtin(db->dialect());
  GH_TRY(auto pending, migrator.pending(*db));
  for (const auto& step : pending) {
    std::cout << (flags.dry_run ? "would apply " : "applying ") << step.id() << "\n";
  }
  if (!flags.dry_run) GH_TRY_STATUS(migrator.migrate(*db, clock));

  GH_TRY(auto tx, db->begin(storage::TxMode::kWrite));
  if (!pending.empty() && flags.dry_run) {  // the tables may not exist yet
    for (const auto& client : config.clients) std::cout << "would add client " << client.client_id << "\n";
    return ok();
  }
  GH_TRY(auto lines, auth::oauth2::sync_static_clients(*tx, config.clients,
                                                        encrypter ? &*encrypter : nullptr, clock,
                                                        {flags.prune, flags.dry_run}));
  for (const auto& line : lines) std::cout << line << "\n";
  if (flags.dry_run) return ok();  // the transaction rolls back
  return tx->commit();
}

}  // namespace

void register_config_sync_command(CLI::App& config_cmd, CliContext& ctx) {
  auto flags = std::make_shared<SyncFlags>();
  CLI::App* cmd = config_cmd.add_subcommand(
      "sync", "Apply migrations and sync the clients from the config into the database");
  cmd->add_flag("--prune", flags->prune,
                "Remove static clients that are no longer in the config");
  cmd->add_flag("--dry-run", flags->dry_run, "Print what would change; change nothing");
  cmd->callback([&ctx, flags] {
    auto loaded = config::load(ctx.config_files());
    if (!loaded) {
      std::cerr << "gatehouse: " << loaded.error().message << "\n";
      ctx.exit_code = 1;
      return;
    }
    for (const auto& warning : loaded->warnings) std::cerr << "warning: " << warning << "\n";
    if (auto status = sync(loaded->config, *flags); !status) {
      std::cerr << "gatehouse: " << status.error().describe() << "\n";
      ctx.exit_code = 1;
    }
  });
}

}  // namespace gatehouse::cli
