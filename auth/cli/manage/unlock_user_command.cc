// `gatehouse manage unlock-user USER [--reactivate]`: logins allowed again;
// a deactivated account stays deactivated unless --reactivate.
#include <memory>

#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "auth/sessions/account_status.h"

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
          GH_TRY_STATUS(auth::sessions::unlock_account(env.tx, env.clock, user));
          if (o->reactivate) GH_TRY_STATUS(auth::sessions::reactivate_account(env.tx, env.clock, user));
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
