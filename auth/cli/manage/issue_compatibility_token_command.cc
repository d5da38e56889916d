// `gatehouse manage issue-compatibility-token USERNAME [DEVICE_ID]
// [--yes-i-want-to-grant-synapse-admin-privileges]` (mas-cli's command): a
// compat session and its mct_ access token for a bot or a script, without a
// password. As MAS, the device is created on the homeserver FIRST; if that
// fails nothing is written and the command fails. The token is printed once
// (stdout) and never logged.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "auth/accounts/account_service.h"
#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "auth/compat/compat_login_session.h"
#include "auth/homeserver_client/synapse_client.h"
#include "shared/ids/device_id.h"

namespace gatehouse::cli::manage {

void register_issue_compatibility_token(CLI::App& manage, CliContext& ctx) {
  struct Options {
    std::string user;
    std::string device_id;
    bool admin = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = add_manage_command(
      manage, ctx, "issue-compatibility-token",
      "Issue a compatibility (legacy login) access token for a user", [o]() -> ManageWork {
        return [o](ManageEnv& env) -> Result<std::string> {
          GH_TRY(auto user, accounts::require_user(env.tx, env.server_name(), o->user));
          if (!user.active()) {
            return fail(ErrorCode::kForbidden, "user '" + user.username +
                                                   "' is locked or deactivated; unlock it first "
                                                   "(gatehouse manage unlock-user)");
          }
          auth::compat::CompatSessionRequest request;
          request.device_id = o->device_id.empty() ? ids::generate_device_id() : o->device_id;
          request.is_synapse_admin = o->admin;
          // The device first (MAS): a token whose device the homeserver
          // refused would not work.
          auth::homeserver_client::SynapseClient homeserver(env.config.matrix);
          if (auto device = homeserver.upsert_device({user.username, *request.device_id, std::nullopt});
              !device) {
            return fail(ErrorCode::kUnavailable,
                        "the homeserver did not create device " + *request.device_id + ": " +
                            device.error().message + " (is it running at matrix.endpoint?)");
          }
          GH_TRY(auto started, auth::compat::start_compat_session(
                                   env.tx, env.clock, env.config.experimental.compat_token_ttl,
                                   user, request));
          return "Compatibility token for " + user.username + " on device " +
                 *started.session.device_id + (o->admin ? " (Synapse admin)" : "") + ":\n" +
                 started.access_token;
        };
      });
  cmd->add_option("USERNAME", o->user, "Username (localpart) or full Matrix user id")->required();
  cmd->add_option("DEVICE_ID", o->device_id, "Device ID (default: a new random one)");
  cmd->add_flag("--yes-i-want-to-grant-synapse-admin-privileges", o->admin,
                "Let the token use the Synapse admin API (urn:synapse:admin:*)");
}

}  // namespace gatehouse::cli::manage
