#include "shared/config/homeserver_config.h"

#include "shared/config/database.h"
#include "shared/config/decode.h"

namespace gatehouse::config {
namespace {

constexpr const char* kResourceNames[] = {"client", "federation", "health", "keys", "media",
                                          "metrics", "openid", "replication", "static",
                                          "consent"};

// False for a listener type we do not serve (it is then left out).
bool decode_listener(Section& item, HomeserverListener& out) {
  item.require("port", "the TCP port to listen on");
  item.get_int("port", out.port, 0, 65535);
  item.get("bind_addresses", out.bind_addresses);
  std::string type = "http";
  bool is_http = !item.get("type", type) || type == "http";
  if (!is_http) {
    item.diag().warning(item.path("type"), "only `http` listeners are supported; `" + type +
                                               "` listener ignored");
  }
  item.get("x_forwarded", out.x_forwarded);
  item.unsupported("tls");
  out.resources.clear();
  item.each("resources", [&](Section& resource, std::size_t) {
    std::vector<std::string> names;
    resource.get("names", names);
    for (const auto& name : names) {
      bool known = false;
      for (const char* k : kResourceNames) known = known || name == k;
      if (!known) {
        resource.diag().error(resource.path("names"), "unknown resource `" + name + "`");
      } else {
        out.resources.push_back(name);
      }
    }
    resource.unsupported("compress");
  });
  if (!item.has("resources")) out.resources = {"client"};
  return is_http;
}

std::string decode_database(Section& s) {
  std::string name = "sqlite3";
  s.get_enum("name", name, {"sqlite3", "psycopg2"});
  Section args = s.child("args");
  if (name == "sqlite3") {
    std::string path = "homeserver.db";
    args.get("database", path);
    return "sqlite:" + path;
  }
  PostgresFields f;
  f.host = "localhost";
  args.get("user", f.username);
  args.get("host", f.host);
  args.get_int("port", f.port, 1, 65535);
  if (args.has("database") && args.has("dbname")) {
    args.diag().error(args.path("dbname"), "set either `database` or `dbname`, not both");
  }
  args.get("database", f.database);
  args.get("dbname", f.database);
  f.password = args.secret("password");
  for (const char* pool : {"cp_min", "cp_max"}) args.unsupported(pool);
  return postgres_uri(f);
}

void decode_auth_service(Section& s, AuthServiceConfig& out) {
  s.get("enabled", out.enabled);
  s.get_url("endpoint", out.endpoint, /*trailing_slash=*/true);
  if (s.get("socket", out.socket) && !out.endpoint.starts_with("http://")) {
    s.diag().error(s.path("socket"), "needs an http:// endpoint (the socket carries plain HTTP)");
  }
  if (auto secret = s.secret("secret", /*keep_newlines=*/false, "secret_path")) {
    out.secret = *secret;
  } else if (out.enabled && !s.has("secret_path")) {
    s.require("secret", "the auth service's matrix.secret");
  }
  Section cache = s.child("token_cache");
  cache.get_int("max_entries", out.token_cache_max_entries, 1, 100'000'000);
  cache.get_int("ttl_seconds", out.token_cache_ttl_seconds, 0, 3600);
}

void decode_root(Section& root, HomeserverConfig& out) {
  root.require("server_name", "the domain in user IDs, e.g. example.com");
  root.get("server_name", out.server_name);
  root.get_url("public_baseurl", out.public_baseurl, /*trailing_slash=*/true);
  if (root.has("listeners")) {
    out.listeners.clear();
    root.each("listeners", [&](Section& item, std::size_t) {
      HomeserverListener listener;
      if (decode_listener(item, listener)) out.listeners.push_back(std::move(listener));
    });
  } else {
    root.skip("listeners");
  }
  {
    Section db = root.child("database");
    out.database_uri = decode_database(db);
  }
  {
    Section mas = root.child("matrix_authentication_service");
    decode_auth_service(mas, out.matrix_authentication_service);
  }
  root.get("app_service_config_files", out.app_service_config_files);
  root.get_enum("log_level", out.log_level, {"trace", "debug", "info", "warn", "error"});
  if (!out.matrix_authentication_service.enabled) {
    root.diag().error(root.path("matrix_authentication_service.enabled"),
                      "must be true: this homeserver has no login of its own and needs the "
                      "auth service");
  }
}

}  // namespace

Result<HomeserverLoaded> load_homeserver(const std::vector<std::string>& files) {
  GH_TRY(Tree tree, read_and_merge(files));
  Diagnostics diag(tree, "Synapse");
  HomeserverLoaded loaded;
  {
    Section root(diag, &tree.root, "");
    decode_root(root, loaded.config);
  }
  if (!diag.errors.empty()) return fail(ErrorCode::kConfig, join_lines(diag.errors));
  loaded.warnings = std::move(diag.warnings);
  return loaded;
}

}  // namespace gatehouse::config
