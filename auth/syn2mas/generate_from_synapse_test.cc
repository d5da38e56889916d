// `config generate --synapse-config`: the config made for a Synapse server
// loads without errors and carries its name, its password hashes' scheme
// and its OIDC providers (with synapse_idp_id, for syn2mas).
#include "auth/syn2mas/generate_from_synapse.h"

#include <algorithm>

#include <doctest/doctest.h>

#include "shared/config/config.h"
#include "shared/config/test_files.h"

namespace gatehouse::auth::syn2mas {

TEST_CASE("a config generated from Synapse's loads and fits that server") {
  config::testing::TempDir dir;
  const auto synapse_file = dir.write("homeserver.yaml", R"(server_name: chat.example.org
public_baseurl: https://matrix.chat.example.org
bcrypt_rounds: 10
enable_registration: true
password_config: {pepper: "p3pp3r"}
oidc_providers:
  - idp_id: keycloak
    idp_name: Company SSO
    issuer: https://sso.example.org/realms/chat
    client_id: synapse
    client_secret: s3cret
    client_auth_method: client_secret_post
    scopes: [openid, profile, email]
    user_mapping_provider:
      config:
        localpart_template: "{{ user.preferred_username | lower }}"
        display_name_template: "{{ user.name }}"
        email_template: "{{ user.email.split('@')[0] }}"
)");
  auto synapse = read_synapse_config({synapse_file});
  REQUIRE(synapse.has_value());
  config::GenerateOptions options;
  const auto warnings = adapt_generate_options(*synapse, options);
  // The email template uses a method call: said, kept for the operator to fix.
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("its email template") != std::string::npos);
  CHECK(warnings[0].find("claims_imports.email.template") != std::string::npos);

  // Fix what the warning names, as the operator would, then load it.
  auto generated = config::generate(options);
  REQUIRE(generated.has_value());
  std::string text = generated->config_yaml;
  const std::string bad = R"("{{ user.email.split('@')[0] }}")";
  text.replace(text.find(bad), bad.size(), R"("{{ user.email }}")");
  const auto path = dir.write("config.yaml", text);
  auto report = config::load_report({path});
  for (const auto& e : report.errors) FAIL_CHECK(e);
  const auto& c = report.config;
  CHECK(c.matrix.homeserver == "chat.example.org");
  CHECK(c.matrix.endpoint == "https://matrix.chat.example.org/");
  CHECK(c.account.password_registration_enabled);
  REQUIRE(c.passwords.schemes.size() == 2);
  CHECK(c.passwords.schemes[0].algorithm == "bcrypt");
  CHECK(c.passwords.schemes[0].cost == 10);
  CHECK(c.passwords.schemes[0].secret == "p3pp3r");
  CHECK(c.passwords.schemes[0].unicode_normalization);
  CHECK(c.passwords.schemes[1].algorithm == "argon2id");
  REQUIRE(c.upstream_oauth2.providers.size() == 1);
  const auto& p = c.upstream_oauth2.providers[0];
  CHECK(p.synapse_idp_id == "oidc-keycloak");
  CHECK(p.human_name == "Company SSO");
  CHECK(p.issuer == "https://sso.example.org/realms/chat");
  CHECK(p.token_endpoint_auth_method == "client_secret_post");
  CHECK(p.client_secret == "s3cret");
  CHECK(p.scope == "openid profile email");
  CHECK(p.claims_imports.localpart.action == config::ImportAction::kRequire);
  CHECK(p.claims_imports.localpart.template_text == "{{ user.preferred_username | lower }}");
  CHECK(p.claims_imports.displayname.action == config::ImportAction::kForce);
  CHECK(p.claims_imports.subject_template == "{{ user.sub }}");
}

}  // namespace gatehouse::auth::syn2mas
