// What a migration needs from Synapse's homeserver.yaml (several files
// merge as for our own config): the server name, where its database is
// (SQLite too, unlike MAS's syn2mas), the password pepper, and which login
// methods it had (its OIDC providers' ids, as user_external_ids names them).
#pragma once

#include <string>
#include <vector>

#include "shared/core/error.h"

namespace gatehouse::auth::syn2mas {

struct SynapseConfig {
  std::string server_name;
  // sqlite:PATH or postgresql://…, from `database`; empty when it names
  // neither (then --synapse-database-uri is required).
  std::string database_uri;
  bool password_enabled = true;  // password_config.enabled and localdb_enabled
  std::string pepper;            // password_config.pepper
  bool allow_guest_access = false;
  bool enable_registration = false;
  bool user_consent = false;
  // user_external_ids.auth_provider of each OIDC provider: "oidc-<idp_id>"
  // ("oidc" for the legacy oidc_config or an idp_id of "oidc").
  std::vector<std::string> oidc_provider_ids;
  // Other login methods users may depend on: "cas", "saml2", "jwt".
  std::vector<std::string> other_sso;
};

// kConfig naming the file and key when a file cannot be read or is wrong.
Result<SynapseConfig> read_synapse_config(const std::vector<std::string>& files);

}  // namespace gatehouse::auth::syn2mas
