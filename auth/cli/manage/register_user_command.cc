// `gatehouse manage register-user [USERNAME] [-p PASSWORD] [-e EMAIL]…
// [-m PROVIDER_ULID:SUBJECT]… [-a|-A] [-d NAME] [-y]
// [--ignore-password-complexity]`, as mas-cli: on a terminal without -y it
// asks for what is missing and for confirmation; otherwise a missing
// username is an error. The user is created locally, linked to each
// upstream account given with -m, and a `provision-user` job is recorded for
// the homeserver.
#include <memory>
#include <optional>
#include <vector>

#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "auth/cli/manage/terminal_prompt.h"
#include "shared/ids/ulid.h"
#include "shared/storage/upstream_oauth_repository.h"

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

struct Mapping {
  std::string provider_id;
  std::string subject;
};

// "PROVIDER_ULID:SUBJECT" naming an upstream_oauth2 provider of the config.
Result<Mapping> parse_mapping(const config::Config& config, const std::string& text) {
  const auto colon = text.find(':');
  Mapping m{text.substr(0, colon == std::string::npos ? text.size() : colon),
            colon == std::string::npos ? "" : text.substr(colon + 1)};
  if (m.subject.empty()) {
    return fail(ErrorCode::kInvalidInput, "-m " + text +
                                              ": expected PROVIDER_ULID:SUBJECT (the subject "
                                              "is the user's `sub` at that provider)");
  }
  for (const auto& p : config.upstream_oauth2.providers) {
    if (p.id == m.provider_id) return m;
  }
  return fail(ErrorCode::kInvalidInput, "-m " + text + ": no provider " + m.provider_id +
                                            " in upstream_oauth2.providers of the config");
}

// Links the new user to each provider account; kConflict when an account is
// already linked to someone.
Status add_links(ManageEnv& env, const storage::User& user, const std::vector<Mapping>& mappings) {
  for (const auto& m : mappings) {
    GH_TRY(auto existing, storage::upstream_oauth_links::find_by_subject(env.tx, m.provider_id, m.subject));
    if (existing) {
      return fail(ErrorCode::kConflict, "-m " + m.provider_id + ":" + m.subject +
                                            ": that upstream account is already linked");
    }
    storage::UpstreamOAuthLink link;
    link.id = ids::Ulid::generate(env.clock).to_string();
    link.provider_id = m.provider_id;
    link.subject = m.subject;
    link.user_id = user.id;
    link.created_at = env.clock.unix_millis();
    GH_TRY_STATUS(storage::upstream_oauth_links::add(env.tx, link));
  }
  return ok();
}

Result<std::string> register_user(ManageEnv& env, Options& o) {
  std::vector<Mapping> mappings;
  for (const auto& text : o.upstream_mappings) {
    GH_TRY(auto m, parse_mapping(env.config, text));
    mappings.push_back(std::move(m));
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
  GH_TRY_STATUS(add_links(env, created, mappings));
  return "registered @" + created.username + ":" + std::string(env.server_name()) +
         (user.can_request_admin ? " (admin)" : "") + " with id " + created.id +
         (mappings.empty() ? "" : ", linked to " + std::to_string(mappings.size()) + " upstream account(s)");
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
                  "PROVIDER_ULID:SUBJECT link to an upstream account (repeatable)");
  auto* admin = cmd->add_flag("-a,--admin", o->admin, "Let the user request admin access");
  auto* no_admin = cmd->add_flag("-A,--no-admin", o->no_admin, "Do not make the user an admin");
  admin->excludes(no_admin);
  cmd->add_option("-d,--display-name", o->display_name, "Display name, for the homeserver");
  cmd->add_flag("-y,--yes", o->yes, "Do not ask anything; fail on what is missing");
  cmd->add_flag("--ignore-password-complexity", o->ignore_complexity,
                "Accept a password below passwords.minimum_complexity");
}

}  // namespace gatehouse::cli::manage
