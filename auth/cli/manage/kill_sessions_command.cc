// `gatehouse manage kill-sessions USER [--dry-run]`: finishes every session
// the user holds, now (every kind: auth/sessions/user_sessions.h).
#include <memory>

#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "auth/sessions/user_sessions.h"

namespace gatehouse::cli::manage {

void register_kill_sessions(CLI::App& manage, CliContext& ctx) {
  struct Options {
    std::string user;
    bool dry_run = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = add_manage_command(
      manage, ctx, "kill-sessions", "Finish all of a user's sessions", [o]() -> ManageWork {
        return [o](ManageEnv& env) -> Result<std::string> {
          GH_TRY(auto user, accounts::require_user(env.tx, env.server_name(), o->user));
          const auto counts =
              o->dry_run ? auth::sessions::count_live_sessions(env.tx, user.id)
                         : auth::sessions::finish_all_sessions(env.tx, user.id, env.clock.unix_millis());
          if (!counts) return tl::unexpected(counts.error());
          const std::string summary = auth::sessions::describe(*counts);
          // Every device of the user ended: the homeserver drops them all.
          if (!o->dry_run) GH_TRY_STATUS(env.ended.note_user(env.tx, user.id));
          return (o->dry_run ? "would finish " : "finished ") + summary + " session(s) of " +
                 user.username;
        };
      });
  cmd->add_option("USER", o->user, "Username (localpart) or full Matrix user id")->required();
  cmd->add_flag("--dry-run", o->dry_run, "Only count the sessions; change nothing");
}

}  // namespace gatehouse::cli::manage
