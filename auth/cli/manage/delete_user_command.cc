// `gatehouse manage delete-user USER --yes`: removes the user and all their
// data for good (beyond MAS). The localpart stays reserved forever, because
// a Matrix user id must never be handed to someone else.
#include <memory>

#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "auth/jobs/schedule.h"

namespace gatehouse::cli::manage {

void register_delete_user(CLI::App& manage, CliContext& ctx) {
  struct Options {
    std::string user;
    bool yes = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = add_manage_command(
      manage, ctx, "delete-user", "Delete a user and all their data for good",
      [o]() -> ManageWork {
        return [o](ManageEnv& env) -> Result<std::string> {
          if (!o->yes) {
            return fail(ErrorCode::kInvalidInput,
                        "deleting a user cannot be undone: add --yes to confirm");
          }
          GH_TRY(auto user, accounts::require_user(env.tx, env.server_name(), o->user));
          // Noted while the user row still exists: the homeserver drops the
          // user's cached tokens after the commit, and erases the user.
          GH_TRY_STATUS(env.ended.note_user(env.tx, user.id));
          GH_TRY_STATUS(accounts::delete_user(env.tx, env.clock, user));
          GH_TRY_STATUS(
              auth::jobs::schedule_deactivation(env.tx, env.clock, user.id, /*erase=*/true, user.username));
          return "deleted " + user.username + "; the username stays reserved";
        };
      });
  cmd->add_option("USER", o->user, "Username (localpart) or full Matrix user id")->required();
  cmd->add_flag("-y,--yes", o->yes, "Confirm the deletion");
}

}  // namespace gatehouse::cli::manage
