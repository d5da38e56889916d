// `gatehouse manage add-email USER EMAIL`: a confirmed address (an address
// the user already has is left as is, as in mas-cli).
#include <memory>

#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"

namespace gatehouse::cli::manage {

void register_add_email(CLI::App& manage, CliContext& ctx) {
  struct Options {
    std::string user, email;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = add_manage_command(
      manage, ctx, "add-email", "Add a confirmed email address to a user", [o]() -> ManageWork {
        return [o](ManageEnv& env) -> Result<std::string> {
          GH_TRY(auto user, accounts::require_user(env.tx, env.server_name(), o->user));
          GH_TRY_STATUS(accounts::add_email(env.tx, env.clock, user, o->email));
          GH_TRY_STATUS(accounts::schedule_provisioning(env.tx, env.clock, user.id));
          return "email " + o->email + " added to " + user.username;
        };
      });
  cmd->add_option("USER", o->user, "Username (localpart) or full Matrix user id")->required();
  cmd->add_option("EMAIL", o->email, "The address")->required();
}

}  // namespace gatehouse::cli::manage
