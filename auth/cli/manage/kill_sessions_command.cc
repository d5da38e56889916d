// `gatehouse manage kill-sessions USER [--dry-run]`: finishes every session
// the user holds, now. Each kind of session is one entry of kSessionKinds:
// the OAuth 2.0 and compat issues add their line there.
#include <array>
#include <memory>

#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "shared/storage/browser_session_repository.h"
#include "shared/storage/compat_session_repository.h"
#include "shared/storage/oauth2_session_repository.h"

namespace gatehouse::cli::manage {

namespace {

struct SessionKind {
  const char* name;
  // How many are unfinished, and finishing them all at `at` (returns how many).
  Result<std::int64_t> (*count)(storage::Transaction&, std::string_view user_id);
  Result<std::int64_t> (*finish)(storage::Transaction&, std::string_view user_id,
                                 std::int64_t at);
};

Result<std::int64_t> count_browser(storage::Transaction& tx, std::string_view user_id) {
  GH_TRY(auto active, storage::browser_sessions::list_active(tx, user_id));
  return static_cast<std::int64_t>(active.size());
}

Result<std::int64_t> count_oauth2(storage::Transaction& tx, std::string_view user_id) {
  GH_TRY(auto active, storage::oauth2_sessions::list_active_for_user(tx, user_id));
  return static_cast<std::int64_t>(active.size());
}

Result<std::int64_t> count_compat(storage::Transaction& tx, std::string_view user_id) {
  GH_TRY(auto active, storage::compat_sessions::list_active_for_user(tx, user_id));
  return static_cast<std::int64_t>(active.size());
}

constexpr std::array kSessionKinds = {
    SessionKind{"browser", count_browser, storage::browser_sessions::finish_all_for_user},
    SessionKind{"compat", count_compat, storage::compat_sessions::finish_all_for_user},
    SessionKind{"oauth2", count_oauth2, storage::oauth2_sessions::finish_all_for_user},
};

}  // namespace

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
          std::string summary;
          for (const auto& kind : kSessionKinds) {
            std::int64_t n = 0;
            if (o->dry_run) {
              GH_TRY(n, kind.count(env.tx, user.id));
            } else {
              GH_TRY(n, kind.finish(env.tx, user.id, env.clock.unix_millis()));
            }
            if (!summary.empty()) summary += ", ";
            summary += std::to_string(n) + " " + kind.name;
          }
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
