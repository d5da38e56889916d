// What Synapse's rows become here, worked out before anything is written
// (so `check` and `--dry-run` see exactly what `migrate` would do), and
// what stands in the way. MAS: crates/syn2mas/src/migration.rs; its
// differences from MAS are said where they are made.
// Pure function of its inputs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/syn2mas/synapse_config.h"
#include "auth/syn2mas/synapse_data.h"
#include "shared/config/config.h"
#include "shared/storage/model/compat_session.h"
#include "shared/storage/model/compat_token.h"
#include "shared/storage/model/upstream_oauth.h"
#include "shared/storage/model/user.h"
#include "shared/storage/model/user_email.h"
#include "shared/storage/model/user_password.h"

namespace gatehouse::auth::syn2mas {

struct Finding {
  enum class Severity { kError, kWarning };
  Severity severity;
  std::string message;  // what, and how to fix it
};

struct PlanOptions {
  std::string server_name;  // ours: matrix.homeserver
  // The passwords.schemes version that checks Synapse's hashes (bcrypt with
  // Synapse's pepper); nullopt when none does.
  std::optional<int> password_version;
  // synapse_idp_id → upstream_oauth2 provider id, from our config.
  std::map<std::string, std::string> provider_ids;
  bool ignore_missing_auth_providers = false;
  std::int64_t now_ms = 0;
};

struct MigrationPlan {
  std::vector<storage::User> users;
  std::vector<storage::UserPassword> passwords;
  std::vector<storage::UserEmail> emails;
  std::vector<storage::UpstreamOAuthLink> links;
  std::vector<storage::CompatSession> sessions;
  std::vector<storage::CompatAccessToken> access_tokens;
  std::vector<storage::CompatRefreshToken> refresh_tokens;
  // users.id → Synapse's display name, for the homeserver (provision-user).
  std::map<std::string, std::string> display_names;
  std::vector<Finding> findings;
  // Left behind, with the reason counted (and said once in findings).
  int guests = 0;
  int appservice_users = 0;
  int other_threepids = 0;
  int dropped_tokens = 0;  // puppet, dead refresh pair, device gone, owner not imported

  bool has_errors() const;
};

// The options from our config: the bcrypt scheme whose secret is Synapse's
// pepper (and that normalizes as Synapse does), the providers'
// synapse_idp_id.
PlanOptions plan_options(const config::Config& ours, const SynapseConfig& synapse,
                         bool ignore_missing_auth_providers, std::int64_t now_ms);

// Findings about the two configs alone (server names, passwords, guests,
// registration, login methods we do not have).
std::vector<Finding> check_configs(const config::Config& ours, const SynapseConfig& synapse,
                                   const PlanOptions& options);

MigrationPlan plan_migration(const SynapseData& data, const PlanOptions& options);

}  // namespace gatehouse::auth::syn2mas
