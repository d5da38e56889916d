#include "shared/config/config.h"

#include <doctest/doctest.h>

#include "shared/config/test_files.h"
#include "shared/crypto/key_generation.h"

namespace gatehouse::config {
namespace {

using testing::TempDir;
using testing::minimal_yaml;

// Loads the generated base config plus `extra` (YAML) and returns the report.
LoadReport load_with(const TempDir& dir, const std::string& extra) {
  return load_report({dir.write("config.yaml", minimal_yaml()), dir.write("extra.yaml", extra)});
}

bool contains(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& line : lines) {
    if (line == text) return true;
  }
  return false;
}

TEST_CASE("the same config in YAML and TOML decodes equally") {
  auto pem = crypto::generate_rsa_private_key_pem();
  REQUIRE(pem);
  std::string hex(64, 'a');
  std::string yaml =
      "http:\n  public_base: https://auth.example.com\n  worker_threads: 8\n"
      "  listeners:\n    - name: web\n      resources: [{name: oauth}, {name: health}]\n"
      "      binds: [{address: \"[::1]:9000\"}, {host: 0.0.0.0, port: 9001}]\n"
      "database:\n  uri: \"postgresql://u@db/gh\"\n  max_connections: 20\n"
      "matrix:\n  homeserver: example.com\n  secret: \"5\"\n"
      "secrets:\n  encryption: \"" + hex + "\"\n  keys:\n    - kid: rsa\n      key: |\n" +
      [&] {
        std::string out;
        for (std::size_t i = 0, j; i < pem->size(); i = j + 1) {
          j = pem->find('\n', i);
          out += "        " + pem->substr(i, j - i + 1);
        }
        return out;
      }() +
      "passwords:\n  minimum_complexity: 2\n  schemes:\n    - {version: 1, algorithm: bcrypt, cost: 10}\n"
      "rate_limiting:\n  login:\n    per_ip: {burst: 7, per_second: 0.5}\n"
      "account:\n  password_registration_enabled: true\n  password_registration_email_required: false\n";
  std::string toml =
      "[http]\npublic_base = \"https://auth.example.com\"\nworker_threads = 8\n"
      "[[http.listeners]]\nname = \"web\"\nresources = [{name = \"oauth\"}, {name = \"health\"}]\n"
      "binds = [{address = \"[::1]:9000\"}, {host = \"0.0.0.0\", port = 9001}]\n"
      "[database]\nuri = \"postgresql://u@db/gh\"\nmax_connections = 20\n"
      "[matrix]\nhomeserver = \"example.com\"\nsecret = \"5\"\n"
      "[secrets]\nencryption = \"" + hex + "\"\n[[secrets.keys]]\nkid = \"rsa\"\nkey = \"\"\"\n" +
      *pem + "\"\"\"\n"
      "[passwords]\nminimum_complexity = 2\nschemes = [{version = 1, algorithm = \"bcrypt\", cost = 10}]\n"
      "[rate_limiting.login.per_ip]\nburst = 7\nper_second = 0.5\n"
      "[account]\npassword_registration_enabled = true\npassword_registration_email_required = false\n";
  TempDir dir;
  auto y = load({dir.write("c.yaml", yaml)});
  auto t = load({dir.write("c.toml", toml)});
  REQUIRE_MESSAGE(y, y.error().message);
  REQUIRE_MESSAGE(t, t.error().message);
  CHECK(y->warnings.empty());
  CHECK(t->warnings.empty());
  for (const Config* c : {&y->config, &t->config}) {
    CHECK(c->http.public_base == "https://auth.example.com/");
    CHECK(c->http.issuer == "https://auth.example.com/");
    CHECK(c->http.worker_threads == 8);
    REQUIRE(c->http.listeners.size() == 1);
    CHECK(c->http.listeners[0].resources ==
          std::vector<Resource>{Resource::kOAuth, Resource::kHealth});
    REQUIRE(c->http.listeners[0].binds.size() == 2);
    CHECK(c->http.listeners[0].binds[0].host == "::1");
    CHECK(c->http.listeners[0].binds[0].port == 9000);
    CHECK(c->http.listeners[0].binds[1].host == "0.0.0.0");
    CHECK(c->http.listeners[0].binds[1].port == 9001);
    CHECK(c->database.connection_uri() == "postgresql://u@db/gh");
    CHECK(!c->database.is_sqlite());
    CHECK(c->database.max_connections == 20);
    CHECK(c->matrix.secret == "5");  // quoted: a string, not a number
    CHECK(c->secrets.encryption_key == std::string(32, '\xaa'));
    REQUIRE(c->secrets.keys.size() == 1);
    CHECK(c->secrets.keys[0].kid == "rsa");
    CHECK(c->secrets.keys[0].pem == *pem);
    CHECK(c->passwords.minimum_complexity == 2);
    CHECK(c->passwords.schemes[0].algorithm == "bcrypt");
    CHECK(c->passwords.schemes[0].cost == 10);
    CHECK(c->rate_limiting.login_per_ip.burst == 7);
    CHECK(c->rate_limiting.login_per_account.burst == 1800);
    CHECK(c->account.password_registration_enabled);
  }
}

TEST_CASE("defaults: listeners, database, passwords, experimental") {
  TempDir dir;
  auto loaded = load({dir.write("only.yaml", minimal_yaml())});
  REQUIRE(loaded);
  const Config& c = loaded->config;
  CHECK(c.http.trusted_proxies.size() == 6);
  CHECK(c.experimental.access_token_ttl == 300);
  CHECK(c.experimental.compat_token_ttl == 300);
  CHECK(c.passwords.enabled);
  CHECK(c.passwords.minimum_complexity == 3);
  CHECK(c.database.is_sqlite());
  CHECK(c.database.sqlite_path() == "gatehouse.db");
  CHECK(c.database.idle_timeout == 600);
  CHECK(c.matrix.kind == "synapse");
  CHECK(!c.account.password_registration_enabled);
  CHECK(c.account.email_change_allowed);
}

TEST_CASE("a second file merges maps, overrides scalars and appends lists") {
  TempDir dir;
  LoadReport r = load_with(dir,
                           "http:\n  public_base: https://id.example.org/\n"
                           "passwords:\n  schemes:\n    - {version: 2}\n");
  REQUIRE(r.errors.empty());
  CHECK(r.config.http.public_base == "https://id.example.org/");
  CHECK(r.config.http.listeners.size() == 2);          // kept from the first file
  CHECK(r.config.matrix.homeserver == "localhost");     // untouched map
  REQUIRE(r.config.passwords.schemes.size() == 2);      // appended
  CHECK(r.config.passwords.schemes[1].version == 2);
  CHECK(r.config.passwords.schemes[1].algorithm == "argon2id");
}

TEST_CASE("a wrong type in the second file names that file") {
  TempDir dir;
  LoadReport r = load_with(dir, "database: {uri: 5}\n");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0] == dir.path("extra.yaml") +
                           ": database.uri: expected a string, got a number (5)");
  auto failed = load({dir.path("config.yaml"), dir.path("extra.yaml")});
  REQUIRE(!failed);
  CHECK(failed.error().code == ErrorCode::kConfig);
  CHECK(failed.error().message == r.errors[0]);
}

