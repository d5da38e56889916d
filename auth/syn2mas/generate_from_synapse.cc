#include "auth/syn2mas/generate_from_synapse.h"

#include <sstream>

#include <nlohmann/json.hpp>

#include "auth/upstream/claims_template.h"
#include "shared/core/clock.h"
#include "shared/ids/ulid.h"

namespace gatehouse::auth::syn2mas {
namespace {

// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
std::string quoted(const std::string& text) { return nlohmann::json(text).dump(); }

std::string passwords_yaml(const SynapseConfig& s) {
  std::ostringstream y;
  if (!s.password_enabled) {
    y << "passwords:\n  enabled: false\n  schemes:\n    - version: 1\n      algorithm: argon2id\n";
    return y.str();
  }
  y << "passwords:\n"
       "  enabled: true\n"
       "  schemes:\n"
       "    # Checks the hashes moved from Synapse (syn2mas); a password moves to\n"
       "    # the newest scheme at its next login.\n"
       "    - version: 1\n"
       "      algorithm: bcrypt\n"
       "      cost: " << s.bcrypt_rounds << "\n"
       "      unicode_normalization: true\n";
  if (!s.pepper.empty()) y << "      secret: " << quoted(s.pepper) << "\n";
  y << "    - version: 2\n"
       "      algorithm: argon2id\n";
  return y.str();
}

void claim_import(std::ostringstream& y, const char* key, const char* action,
                  const std::string& tmpl, const SynapseOidcProvider& p,
                  std::vector<std::string>& warnings) {
  if (tmpl.empty()) return;
  if (auto compiled = upstream::ClaimsTemplate::compile(tmpl); !compiled) {
    warnings.push_back("Synapse provider " + p.auth_provider + ": its " + key + " template " +
                       quoted(tmpl) + " cannot be used here (" + compiled.error().message +
                       "); rewrite claims_imports." + key + ".template");
  }
  y << "        " << key << ": {action: " << action << ", template: " << quoted(tmpl) << "}\n";
}

std::string provider_yaml(const SynapseOidcProvider& p, std::vector<std::string>& warnings) {
  SystemClock clock;
  std::ostringstream y;
  y << "    - id: " << ids::Ulid::generate(clock).to_string() << "\n"
    << "      synapse_idp_id: " << quoted(p.auth_provider) << "\n";
  if (!p.idp_name.empty()) y << "      human_name: " << quoted(p.idp_name) << "\n";
  if (!p.idp_brand.empty()) y << "      brand_name: " << quoted(p.idp_brand) << "\n";
  if (!p.issuer.empty()) y << "      issuer: " << quoted(p.issuer) << "\n";
  y << "      discovery_mode: "
    << (!p.discover ? "disabled" : p.skip_verification ? "insecure" : "oidc") << "\n";
  for (const auto& [key, value] :
       {std::pair{"authorization_endpoint", p.authorization_endpoint},
        std::pair{"token_endpoint", p.token_endpoint}, std::pair{"userinfo_endpoint", p.userinfo_endpoint},
        std::pair{"jwks_uri", p.jwks_uri}}) {
    if (!value.empty()) y << "      " << key << ": " << quoted(value) << "\n";
  }
  y << "      client_id: " << quoted(p.client_id) << "\n";
  std::string method = p.client_auth_method;
  if (method != "client_secret_basic" && method != "client_secret_post" && method != "none") {
    warnings.push_back("Synapse provider " + p.auth_provider + ": client_auth_method " + method +
                       " is not carried over; set token_endpoint_auth_method");
    method = "client_secret_basic";
  }
  y << "      token_endpoint_auth_method: " << method << "\n";
  if (!p.client_secret.empty()) {
    y << "      client_secret: " << quoted(p.client_secret) << "\n";
  } else if (!p.client_secret_path.empty()) {
    y << "      client_secret_file: " << quoted(p.client_secret_path) << "\n";
  } else if (method != "none") {
    warnings.push_back("Synapse provider " + p.auth_provider +
                       " has no client_secret: set client_secret (or client_secret_file)");
  }
  std::string scope;
  for (const auto& s : p.scopes) scope += (scope.empty() ? "" : " ") + s;
  y << "      scope: " << quoted(scope) << "\n";
  if (p.userinfo_profile) y << "      fetch_userinfo: true\n";
  if (p.pkce_method != "auto") y << "      pkce_method: " << p.pkce_method << "\n";
  y << "      claims_imports:\n"
    << "        subject: {template: " << quoted("{{ user." + p.subject_claim + " }}") << "}\n";
  claim_import(y, "localpart", "require", p.localpart_template, p, warnings);
  claim_import(y, "displayname", "force", p.display_name_template, p, warnings);
  claim_import(y, "email", "force", p.email_template, p, warnings);
  return y.str();
}

}  // namespace

std::vector<std::string> adapt_generate_options(const SynapseConfig& synapse,
                                                config::GenerateOptions& options) {
  std::vector<std::string> warnings;
  options.server_name = synapse.server_name;
  if (!synapse.public_baseurl.empty()) {
    options.homeserver_endpoint =
        synapse.public_baseurl.back() == '/' ? synapse.public_baseurl : synapse.public_baseurl + "/";
  }
  options.passwords_yaml = passwords_yaml(synapse);
  std::ostringstream extra;
  extra << "# From Synapse's config.\n"
           "account:\n"
           "  password_registration_enabled: "
        << (synapse.enable_registration && synapse.password_enabled ? "true" : "false") << "\n";
  if (!synapse.oidc_providers.empty()) {
    extra << "upstream_oauth2:\n  providers:\n";
    for (const auto& p : synapse.oidc_providers) extra << provider_yaml(p, warnings);
  }
  for (const auto& method : synapse.other_sso) {
    warnings.push_back("Synapse has " + method + " login, which Gatehouse does not");
  }
  options.extra_yaml = extra.str();
  return warnings;
}

}  // namespace gatehouse::auth::syn2mas
