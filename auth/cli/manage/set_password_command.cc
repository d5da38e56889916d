// `gatehouse manage set-password USER PASSWORD [--ignore-complexity]`:
// a new current password under the current scheme (old rows are kept).
#include <memory>

#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"

namespace gatehouse::cli::manage {

void register_set_password(CLI::App& manage, CliContext& ctx) {
  struct Options {
    std::string user, password;
    bool ignore_complexity = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = add_manage_command(
      manage, ctx, "set-password", "Set a user's password", [o]() -> ManageWork {
        return [o](ManageEnv& env) -> Result<std::string> {
          GH_TRY(auto user, accounts::require_user(env.tx, env.server_name(), o->user));
          GH_TRY(auto hashed, env.hash_new_password(o->password, {user.username},
                                                    o->ignore_complexity,
                                                    "--ignore-complexity"));
          GH_TRY_STATUS(accounts::set_password(env.tx, env.clock, user.id, hashed));
          return "password set for " + user.username;
        };
      });
  cmd->add_option("USER", o->user, "Username (localpart) or full Matrix user id")->required();
  cmd->add_option("PASSWORD", o->password, "The new password")->required();
  cmd->add_flag("--ignore-complexity", o->ignore_complexity,
                "Accept a password below passwords.minimum_complexity");
}

}  // namespace gatehouse::cli::manage
