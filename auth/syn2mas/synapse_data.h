// The rows of Synapse's database a migration moves (fixtures/synapse/
// README.md, "Columns a migration reads"), read in one snapshot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/syn2mas/synapse_source.h"
#include "shared/core/error.h"

namespace gatehouse::auth::syn2mas {

struct SynapseUser {
  std::string name;  // "@alice:example.org"
  std::optional<std::string> password_hash;
  std::int64_t creation_ts = 0;  // seconds
  bool admin = false;
  bool deactivated = false;
  bool locked = false;
  bool is_guest = false;
  std::optional<std::string> appservice_id;
};

struct SynapseThreepid {
  std::string user_id;
  std::string medium;  // "email", "msisdn"
  std::string address;
  std::int64_t added_at = 0;  // ms
  std::optional<std::int64_t> validated_at;
};

struct SynapseExternalId {
  std::string user_id;
  std::string auth_provider;  // "oidc-<idp_id>", "oidc", "saml", "cas", "oauth-delegated"
  std::string external_id;
};

struct SynapseDevice {
  std::string user_id;
  std::string device_id;
  std::optional<std::string> display_name;
  std::optional<std::int64_t> last_seen;  // ms
  std::optional<std::string> ip;
  std::optional<std::string> user_agent;
};

struct SynapseAccessToken {
  std::int64_t id = 0;
  std::string user_id;
  std::optional<std::string> device_id;
  std::string token;  // plaintext syt_…
  std::optional<std::int64_t> valid_until_ms;
  std::optional<std::int64_t> last_validated;  // ms
  std::optional<std::int64_t> refresh_token_id;
  bool puppet = false;  // an admin's "login as user" token
};

struct SynapseRefreshToken {
  std::int64_t id = 0;
  std::string user_id;
  std::string device_id;
  std::string token;  // plaintext syr_…
  std::optional<std::int64_t> next_token_id;
};

struct SynapseProfile {
  std::string localpart;  // profiles.user_id
  std::optional<std::string> displayname;
};

struct SynapseData {
  std::vector<SynapseUser> users;
  std::vector<SynapseThreepid> threepids;
  std::vector<SynapseExternalId> external_ids;
  std::vector<SynapseDevice> devices;  // real devices: hidden rows (keys) left out
  std::vector<SynapseAccessToken> access_tokens;
  std::vector<SynapseRefreshToken> refresh_tokens;
  std::vector<SynapseProfile> profiles;
};

Result<SynapseData> read_synapse_data(SynapseSource& source);

}  // namespace gatehouse::auth::syn2mas