TEST_CASE("registration's email step (MAS's default) without smtp is a warning; with smtp it is not") {
  TempDir dir;
  const std::string base = dir.write("base.yaml", minimal_yaml());
  auto warned = load({base, dir.write("reg.yaml", "account:\n  password_registration_enabled: true\n")});
  REQUIRE(warned);
  REQUIRE(warned->warnings.size() == 1);
  CHECK(warned->warnings[0].find("account.password_registration_email_required") != std::string::npos);
  CHECK(warned->warnings[0].find("set this to false") != std::string::npos);
  auto mailed = load({base, dir.write("reg3.yaml", "account:\n  password_registration_enabled: true\n"
                                                   "email: {transport: smtp, mode: plain, hostname: mx}\n")});
  REQUIRE(mailed);
  CHECK(mailed->warnings.empty());
  auto quiet = load({base, dir.write("reg2.yaml", "account:\n  password_registration_enabled: true\n"
                                                  "  password_registration_email_required: false\n")});
  REQUIRE(quiet);
  CHECK(quiet->warnings.empty());
}

TEST_CASE("MAS listener resources with nothing behind them here are warnings") {
  TempDir dir;
  LoadReport r = load_with(dir, "http:\n  listeners:\n    - name: web\n      resources:\n"
                                "        - name: human\n        - name: graphql\n        - name: assets\n"
                                "        - name: adminapi\n"
                                "      binds: [{address: \"127.0.0.1:9999\"}]\n");
  CHECK(r.errors.empty());
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].find("`graphql` is a MAS resource Gatehouse does not serve yet") != std::string::npos);
  CHECK(r.warnings[1].find("`assets`") != std::string::npos);
}

