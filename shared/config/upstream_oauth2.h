// `upstream_oauth2`: upstream OpenID Connect providers users sign in with
// (Keycloak, Authentik, Authelia, Google…). MAS:
// crates/config/src/sections/upstream_oauth2.rs and docs/setup/sso.md.
// Only the authorization code flow exists upstream, as in MAS.
//
// Templates (claims_imports.*.template, additional_authorization_parameters)
// are kept as text here; auth/upstream compiles them at start and refuses a
// template it cannot render, naming the key.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/config/decode.h"

namespace gatehouse::config {

// What to do with one imported attribute (MAS's ImportAction; its code
// default is `ignore` for every attribute).
enum class ImportAction { kIgnore, kSuggest, kForce, kRequire };

// When the imported localpart already names a local user (MAS's OnConflict).
enum class LocalpartConflict {
  kFail,     // refuse the login (default)
  kAdd,      // link to that user, whatever links it has
  kReplace,  // link to that user, replacing its link for this provider
  kSet,      // link to that user only if it has no link for this provider
};

struct ClaimImport {
  ImportAction action = ImportAction::kIgnore;
  std::string template_text;  // e.g. "{{ user.preferred_username }}"
};

struct ClaimsImports {
  std::string subject_template = "{{ user.sub }}";
  bool skip_confirmation = false;
  ClaimImport localpart{ImportAction::kIgnore, "{{ user.preferred_username }}"};
  LocalpartConflict on_conflict = LocalpartConflict::kFail;
  ClaimImport displayname{ImportAction::kIgnore, "{{ user.name }}"};
  ClaimImport email{ImportAction::kIgnore, "{{ user.email }}"};
  std::optional<std::string> account_name_template;  // shown to the user only
};

struct UpstreamProviderConfig {
  std::string id;  // a ULID; required
  bool enabled = true;
  std::optional<std::string> human_name;
  std::optional<std::string> brand_name;      // "google", "github", "apple", ...
  std::optional<std::string> synapse_idp_id;  // "oidc-<idp_id>": syn2mas's mapping

  // Required unless discovery_mode is "disabled"; then the endpoints below.
  std::string issuer;
  std::string discovery_mode = "oidc";  // oidc (strict) | insecure | disabled
  std::string pkce_method = "auto";     // auto | always | never
  bool fetch_userinfo = false;

  std::string client_id;  // required
  // none | client_secret_basic | client_secret_post | client_secret_jwt |
  // private_key_jwt (with our own signing keys). Required.
  std::string token_endpoint_auth_method;
  std::optional<std::string> client_secret;  // client_secret_* methods only
  std::optional<std::string> token_endpoint_auth_signing_alg;
  std::string id_token_signed_response_alg = "RS256";
  std::string scope;                  // required, e.g. "openid email profile"
  std::string response_mode = "query";  // query | form_post

  // Endpoint overrides; they take precedence over discovery.
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string userinfo_endpoint;
  std::string jwks_uri;

  // Name → template; a parameter rendering empty is left out.
  std::map<std::string, std::string> additional_authorization_parameters;

  ClaimsImports claims_imports;
};

struct UpstreamOAuth2Config {
  std::vector<UpstreamProviderConfig> providers;  // default none
};

void decode(Section& section, UpstreamOAuth2Config& out);

}  // namespace gatehouse::config
