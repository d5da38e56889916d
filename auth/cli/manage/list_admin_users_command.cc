// `gatehouse manage list-admin-users`: one username per line.
#include <CLI/CLI.hpp>

#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "shared/storage/user_repository.h"

namespace gatehouse::cli::manage {

void register_list_admin_users(CLI::App& manage, CliContext& ctx) {
  add_manage_command(manage, ctx, "list-admin-users",
                     "List the users who can request admin access", []() -> ManageWork {
                       return [](ManageEnv& env) -> Result<std::string> {
                         GH_TRY(auto admins, storage::users::list_admins(env.tx));
                         if (admins.empty()) return std::string("no admin users");
                         std::string out;
                         for (const auto& user : admins) {
                           if (!out.empty()) out += "\n";
                           out += user.username;
                         }
                         return out;
                       };
                     });
}

}  // namespace gatehouse::cli::manage
