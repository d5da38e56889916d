// What every `gatehouse manage` command shares: load the config, open the
// database (refusing an unmigrated one), run the command's work in ONE write
// transaction, and report. On any failure the transaction is rolled back
// (nothing changed), one line "gatehouse manage <cmd>: <what is wrong and
// how to fix it>" goes to stderr and the exit code is 1; on success the
// confirmation is printed only after the commit.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "auth/accounts/password_manager.h"
#include "auth/cli/cli_context.h"
#include "auth/sessions/ended_sessions.h"
#include "shared/config/config.h"
#include "shared/core/clock.h"
#include "shared/core/error.h"
#include "shared/storage/database.h"

namespace gatehouse::cli::manage {

struct ManageEnv {
  const config::Config& config;
  storage::Transaction& tx;
  const Clock& clock;
  // Sessions (or users) the work ended or locked: the homeserver is told
  // after the commit, so their cached tokens fail at once.
  auth::sessions::EndedSessions ended = {};

  std::string_view server_name() const { return config.matrix.homeserver; }
  // The configured PasswordManager. Errors: kForbidden with the fix when
  // passwords.enabled is false.
  Result<accounts::PasswordManager> passwords() const;
  // Refuses a password below passwords.minimum_complexity (the reason and
  // the override flag in the message) unless `ignore_complexity`, then hashes
  // it under the current scheme.
  Result<accounts::HashedPassword> hash_new_password(std::string_view password,
                                                     const std::vector<std::string>& user_inputs,
                                                     bool ignore_complexity,
                                                     std::string_view override_flag) const;
};

// The command's work; returns the confirmation to print (may be empty).
using ManageWork = std::function<Result<std::string>(ManageEnv&)>;

// Runs `work` as described above and sets ctx.exit_code.
void run_manage(CliContext& ctx, std::string_view command, const ManageWork& work);

// Registers `gatehouse manage <name>`; the callback runs `work`, built when
// the command runs (after CLI11 filled the options).
CLI::App* add_manage_command(CLI::App& manage, CliContext& ctx, const std::string& name,
                             const std::string& description,
                             std::function<ManageWork()> make_work);

}  // namespace gatehouse::cli::manage
