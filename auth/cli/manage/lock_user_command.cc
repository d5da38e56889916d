// `gatehouse manage lock-user USER [--deactivate]`: no more logins; with
// --deactivate the account is also closed (deactivated_at) and every session
// it holds is finished, as MAS's deactivation does, so reactivating it later
// does not bring old tokens back to life.
#include <memory>

#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "auth/sessions/account_status.h"

namespace gatehouse::cli::manage {

void register_lock_user(CLI::App& manage, CliContext& ctx) {
  struct Options {
    std::string user;
    bool deactivate = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = add_manage_command(
      manage, ctx, "lock-user", "Lock a user (and deactivate with --deactivate)",
      [o]() -> ManageWork {
        return [o](ManageEnv& env) -> Result<std::string> {
          GH_TRY(auto user, accounts::require_user(env.tx, env.server_name(), o->user));
          // Before the deactivation's job: the homeserver learns of the lock first.
          GH_TRY_STATUS(auth::sessions::lock_account(env.tx, env.clock, user, env.ended));
          std::string finished;
          if (o->deactivate && !user.deactivated_at) {
            GH_TRY(auto counts,
                   auth::sessions::deactivate_account(env.tx, env.clock, user, false, env.ended));
            finished = " (finished " + auth::sessions::describe(counts) + " session(s))";
          }
          return user.username + (o->deactivate ? " locked and deactivated" : " locked") + finished;
        };
      });
  cmd->add_option("USER", o->user, "Username (localpart) or full Matrix user id")->required();
  cmd->add_flag("--deactivate", o->deactivate, "Also deactivate the account");
}

}  // namespace gatehouse::cli::manage
