// `gatehouse manage provision-all-users` (mas-cli's name): schedules a
// `provision-user` job for every user that is not deactivated, so the
// homeserver catches up after a restore or a change of homeserver. The
// worker (`gatehouse server` or `gatehouse worker`) runs them.
#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::cli::manage {
namespace {

Result<std::string> provision_all_users(ManageEnv& env) {
  GH_TRY(auto users, storage::users::list_active(env.tx));
  for (const auto& user : users) {
    GH_TRY_STATUS(accounts::schedule_provisioning(env.tx, env.clock, user.id, std::nullopt));
  }
  return "scheduled provisioning of " + std::to_string(users.size()) + " user(s)";
}

}  // namespace

void register_provision_all_users(CLI::App& manage, CliContext& ctx) {
  add_manage_command(manage, ctx, "provision-all-users",
                     "Schedule provisioning of every user on the homeserver", []() -> ManageWork {
                       return [](ManageEnv& env) { return provision_all_users(env); };
                     });
}

}  // namespace gatehouse::cli::manage
