// `gatehouse manage …`: administration from a shell, as mas-cli's `manage`.
#include <CLI/CLI.hpp>

#include "auth/cli/cli_context.h"
#include "auth/cli/manage/manage_commands.h"

namespace gatehouse::cli {
namespace manage { void register_provision_all_users(CLI::App& manage, CliContext& ctx); }  // provision_all_users.cc

void register_manage_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* manage = app.add_subcommand("manage", "Manage users and registration tokens");
  manage->require_subcommand(1);
  manage::register_register_user(*manage, ctx);
  manage::register_set_password(*manage, ctx);
  manage::register_add_email(*manage, ctx);
  manage::register_admin_flag(*manage, ctx);
  manage::register_list_admin_users(*manage, ctx);
  manage::register_lock_user(*manage, ctx);
  manage::register_unlock_user(*manage, ctx);
  manage::register_kill_sessions(*manage, ctx);
  manage::register_issue_compatibility_token(*manage, ctx);
  manage::register_issue_registration_token(*manage, ctx);
  manage::register_delete_user(*manage, ctx);
  manage::register_provision_all_users(*manage, ctx);
}

}  // namespace gatehouse::cli