TEST_CASE("unknown keys and unsupported MAS sections are distinct warnings") {
  TempDir dir;
  LoadReport r = load_with(dir,
                           "captcha: {service: hcaptcha}\nbranding: {service_name: Example}\n"
                           "frobnicate: 1\nexperimental: {session_limit: {soft_limit: 3}}\n"
                           "database: {ssl_mode: require}\n");
  CHECK(r.errors.empty());
  std::string extra = dir.path("extra.yaml");
  CHECK(contains(r.warnings, extra + ": `captcha` is a MAS setting Gatehouse does not support yet; ignored"));
  CHECK(contains(r.warnings, extra + ": `branding` is a MAS setting Gatehouse does not support yet; ignored"));
  CHECK(contains(r.warnings, extra + ": frobnicate: unknown key `frobnicate` ignored"));
  CHECK(contains(r.warnings, extra + ": `experimental.session_limit` is a MAS setting Gatehouse does not support yet; ignored"));
  CHECK(contains(r.warnings, extra + ": `database.ssl_mode` is a MAS setting Gatehouse does not support yet; ignored"));
  CHECK(r.warnings.size() == 5);
}

TEST_CASE("upstream providers are read with MAS's keys and defaults; appservice files too") {
  TempDir dir;
  LoadReport r = load_with(
      dir,
      "upstream_oauth2:\n  providers:\n"
      "    - {id: 01H8PKNWKKRPCBW4YGH1RWV279, human_name: Google, brand_name: google,\n"
      "       issuer: 'https://accounts.google.com', client_id: abc, client_secret: xyz,\n"
      "       token_endpoint_auth_method: client_secret_post, scope: openid email,\n"
      "       fetch_userinfo: true, forward_login_hint: true,\n"
      "       claims_imports: {localpart: {action: require, on_conflict: add},\n"
      "                        email: {action: force, template: '{{ user.mail }}'}},\n"
      "       on_backchannel_logout: logout_all}\n"
      "    - {id: 01JQK7DK6VFH62NMW4HS9RKD3R, discovery_mode: disabled, client_id: c,\n"
      "       token_endpoint_auth_method: none, scope: profile,\n"
      "       authorization_endpoint: 'https://idp.example/auth', token_endpoint: "
      "'https://idp.example/token'}\n"
      "matrix: {homeserver: example.org, secret: s3cret-s3cret,\n"
      "         app_service_config_files: [/etc/bridge.yaml, /etc/other.yaml]}\n");
  CHECK(r.errors.empty());
  const auto& providers = r.config.upstream_oauth2.providers;
  REQUIRE(providers.size() == 2);
  const auto& google = providers[0];
  CHECK(google.id == "01H8PKNWKKRPCBW4YGH1RWV279");
  CHECK(google.human_name == "Google");
  CHECK(google.brand_name == "google");
  CHECK(google.issuer == "https://accounts.google.com");
  CHECK(google.client_secret == "xyz");
  CHECK(google.fetch_userinfo);
  CHECK(google.discovery_mode == "oidc");
  CHECK(google.pkce_method == "auto");
  CHECK(google.additional_authorization_parameters.at("login_hint") == "{{ params.login_hint }}");
  CHECK(google.claims_imports.localpart.action == config::ImportAction::kRequire);
  CHECK(google.claims_imports.on_conflict == config::LocalpartConflict::kAdd);
  CHECK(google.claims_imports.email.template_text == "{{ user.mail }}");
  CHECK(google.claims_imports.displayname.action == config::ImportAction::kIgnore);
  CHECK(google.claims_imports.subject_template == "{{ user.sub }}");
  CHECK(!providers[1].human_name);
  CHECK(providers[1].token_endpoint == "https://idp.example/token");
  CHECK(r.config.matrix.app_service_config_files ==
        std::vector<std::string>{"/etc/bridge.yaml", "/etc/other.yaml"});
  CHECK(contains(r.warnings, dir.path("extra.yaml") +
                                 ": `upstream_oauth2.providers[0].on_backchannel_logout` is a MAS "
                                 "setting Gatehouse does not support yet; ignored"));
}

