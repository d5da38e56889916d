// The `gatehouse manage` subcommands, one file each (mas-cli's names and
// flags; delete-user is ours). Each adds itself under `manage`.
#pragma once

#include "auth/cli/cli_context.h"

namespace gatehouse::cli::manage {

void register_register_user(CLI::App& manage, CliContext& ctx);        // register_user_command.cc
void register_set_password(CLI::App& manage, CliContext& ctx);         // set_password_command.cc
void register_add_email(CLI::App& manage, CliContext& ctx);            // add_email_command.cc
// promote-admin and demote-admin: one flag, set or cleared.
void register_admin_flag(CLI::App& manage, CliContext& ctx);           // admin_flag_command.cc
void register_list_admin_users(CLI::App& manage, CliContext& ctx);     // list_admin_users_command.cc
void register_lock_user(CLI::App& manage, CliContext& ctx);            // lock_user_command.cc
void register_unlock_user(CLI::App& manage, CliContext& ctx);          // unlock_user_command.cc
void register_kill_sessions(CLI::App& manage, CliContext& ctx);        // kill_sessions_command.cc
void register_issue_compatibility_token(CLI::App& manage, CliContext& ctx);  // issue_compatibility_token_command.cc
void register_issue_registration_token(CLI::App& manage, CliContext& ctx);
                                               // issue_user_registration_token_command.cc
void register_delete_user(CLI::App& manage, CliContext& ctx);          // delete_user_command.cc

}  // namespace gatehouse::cli::manage
