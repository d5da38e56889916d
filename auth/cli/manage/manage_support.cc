#include "auth/cli/manage/manage_support.h"

#include <iostream>

#include <CLI/CLI.hpp>

#include "auth/accounts/accounts_config.h"
#include "auth/accounts/password_strength.h"
#include "auth/cli/database_options.h"
#include "auth/cli/load_config.h"
#include "auth/homeserver_client/synapse_client.h"
#include "shared/storage/migrations.h"

namespace gatehouse::cli::manage {

namespace {

int report(std::string_view command, const Error& error) {
  std::cerr << "gatehouse manage " << command << ": " << error.describe() << "\n";
  return 1;
}

Result<std::shared_ptr<storage::Database>> open_migrated(const config::DatabaseConfig& database) {
  auto db = open_configured_database(database);
  if (!db) {
    Error e = db.error();
    e.message = "cannot open the database: " + e.message +
                "; check `database` in the config (gatehouse config check)";
    return fail(std::move(e));
  }
  GH_TRY(auto pending, storage::Migrator::builtin((*db)->dialect()).pending(**db));
  if (!pending.empty()) {
    return fail(ErrorCode::kConfig,
                "the database schema is not up to date: run `gatehouse database migrate` first");
  }
  return db;
}

}  // namespace

Result<accounts::PasswordManager> ManageEnv::passwords() const {
  if (!config.passwords.enabled) {
    return fail(ErrorCode::kForbidden,
                "passwords are disabled (passwords.enabled: false): enable them in the config "
                "or register the user without a password");
  }
  return accounts::password_manager_from_config(config.passwords);
}

Result<accounts::HashedPassword> ManageEnv::hash_new_password(
    std::string_view password, const std::vector<std::string>& user_inputs,
    bool ignore_complexity, std::string_view override_flag) const {
  GH_TRY(auto manager, passwords());
  if (!ignore_complexity) {
    auto strength = accounts::check_password_strength(
        password, config.passwords.minimum_complexity, user_inputs);
    if (!strength.acceptable) {
      return fail(ErrorCode::kInvalidInput,
                  "password refused, " + strength.reason +
                      ": choose a longer passphrase, or pass " + std::string(override_flag));
    }
  }
  return manager.hash(password);
}

void run_manage(CliContext& ctx, std::string_view command, const ManageWork& work) {
  auto loaded = load_config(ctx);
  if (!loaded) return;
  auto db = open_migrated(loaded->config.database);
  if (!db) {
    ctx.exit_code = report(command, db.error());
    return;
  }
  auto tx = (*db)->begin(storage::TxMode::kWrite);
  if (!tx) {
    ctx.exit_code = report(command, tx.error());
    return;
  }
  SystemClock clock;
  ManageEnv env{loaded->config, **tx, clock};
  auto confirmation = work(env);
  if (!confirmation) {
    (void)(*tx)->rollback();
    ctx.exit_code = report(command, confirmation.error());
    return;
  }
  if (auto committed = (*tx)->commit(); !committed) {
    ctx.exit_code = report(command, committed.error());
    return;
  }
  if (!env.ended.empty()) {
    auth::homeserver_client::SynapseClient homeserver(loaded->config.matrix);
    env.ended.announce(&homeserver, **db, clock);
  }
  if (!confirmation->empty()) std::cout << *confirmation << "\n";
  ctx.exit_code = 0;
}

CLI::App* add_manage_command(CLI::App& manage, CliContext& ctx, const std::string& name,
                             const std::string& description,
                             std::function<ManageWork()> make_work) {
  CLI::App* cmd = manage.add_subcommand(name, description);
  cmd->callback([&ctx, name, make_work] { run_manage(ctx, name, make_work()); });
  return cmd;
}

}  // namespace gatehouse::cli::manage