TEST_CASE("an upstream provider's missing or contradicting keys are errors naming them") {
  TempDir dir;
  LoadReport r = load_with(
      dir,
      "upstream_oauth2:\n  providers:\n"
      "    - {id: not-a-ulid, client_id: c, token_endpoint_auth_method: client_secret_basic,\n"
      "       scope: openid, claims_imports: {localpart: {on_conflict: set},\n"
      "       skip_confirmation: true}}\n"
      "    - {id: 01JQK7DK6VFH62NMW4HS9RKD3R, discovery_mode: disabled, client_id: c,\n"
      "       client_secret: s, token_endpoint_auth_method: none, scope: openid}\n"
      "matrix: {homeserver: example.org, secret: s3cret-s3cret}\n");
  const std::string file = dir.path("extra.yaml") + ": upstream_oauth2.providers[";
  CHECK(contains(r.errors, file + "0].id: expected a ULID (26 characters of Crockford base32), "
                                  "got \"not-a-ulid\""));
  CHECK(contains(r.errors, file + "0].issuer: required unless discovery_mode is disabled (the "
                                  "provider's issuer URL)"));
  CHECK(contains(r.errors, file + "0].client_secret: required when token_endpoint_auth_method is "
                                  "client_secret_basic (or client_secret_file)"));
  CHECK(contains(r.errors, file + "0].claims_imports.localpart.on_conflict: add, replace and set "
                                  "need localpart.action force or require"));
  CHECK(contains(r.errors, file + "0].claims_imports.skip_confirmation: needs localpart.action: "
                                  "require"));
  CHECK(contains(r.errors, file + "1].authorization_endpoint: required when discovery_mode is "
                                  "disabled"));
  CHECK(contains(r.errors, file + "1].jwks_uri: required when discovery_mode is disabled (to "
                                  "check ID tokens)"));
  CHECK(contains(r.errors, file + "1].client_secret: not allowed when token_endpoint_auth_method "
                                  "is none"));
}

TEST_CASE("email: smtp needs mode and hostname; recovery without smtp is a warning") {
  TempDir dir;
  LoadReport bad = load_with(dir, "email: {transport: smtp, password: x}\n");
  const std::string file = dir.path("extra.yaml") + ": email.";
  CHECK(contains(bad.errors, file + "mode: required (plain, starttls or tls)"));
  CHECK(contains(bad.errors, file + "hostname: required (the SMTP server's host name)"));
  CHECK(contains(bad.errors, file + "username: required when a password is set"));
  LoadReport good = load_with(dir, "email: {transport: smtp, mode: starttls, hostname: mail.example,\n"
                                   "        from: 'Chat <noreply@chat.example>'}\n"
                                   "account: {password_recovery_enabled: true}\n");
  CHECK(good.errors.empty());
  CHECK(good.config.email.effective_port() == 587);
  CHECK(good.config.email.from == "Chat <noreply@chat.example>");
  LoadReport silent = load_with(dir, "account: {password_recovery_enabled: true}\n");
  CHECK(contains(silent.warnings, dir.path("extra.yaml") +
                                      ": account.password_recovery_enabled: recovery links are only "
                                      "sent with email.transport: smtp; with blackhole nobody "
                                      "receives them"));
}

TEST_CASE("database fields build a percent-encoded postgresql URI; uri and fields conflict") {
  TempDir dir;
  std::string base = dir.write("config.yaml", minimal_yaml());
  std::string fields = dir.write(
      "db.yaml", "database:\n  uri: ~\n  host: db.internal\n  port: 5433\n  username: \"gate house\"\n"
                 "  password: \"p@ss:w/rd\"\n  database: gh\n");
  // `uri: ~` (null) in the override counts as unset, so only the fields remain.
  LoadReport r = load_report({base, fields});
  REQUIRE(r.errors.empty());
  CHECK(r.config.database.connection_uri() ==
        "postgresql://gate%20house:p%40ss%3Aw%2Frd@db.internal:5433/gh");
  LoadReport both = load_with(dir, "database: {host: db.internal}\n");
  REQUIRE(both.errors.size() == 1);
  CHECK(both.errors[0].find("database.uri: set either `uri` or the separate fields") !=
        std::string::npos);
  LoadReport bad = load_with(dir, "database: {uri: \"mysql://x\"}\n");
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0].find("expected sqlite:PATH or a postgresql:// URI") != std::string::npos);
}

