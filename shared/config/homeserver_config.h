// The homeserver's configuration: a YAML file with Synapse's key names, so an
// operator moving from Synapse recognises it. Only what the thin homeserver
// uses is read; every other key is a warning, as in config.h.
#pragma once

#include <string>
#include <vector>

#include "shared/core/error.h"

namespace gatehouse::config {

struct HomeserverListener {
  int port = 8008;                                      // required, 0..65535
  std::vector<std::string> bind_addresses = {"127.0.0.1"};  // default loopback
  // Believe X-Forwarded-For from the reverse proxy. Default false.
  bool x_forwarded = false;
  // Synapse resource names (client, federation, health, ...). Default [client].
  std::vector<std::string> resources = {"client"};
};

// Synapse's `matrix_authentication_service` block: the auth service that
// owns every account and token.
struct AuthServiceConfig {
  bool enabled = false;  // default false; the homeserver refuses to start without it
  // The auth service's base URL, ending in "/". Default "http://localhost:8080/".
  std::string endpoint = "http://localhost:8080/";
  // Gatehouse extension: a UNIX socket of the auth service (a listener's
  // `socket` bind) to connect to instead of the endpoint's host and port,
  // which still give the Host header and path. http:// endpoints only.
  std::string socket;
  // The shared secret (`secret` or `secret_path`); must equal the auth
  // service's matrix.secret. Secret. Required when enabled.
  std::string secret;
  // Gatehouse extension: the introspection cache. `token_cache.max_entries`
  // bounds it (default 10000); `token_cache.ttl_seconds` caps an entry's
  // life (default 120, Synapse's; 0 turns the cache off).
  int token_cache_max_entries = 10000;
  int token_cache_ttl_seconds = 120;
};

struct HomeserverConfig {
  // The domain in user IDs (@alice:server_name). Required.
  std::string server_name;
  // Where clients reach the homeserver, ending in "/". Default
  // "http://127.0.0.1:8008/".
  std::string public_baseurl = "http://127.0.0.1:8008/";
  // Default: one http listener on 127.0.0.1:8008 serving client.
  std::vector<HomeserverListener> listeners = {HomeserverListener{}};
  // From `database`: sqlite3 (args.database, default homeserver.db) gives
  // "sqlite:PATH"; psycopg2 (args user, password, database|dbname, host,
  // port) gives a postgresql:// URI. Secret (may hold the password).
  // Default "sqlite:homeserver.db".
  std::string database_uri = "sqlite:homeserver.db";
  AuthServiceConfig matrix_authentication_service;
  // Application service registration files. Default none.
  std::vector<std::string> app_service_config_files;
  // trace | debug | info | warn | error. Default info.
  std::string log_level = "info";
};

struct HomeserverLoaded {
  HomeserverConfig config;
  std::vector<std::string> warnings;
};

// Reads and merges `files` (YAML or TOML, as tree.h) and decodes them. On
// failure: ErrorCode::kConfig, every error one per line.
Result<HomeserverLoaded> load_homeserver(const std::vector<std::string>& files);

}  // namespace gatehouse::config
