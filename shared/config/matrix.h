// `matrix`: the homeserver this service provides accounts for, and the shared
// secret both sides use (the homeserver introspects tokens with it, we call
// its provisioning API with it). MAS: crates/config/src/sections/matrix.rs.
#pragma once

#include <string>
#include <vector>

#include "shared/config/decode.h"

namespace gatehouse::config {

struct MatrixConfig {
  // "synapse" (default) or "synapse_modern", the same API. MAS's
  // "synapse_legacy" and "synapse_read_only" are accepted with a warning and
  // treated as "synapse".
  std::string kind = "synapse";
  // The homeserver's server_name (the part after ':' in user IDs). Required.
  std::string homeserver;
  // Shared secret, high entropy (`secret` or `secret_file`). Required.
  std::string secret;
  // Base URL where this service reaches the homeserver, ending in "/".
  // Default "http://localhost:8008/".
  std::string endpoint = "http://localhost:8008/";
  // Appservice registration files (Synapse's key; the same files the
  // homeserver reads): their as_token may log in users of their namespaces
  // with m.login.application_service at the compat /login. Default none.
  std::vector<std::string> app_service_config_files;
};

void decode(Section& section, MatrixConfig& out);

}  // namespace gatehouse::config
