// `config generate`: a fresh configuration that runs as is on one machine:
// new signing keys and secrets, SQLite in the working directory, loopback
// listeners. Optionally the matching homeserver config, sharing the secret so
// the two can never disagree.
#pragma once

#include <cstdint>
#include <string>

#include "shared/core/error.h"

namespace gatehouse::config {

struct GenerateOptions {
  // The auth service's listeners: "web" (public) and "internal" (health,
  // metrics). Defaults 8080 and 8081, on 127.0.0.1.
  std::string host = "127.0.0.1";
  std::uint16_t web_port = 8080;
  std::uint16_t internal_port = 8081;
  // Default "sqlite:gatehouse.db".
  std::string database_uri = "sqlite:gatehouse.db";
  // The homeserver's server_name and port. Defaults "localhost", 8008.
  std::string server_name = "localhost";
  std::uint16_t homeserver_port = 8008;
  // The homeserver's SQLite file. Default "homeserver.db".
  std::string homeserver_database = "homeserver.db";
  // matrix.endpoint; empty: http://host:homeserver_port/.
  std::string homeserver_endpoint;
  // A `passwords:` section replacing the default one (argon2id); empty: the
  // default.
  std::string passwords_yaml;
  // More top-level sections, appended (e.g. upstream_oauth2 from Synapse's
  // config).
  std::string extra_yaml;
};

struct Generated {
  std::string config_yaml;      // the auth service's config.yaml
  std::string homeserver_yaml;  // the homeserver's config, same shared secret
};

// Generates both files. Fails only if key generation fails (kCrypto).
// Ownership: the returned text holds secrets; write it mode 0600, never log it.
Result<Generated> generate(const GenerateOptions& options = {});

}  // namespace gatehouse::config
