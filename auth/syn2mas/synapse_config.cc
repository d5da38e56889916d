#include "auth/syn2mas/synapse_config.h"

#include "shared/config/database.h"
#include "shared/config/tree.h"

namespace gatehouse::auth::syn2mas {
namespace {

using nlohmann::json;

bool truthy(const json& node, const char* key, bool fallback) {
  if (!node.is_object()) return fallback;
  auto it = node.find(key);
  if (it == node.end() || it->is_null()) return fallback;
  return it->is_boolean() ? it->get<bool>() : fallback;
}

std::string text(const json& node, const char* key) {
  if (!node.is_object()) return "";
  auto it = node.find(key);
  if (it == node.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return "";
}

Result<std::string> database_uri(const json& database, const std::string& files) {
  if (!database.is_object()) return std::string();
  const std::string name = text(database, "name");
  const json& args = database.contains("args") ? database["args"] : json::object();
  if (name == "sqlite3") {
    const std::string path = text(args, "database");
    if (path.empty()) {
      return fail(ErrorCode::kConfig, files + ": database.args.database: required for sqlite3");
    }
    return "sqlite:" + path;
  }
  if (name == "psycopg2") {
    if (args.contains("database") && args.contains("dbname")) {
      return fail(ErrorCode::kConfig,
                  files + ": database.args: `database` and `dbname` both set; keep one");
    }
    config::PostgresFields f;
    f.host = text(args, "host");
    if (f.host.starts_with("/")) std::swap(f.host, f.socket);
    const std::string port = text(args, "port");
    f.port = port.empty() ? 0 : std::stoi(port);
    f.username = text(args, "user");
    if (args.contains("password")) f.password = text(args, "password");
    f.database = args.contains("dbname") ? text(args, "dbname") : text(args, "database");
    return config::postgres_uri(f);
  }
  return fail(ErrorCode::kConfig, files + ": database.name: expected sqlite3 or psycopg2, got \"" +
                                      name + "\"");
}

SynapseOidcProvider oidc_provider(const json& p, std::string auth_provider) {
  SynapseOidcProvider o;
  o.auth_provider = std::move(auth_provider);
  o.idp_name = text(p, "idp_name");
  o.idp_brand = text(p, "idp_brand");
  o.issuer = text(p, "issuer");
  o.client_id = text(p, "client_id");
  o.client_secret = text(p, "client_secret");
  o.client_secret_path = text(p, "client_secret_path");
  if (auto method = text(p, "client_auth_method"); !method.empty()) o.client_auth_method = method;
  if (p.contains("scopes") && p["scopes"].is_array()) {
    o.scopes.clear();
    for (const auto& scope : p["scopes"]) {
      if (scope.is_string()) o.scopes.push_back(scope.get<std::string>());
    }
  }
  o.discover = truthy(p, "discover", true);
  o.skip_verification = truthy(p, "skip_verification", false);
  o.authorization_endpoint = text(p, "authorization_endpoint");
  o.token_endpoint = text(p, "token_endpoint");
  o.userinfo_endpoint = text(p, "userinfo_endpoint");
  o.jwks_uri = text(p, "jwks_uri");
  o.userinfo_profile = text(p, "user_profile_method") == "userinfo_endpoint";
  if (auto pkce = text(p, "pkce_method"); !pkce.empty()) o.pkce_method = pkce;
  const json& mapping = p.value("user_mapping_provider", json::object());
  const json& templates = mapping.is_object() ? mapping.value("config", json::object()) : json::object();
  if (auto claim = text(templates, "subject_claim"); !claim.empty()) o.subject_claim = claim;
  o.localpart_template = text(templates, "localpart_template");
  o.display_name_template = text(templates, "display_name_template");
  o.email_template = text(templates, "email_template");
  return o;
}

}  // namespace

Result<SynapseConfig> read_synapse_config(const std::vector<std::string>& files) {
  if (files.empty()) return fail(ErrorCode::kConfig, "no Synapse config given (--synapse-config)");
  GH_TRY(auto tree, config::read_and_merge(files));
  const json& root = tree.root;
  std::string names;
  for (const auto& f : files) names += (names.empty() ? "" : ", ") + f;
  SynapseConfig c;
  c.server_name = text(root, "server_name");
  if (c.server_name.empty()) return fail(ErrorCode::kConfig, names + ": server_name: required");
  c.public_baseurl = text(root, "public_baseurl");
  if (auto rounds = text(root, "bcrypt_rounds"); !rounds.empty()) c.bcrypt_rounds = std::stoi(rounds);
  GH_TRY(c.database_uri, database_uri(root.value("database", json()), names));
  const json& passwords = root.value("password_config", json::object());
  c.password_enabled = truthy(passwords, "enabled", true) && truthy(passwords, "localdb_enabled", true);
  c.pepper = text(passwords, "pepper");
  c.allow_guest_access = truthy(root, "allow_guest_access", false);
  c.enable_registration = truthy(root, "enable_registration", false);
  c.user_consent = root.contains("user_consent") && !root["user_consent"].is_null();
  if (root.contains("oidc_config") && root["oidc_config"].is_object() &&
      truthy(root["oidc_config"], "enabled", true)) {
    c.oidc_providers.push_back(oidc_provider(root["oidc_config"], "oidc"));
  }
  if (root.contains("oidc_providers") && root["oidc_providers"].is_array()) {
    for (const auto& p : root["oidc_providers"]) {
      const std::string id = text(p, "idp_id");
      if (id.empty() || !truthy(p, "enabled", true)) continue;
      c.oidc_providers.push_back(oidc_provider(p, id == "oidc" ? "oidc" : "oidc-" + id));
    }
  }
  for (const auto& p : c.oidc_providers) c.oidc_provider_ids.push_back(p.auth_provider);
  for (const char* key : {"cas_config", "saml2_config", "jwt_config"}) {
    if (root.contains(key) && root[key].is_object() && truthy(root[key], "enabled", true)) {
      c.other_sso.push_back(std::string(key).substr(0, std::string(key).find('_')));
    }
  }
  return c;
}

}  // namespace gatehouse::auth::syn2mas
