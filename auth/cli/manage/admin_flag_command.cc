// `gatehouse manage promote-admin USER` and `demote-admin USER`: set or
// clear can_request_admin (MAS's admin flag). One file: one flag, two values.
#include <memory>

#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::cli::manage {

namespace {

void add_one(CLI::App& manage, CliContext& ctx, const std::string& name, bool admin) {
  auto user_arg = std::make_shared<std::string>();
  CLI::App* cmd = add_manage_command(
      manage, ctx, name,
      admin ? "Let a user request admin access" : "Stop a user from requesting admin access",
      [user_arg, admin]() -> ManageWork {
        return [user_arg, admin](ManageEnv& env) -> Result<std::string> {
          GH_TRY(auto user, accounts::require_user(env.tx, env.server_name(), *user_arg));
          GH_TRY_STATUS(storage::users::set_can_request_admin(env.tx, user.id, admin));
          GH_TRY_STATUS(accounts::schedule_provisioning(env.tx, env.clock, user.id));
          return user.username + (admin ? " can now request admin access"
                                        : " can no longer request admin access");
        };
      });
  cmd->add_option("USER", *user_arg, "Username (localpart) or full Matrix user id")->required();
}

}  // namespace

void register_admin_flag(CLI::App& manage, CliContext& ctx) {
  add_one(manage, ctx, "promote-admin", true);
  add_one(manage, ctx, "demote-admin", false);
}

}  // namespace gatehouse::cli::manage
