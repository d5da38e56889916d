// `gatehouse manage register-user [USERNAME] [-p PASSWORD] [-e EMAIL]…
// [-m PROVIDER_ULID:SUBJECT]… [-a|-A] [-d NAME] [-y]
// [--ignore-password-complexity]`, as mas-cli: on a terminal without -y it
// asks for what is missing and for confirmation; otherwise a missing
// username is an error. The user is created locally and a `provision-user`
// job is recorded for the homeserver.
#include <memory>
#include <optional>
#include <vector>

#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "auth/cli/manage/terminal_prompt.h"

namespace gatehouse::cli::manage {

namespace {

struct Options {
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::vector<std::string> emails;
  std::vector<std::string> upstream_mappings;
  bool admin = false;
  bool no_admin = false;
  std::optional<std::string> display_name;
  bool yes = false;
  bool ignore_complexity = false;
};

// Fills what is missing from the terminal; false when the operator declined.
Result<bool> complete_interactively(Options& o) {
  if (!o.username) o.username = ask("Username: ");
  if (!o.password) {
    std::string answer = ask("Password (empty for none): ", /*hidden=*/true);
    if (!answer.empty()) o.password = std::move(answer);
  }
  return confirm("Create user '" + *o.username + "'" + (o.admin ? " as admin" : "") + "?");
}

Result<std::string> register_user(ManageEnv& env, Options& o) {
  if (!o.upstream_mappings.empty()) {
    return fail(ErrorCode::kInvalidInput,
                "upstream provider links (-m) are not supported yet: there are no upstream "
                "providers in this version; register the user without -m");
  }
  if (!o.yes && stdin_is_terminal()) {
    GH_TRY(bool go_ahead, complete_interactively(o));
    if (!go_ahead) return fail(ErrorCode::kInvalidInput, "cancelled: nothing was changed");
  }
  if (!o.username || o.username->empty()) {
    return fail(ErrorCode::kInvalidInput,
                "no username given: pass it as the first argument (e.g. register-user alice)");
  }
  accounts::NewUser user{.username = *o.username, .emails = o.emails,
                         .can_request_admin = o.admin && !o.no_admin,
                         .display_name = o.display_name};
  if (o.password) {
    std::vector<std::string> inputs = o.emails;
    inputs.push_back(*o.username);
    if (o.display_name) inputs.push_back(*o.display_name);
    GH_TRY(user.password, env.hash_new_password(*o.password, inputs, o.ignore_complexity,
                                                "--ignore-password-complexity"));
  }
  GH_TRY(auto created, accounts::register_user(env.tx, env.clock, env.server_name(), user));
  return "registered @" + created.username + ":" + std::string(env.server_name()) +
         (user.can_request_admin ? " (admin)" : "") + " with id " + created.id;
}

}  // namespace

void register_register_user(CLI::App& manage, CliContext& ctx) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = add_manage_command(manage, ctx, "register-user", "Register a user",
                                     [o]() -> ManageWork {
                                       return [o](ManageEnv& env) { return register_user(env, *o); };
                                     });
  cmd->add_option("USERNAME", o->username, "The username (Matrix localpart)");
  cmd->add_option("-p,--password", o->password, "The password");
  cmd->add_option("-e,--email", o->emails, "An email address (repeatable)");
  cmd->add_option("-m,--upstream-provider-mapping", o->upstream_mappings,
                  "PROVIDER_ULID:SUBJECT link to an upstream account (repeatable; not yet "
                  "supported)");
  auto* admin = cmd->add_flag("-a,--admin", o->admin, "Let the user request admin access");
  auto* no_admin = cmd->add_flag("-A,--no-admin", o->no_admin, "Do not make the user an admin");
  admin->excludes(no_admin);
  cmd->add_option("-d,--display-name", o->display_name, "Display name, for the homeserver");
  cmd->add_flag("-y,--yes", o->yes, "Do not ask anything; fail on what is missing");
  cmd->add_flag("--ignore-password-complexity", o->ignore_complexity,
                "Accept a password below passwords.minimum_complexity");
}

}  // namespace gatehouse::cli::manage