TEST_CASE("section validation: encryption length, binds, ranges, kinds, aliases") {
  TempDir dir;
  LoadReport enc = load_report({dir.write("e.yaml", [] {
    std::string text = minimal_yaml();
    auto at = text.find("encryption: \"") + 13;
    return text.replace(at, 64, "abcd");
  }())});
  REQUIRE(enc.errors.size() == 1);
  CHECK(enc.errors[0].find("secrets.encryption: expected 64 hex characters (32 bytes), got 4") !=
        std::string::npos);

  LoadReport binds = load_with(dir, "http:\n  listeners:\n    - binds: [{address: nope}]\n"
                                    "  worker_threads: 0\n  trusted_proxies: [10.0.0.0/33]\n");
  CHECK(binds.errors.size() == 4);  // bad address, then no binds left, threads, CIDR
  CHECK(contains(binds.errors, dir.path("extra.yaml") +
                                   ": http.worker_threads: expected an integer from 1 to 4096, got 0"));

  LoadReport legacy = load_with(dir, "matrix: {kind: synapse_legacy}\n"
                                     "account: {registration_token_required: true}\n");
  CHECK(legacy.errors.empty());
  CHECK(legacy.warnings.size() == 2);
  CHECK(legacy.config.account.password_registration_token_required);

  LoadReport socket = load_with(dir, "http:\n  listeners:\n    - binds: [{socket: /run/gh.sock}, "
                                     "{address: \"127.0.0.1:1\"}]\n      proxy_protocol: true\n");
  CHECK(socket.errors.empty());
  CHECK(socket.warnings.size() == 1);  // proxy_protocol
}

TEST_CASE("UNIX socket binds: a path and permission bits as MAS writes them") {
  TempDir dir;
  LoadReport r = load_with(dir, "http:\n  listeners:\n    - resources: [{name: oauth}]\n"
                                "      binds: [{socket: /run/gh/a.sock, mode: 0o660}, {socket: /run/gh/b.sock, "
                                "mode: \"0600\"}, {socket: /run/gh/c.sock}]\n");
  REQUIRE(r.errors.empty());
  CHECK(r.warnings.empty());
  const auto& binds = r.config.http.listeners.back().binds;  // appended to the defaults
  REQUIRE(binds.size() == 3);
  CHECK(binds[0].socket == "/run/gh/a.sock");
  CHECK(binds[0].mode == 0660u);
  CHECK(binds[1].mode == 0600u);
  CHECK(binds[2].socket == "/run/gh/c.sock");
  CHECK(!binds[2].mode);

  // YAML 1.2 reads 0660 as the decimal 660: not a mode, and the error says how to write one.
  LoadReport decimal = load_with(dir, "http:\n  listeners:\n    - binds: [{socket: /run/a.sock, mode: 0660}]\n");
  REQUIRE(!decimal.errors.empty());
  CHECK(decimal.errors[0].find("binds[0].mode: must be permission bits: 0o660") !=
        std::string::npos);
  LoadReport fd = load_with(dir, "http:\n  listeners:\n    - binds: [{fd: 3, kind: tcp}, {address: \"127.0.0.1:1\"}]\n");
  CHECK(fd.warnings.size() == 2);  // fd and kind are not supported
}

TEST_CASE("signing keys must load and include an RSA key") {
  auto ec = crypto::generate_ec_p256_private_key_pem();
  REQUIRE(ec);
  std::string text = minimal_yaml();
  std::string keys = "  keys:\n";
  std::string ec_only = text.substr(0, text.find(keys)) + keys + "    - key: |\n";
  for (std::size_t i = 0, j; i < ec->size(); i = j + 1) {
    j = ec->find('\n', i);
    ec_only += "        " + ec->substr(i, j - i + 1);
  }
  ec_only += "passwords:\n  enabled: true\n";
  TempDir dir;
  LoadReport r = load_report({dir.write("ec.yaml", ec_only)});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].find("secrets.keys: at least one RSA key is needed") != std::string::npos);

  LoadReport junk = load_with(dir, "secrets:\n  keys:\n    - key: not a pem\n");
  REQUIRE(junk.errors.size() == 1);
  CHECK(junk.errors[0].find(dir.path("extra.yaml") + ": secrets.keys[2]: unusable key: ") == 0);
  CHECK(junk.errors[0].find("not a pem") == std::string::npos);

  LoadReport second = load_with(dir, "secrets:\n  keys:\n    - kid: nokey\n    - key: junk\n");
  REQUIRE(second.errors.size() == 2);
  CHECK(second.errors[0].find("secrets.keys[2].key: required") != std::string::npos);
  CHECK(second.errors[1].find("secrets.keys[3]: unusable key") != std::string::npos);
}

TEST_CASE("missing required sections are errors") {
  TempDir dir;
  LoadReport r = load_report({dir.write("empty.yaml", "http: {}\n")});
  CHECK(contains(r.errors, dir.path("empty.yaml") +
                               ": matrix: required (homeserver and secret)"));
  CHECK(r.errors.size() == 3);  // matrix, secrets.encryption, secrets.keys
}

}  // namespace
}  // namespace gatehouse::config
