// `gatehouse doctor`: checks a deployment as `mas-cli doctor` does (the
// homeserver's well-known, versions, whoami with a bogus token, the shared
// secret through is_localpart_available, /login served by the auth service)
// plus our own: issuer and public_base, signing keys, the database, each
// upstream provider's templates and discovery, the mail server. One line
// per check, "ok", "warn" or "FAIL" with the fix; unlike mas-cli it exits 1
// when a check fails. It works against a real Synapse too. The shared secret
// is sent, never printed.
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "auth/cli/cli_context.h"
#include "auth/cli/database_options.h"
#include "auth/cli/load_config.h"
#include "auth/email/mailer.h"
#include "auth/homeserver_client/http_call.h"
#include "auth/upstream/provider.h"
#include "auth/upstream/provider_metadata.h"
#include "shared/crypto/signing_key.h"

namespace gatehouse::cli {
namespace {

using auth::homeserver_client::http_call;
using auth::homeserver_client::HttpAnswer;
using auth::homeserver_client::summarize;
using nlohmann::json;

constexpr std::chrono::seconds kTimeout{5};

struct Report {
  int failures = 0;
  void ok(const std::string& check, const std::string& detail) {
    std::cout << "ok    " << check << ": " << detail << "\n";
  }
  void warn(const std::string& check, const std::string& detail) {
    std::cout << "warn  " << check << ": " << detail << "\n";
  }
  void fail(const std::string& check, const std::string& detail, const std::string& fix) {
    ++failures;
    std::cout << "FAIL  " << check << ": " << detail << "\n      fix: " << fix << "\n";
  }
};

std::string with_slash(std::string url) {
  if (url.empty() || url.back() != '/') url += '/';
  return url;
}

bool is_http_url(const std::string& url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

// Names a loopback or dotless server_name, whose well-known usually is not
// served (a local test setup).
bool is_local_name(const std::string& name) {
  const std::string host = name.substr(0, name.rfind(':') == std::string::npos ? name.size()
                                                                                 : name.rfind(':'));
  return host == "localhost" || host.starts_with("127.") || host == "[::1]" ||
         host.find('.') == std::string::npos;
}

void check_urls(const config::Config& c, Report& r) {
  const auto& http = c.http;
  if (!is_http_url(http.public_base) || !is_http_url(http.issuer)) {
    r.fail("issuer", "http.public_base or http.issuer is not an http(s) URL",
           "set both to the URL clients use to reach this service, e.g. https://auth.example.com/");
    return;
  }
  if (with_slash(http.issuer) != with_slash(http.public_base)) {
    r.warn("issuer", "http.issuer (" + http.issuer + ") differs from http.public_base (" +
                         http.public_base + "); fine only if a proxy maps one to the other");
  } else {
    r.ok("issuer", "http.issuer matches http.public_base (" + http.public_base + ")");
  }
}

void check_signing_keys(const config::Config& c, Report& r) {
  int rsa = 0;
  for (std::size_t i = 0; i < c.secrets.keys.size(); ++i) {
    const auto& k = c.secrets.keys[i];
    auto key = crypto::SigningKey::from_pem(k.pem, k.password, k.kid);
    if (!key) {
      r.fail("signing keys", "secrets.keys[" + std::to_string(i) + "] does not load: " +
                                 key.error().message,
             "replace it (`openssl genpkey -algorithm RSA`)");
      return;
    }
    if (key->type() == crypto::KeyType::kRsa) ++rsa;
  }
  if (rsa == 0) {
    r.fail("signing keys", "no RSA key in secrets.keys",
           "add one: `openssl genpkey -algorithm RSA` (OpenID Connect requires RS256)");
    return;
  }
  r.ok("signing keys", std::to_string(c.secrets.keys.size()) + " key(s) load, " +
                           std::to_string(rsa) + " RSA");
}

void check_database(const config::Config& c, Report& r) {
  auto db = open_configured_database(c.database);
  if (!db) {
    r.fail("database", db.error().describe(), "check database.uri and that the server is up");
    return;
  }
  if (auto pinged = (*db)->ping(); !pinged) {
    r.fail("database", pinged.error().describe(), "check database.uri and that the server is up");
    return;
  }
  r.ok("database", "reachable (" + std::string(storage::to_string((*db)->dialect())) + ")");
}

// The client-facing homeserver URL: the well-known's m.homeserver.base_url,
// or matrix.endpoint for a local setup whose well-known is not served.
std::string check_well_known(const config::Config& c, Report& r) {
  const std::string& name = c.matrix.homeserver;
  const std::string url = "https://" + name + "/.well-known/matrix/client";
  auto answer = http_call("GET", url, "", "", kTimeout);
  if (answer && answer->status == 200) {
    json doc = json::parse(answer->body, nullptr, false);
    if (doc.is_object() && doc.contains("m.homeserver") &&
        doc["m.homeserver"].value("base_url", "") != "") {
      const std::string base = doc["m.homeserver"]["base_url"].get<std::string>();
      r.ok("well-known", url + " gives base_url " + base);
      return with_slash(base);
    }
  }
  const std::string why = answer ? summarize(*answer) : answer.error().describe();
  if (is_local_name(name)) {
    r.warn("well-known", "cannot fetch " + url + " (" + why + "); server_name '" + name +
                             "' looks local, using matrix.endpoint " + c.matrix.endpoint);
    return with_slash(c.matrix.endpoint);
  }
  r.fail("well-known", "cannot fetch " + url + " (" + why + ")",
         "serve /.well-known/matrix/client on " + name +
             " with {\"m.homeserver\": {\"base_url\": \"<homeserver URL>\"}}");
  return with_slash(c.matrix.endpoint);
}

void check_versions(const std::string& endpoint, Report& r) {
  auto answer = http_call("GET", endpoint + "_matrix/client/versions", "", "", kTimeout);
  if (!answer || answer->status / 100 != 2) {
    r.fail("versions", "GET " + endpoint + "_matrix/client/versions: " +
                           (answer ? summarize(*answer) : answer.error().describe()),
           "check matrix.endpoint and that the homeserver is running");
    return;
  }
  r.ok("versions", "the homeserver answers at " + endpoint);
}

void check_whoami(const std::string& endpoint, Report& r) {
  auto answer = http_call("GET", endpoint + "_matrix/client/v3/account/whoami",
                          "gatehouse-doctor-bogus-token", "", kTimeout);
  if (!answer) {
    r.fail("whoami", answer.error().describe(), "check that the homeserver is running");
  } else if (answer->status == 401) {
    r.ok("whoami", "a bogus token is refused (401)");
  } else if (answer->status / 100 == 2) {
    r.fail("whoami", "a bogus token was ACCEPTED (" + summarize(*answer) + ")",
           "the homeserver does not delegate authentication: enable "
           "matrix_authentication_service in its config");
  } else if (answer->status == 503) {
    r.fail("whoami", "the homeserver cannot reach the auth service (" + summarize(*answer) + ")",
           "set matrix_authentication_service.endpoint in the homeserver config to a URL where "
           "it reaches this service");
  } else {
    r.fail("whoami", "expected 401 for a bogus token, got " + summarize(*answer),
           "check the homeserver's matrix_authentication_service block");
  }
}

void print_secret_fix(const config::Config& c) {
  std::cout << "      put this in the homeserver config (the secret is the auth service's "
               "matrix.secret: copy it from there, or point secret_path at a file holding it):\n"
               "        matrix_authentication_service:\n"
               "          enabled: true\n"
               "          endpoint: \""
            << with_slash(c.http.public_base)
            << "\"\n"
               "          secret: \"<matrix.secret from the auth service config>\"\n";
}

void check_secret(const config::Config& c, const std::string& endpoint, Report& r) {
  auto answer = http_call("GET", endpoint + "_synapse/mas/is_localpart_available",
                          c.matrix.secret, "", kTimeout);
  if (!answer) {
    r.fail("secret", answer.error().describe(), "check that the homeserver is running");
  } else if (answer->status == 400) {
    r.ok("secret", "the homeserver accepts matrix.secret (provisioning API answers)");
  } else if (answer->status == 403) {
    r.fail("secret",
           "the homeserver refuses matrix.secret: the shared secrets differ (matrix.secret here, "
           "matrix_authentication_service.secret on the homeserver)",
           "make them equal");
    print_secret_fix(c);
  } else if (answer->status == 404) {
    r.fail("secret", "the provisioning API is not served (HTTP 404)",
           "enable matrix_authentication_service in the homeserver config");
    print_secret_fix(c);
  } else {
    r.fail("secret", "expected 400 from is_localpart_available, got " + summarize(*answer),
           "check matrix.endpoint and the homeserver's matrix_authentication_service block");
  }
}

void check_login(const std::string& base_url, Report& r) {
  auto answer = http_call("GET", base_url + "_matrix/client/v3/login", "", "", kTimeout);
  if (!answer) {
    r.fail("login", answer.error().describe(), "check that the homeserver is running");
    return;
  }
  json doc = json::parse(answer->body, nullptr, false);
  if (answer->status == 200 && doc.is_object() && doc["flows"].is_array()) {
    for (const auto& flow : doc["flows"]) {
      if (flow.value("type", "") == "m.login.sso" && flow.value("oauth_aware_preferred", false)) {
        r.ok("login", "/login is served by the auth service (m.login.sso, oauth_aware_preferred)");
        return;
      }
    }
  }
  // Until the compatibility layer (legacy /login) is built, the auth service
  // does not answer here: not fatal for OAuth-aware clients.
  r.warn("login", "GET " + base_url + "_matrix/client/v3/login does not list m.login.sso with "
                  "oauth_aware_preferred (" + summarize(*answer) +
                  "); legacy clients cannot log in until the auth service's compat layer serves it");
}

// Each enabled upstream provider: its templates compile, and its endpoints
// are known (discovery answers and passes the discovery_mode's checks).
void check_upstream_providers(const config::Config& c, Report& r) {
  auto providers = auth::upstream::UpstreamProviders::compile(c.upstream_oauth2);
  if (!providers) {
    r.fail("upstream", providers.error().message, "fix the template (docs/configuration.md, upstream_oauth2)");
    return;
  }
  auth::upstream::ProviderMetadata metadata(std::make_shared<SystemClock>());
  for (const auto& p : (*providers)->all()) {
    const std::string check = "upstream " + p.name();
    auto endpoints = metadata.endpoints(p);
    if (!endpoints) {
      r.fail(check, endpoints.error().describe(),
             "check its issuer and that this machine reaches it, or set discovery_mode and the "
             "endpoints");
      continue;
    }
    r.ok(check, "endpoints known (token: " + endpoints->token_endpoint + "); its redirect URI is " +
                    with_slash(c.http.public_base) + "upstream/callback/" + p.id());
  }
}

// The mail server, when mail is sent: connected, logged in, NOOP answered.
void check_email(const config::Config& c, Report& r) {
  if (c.email.transport != "smtp") {
    const bool needed = c.account.password_recovery_enabled ||
                        (c.account.password_registration_enabled &&
                         c.account.password_registration_email_required);
    if (needed) {
      r.warn("email", "transport " + c.email.transport +
                          ": recovery links and registration codes are not sent");
    }
    return;
  }
  auto checked = auth::email::make_mailer(c.email, std::make_shared<SystemClock>())->check();
  if (!checked) {
    r.fail("email", checked.error().describe(),
           "check email.hostname, port, mode and the login (username, password)");
    return;
  }
  r.ok("email", *checked);
}

int run_doctor(CliContext& ctx) {
  auto loaded = load_config(ctx);
  if (!loaded) return ctx.exit_code;
  const config::Config& c = loaded->config;
  Report r;
  check_urls(c, r);
  check_signing_keys(c, r);
  check_database(c, r);
  const std::string endpoint = with_slash(c.matrix.endpoint);
  const std::string base_url = check_well_known(c, r);
  check_versions(endpoint, r);
  check_whoami(endpoint, r);
  check_secret(c, endpoint, r);
  check_login(base_url, r);
  check_upstream_providers(c, r);
  check_email(c, r);
  if (r.failures > 0) {
    std::cout << r.failures << " check(s) failed\n";
    return 1;
  }
  std::cout << "all checks passed\n";
  return 0;
}

}  // namespace

void register_doctor_command(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand("doctor", "Check the deployment (homeserver link, keys, database)");
  cmd->callback([&ctx] { ctx.exit_code = run_doctor(ctx); });
}

}  // namespace gatehouse::cli
