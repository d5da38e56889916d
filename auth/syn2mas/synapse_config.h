// What a migration needs from Synapse's homeserver.yaml (several files
// merge as for our own config): the server name, where its database is
// (SQLite too, unlike MAS's syn2mas), the password pepper, and which login
// methods it had (its OIDC providers' ids, as user_external_ids names them).
#pragma once

#include <string>
#include <vector>

#include "shared/core/error.h"

namespace gatehouse::auth::syn2mas {

// One of Synapse's `oidc_providers` (or the legacy `oidc_config`), as much
// as `config generate --synapse-config` turns into an upstream provider.
struct SynapseOidcProvider {
  std::string auth_provider;  // "oidc-<idp_id>" or "oidc": user_external_ids' name
  std::string idp_name;
  std::string idp_brand;
  std::string issuer;
  std::string client_id;
  std::string client_secret;
  std::string client_secret_path;
  std::string client_auth_method = "client_secret_basic";
  std::vector<std::string> scopes = {"openid"};
  bool discover = true;
  bool skip_verification = false;
  std::string authorization_endpoint, token_endpoint, userinfo_endpoint, jwks_uri;
  bool userinfo_profile = false;  // user_profile_method: userinfo_endpoint
  std::string pkce_method = "auto";
  // user_mapping_provider.config (Synapse's Jinja templates).
  std::string subject_claim = "sub";
  std::string localpart_template, display_name_template, email_template;
};

struct SynapseConfig {
  std::string server_name;
  std::string public_baseurl;  // where clients reach Synapse; may be empty
  int bcrypt_rounds = 12;
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
  std::vector<SynapseOidcProvider> oidc_providers;  // the same, in full
  // Other login methods users may depend on: "cas", "saml2", "jwt".
  std::vector<std::string> other_sso;
};

// kConfig naming the file and key when a file cannot be read or is wrong.
Result<SynapseConfig> read_synapse_config(const std::vector<std::string>& files);

}  // namespace gatehouse::auth::syn2mas
