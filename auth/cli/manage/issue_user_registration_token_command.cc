// `gatehouse manage issue-user-registration-token [--token T]
// [--usage-limit N | --unlimited] [--expires-in SECONDS]`: prints the token.
// Defaults as mas-cli: a 12-character alphanumeric token, usable once.
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include "auth/cli/manage/manage_commands.h"
#include "auth/cli/manage/manage_support.h"
#include "shared/crypto/random.h"
#include "shared/ids/ulid.h"
#include "shared/storage/registration_token_repository.h"

namespace gatehouse::cli::manage {

void register_issue_registration_token(CLI::App& manage, CliContext& ctx) {
  struct Options {
    std::optional<std::string> token;
    std::optional<std::int64_t> usage_limit;
    bool unlimited = false;
    std::optional<std::int64_t> expires_in;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = add_manage_command(
      manage, ctx, "issue-user-registration-token", "Create a registration token and print it",
      [o]() -> ManageWork {
        return [o](ManageEnv& env) -> Result<std::string> {
          storage::RegistrationToken t;
          t.id = ids::Ulid::generate(env.clock).to_string();
          t.token = o->token.value_or(crypto::random_alnum(12));
          if (t.token.empty()) {
            return fail(ErrorCode::kInvalidInput,
                        "--token is empty: give a token or leave the flag out");
          }
          if (!o->unlimited) t.usage_limit = o->usage_limit.value_or(1);
          t.created_at = env.clock.unix_millis();
          if (o->expires_in) t.expires_at = t.created_at + *o->expires_in * 1000;
          auto added = storage::registration_tokens::add(env.tx, t);
          if (!added && added.error().code == ErrorCode::kConflict) {
            return fail(ErrorCode::kConflict,
                        "that token already exists: choose another --token or leave it out");
          }
          GH_TRY_STATUS(added);
          return t.token;
        };
      });
  cmd->add_option("--token", o->token, "The token text (default: 12 random letters and digits)");
  auto* limit = cmd->add_option("--usage-limit", o->usage_limit,
                                "How many registrations may use it (default 1)")
                    ->check(CLI::PositiveNumber);
  auto* unlimited = cmd->add_flag("--unlimited", o->unlimited, "No usage limit");
  limit->excludes(unlimited);
  cmd->add_option("--expires-in", o->expires_in, "Seconds until the token expires")
      ->check(CLI::PositiveNumber);
}

}  // namespace gatehouse::cli::manage
