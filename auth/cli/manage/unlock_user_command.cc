// `gatehouse manage unlock-user USER [--reactivate]`: logins allowed again;
// a deactivated account stays deactivated unless --reactivate.
#include <memory>

#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "auth/jobs/schedule.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::cli::manage {

void register_unlock_user(CLI::App& manage, CliContext& ctx) {
  struct Options {
    std::string user;
    bool reactivate = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = add_manage_command(
      manage, ctx, "unlock-user", "Unlock a user (and reactivate with --reactivate)",
      [o]() -> ManageWork {
        return [o](ManageEnv& env) -> Result<std::string> {
          GH_TRY(auto user, accounts::require_user(env.tx, env.server_name(), o->user));
          GH_TRY_STATUS(storage::users::set_locked_at(env.tx, user.id, std::nullopt));
          if (o->reactivate) {
            GH_TRY_STATUS(storage::users::set_deactivated_at(env.tx, user.id, std::nullopt));
            if (user.deactivated_at) {
              GH_TRY_STATUS(auth::jobs::schedule_reactivation(env.tx, env.clock, user.id));
            }
          }
          GH_TRY_STATUS(accounts::schedule_provisioning(env.tx, env.clock, user.id));
          if (user.deactivated_at && !o->reactivate) {
            return user.username + " unlocked, but still deactivated: add --reactivate to "
                                   "reopen the account";
          }
          return user.username + (o->reactivate ? " unlocked and reactivated" : " unlocked");
        };
      });
  cmd->add_option("USER", o->user, "Username (localpart) or full Matrix user id")->required();
  cmd->add_flag("--reactivate", o->reactivate, "Also reactivate a deactivated account");
}

}  // namespace gatehouse::cli::manage
