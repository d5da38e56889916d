// `clients`: OAuth clients defined in the config (synced into the database at
// startup by `config sync`). MAS: crates/config/src/sections/clients.rs.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/config/decode.h"

namespace gatehouse::config {

struct ClientConfig {
  // A ULID (26 Crockford base32 characters). Required.
  std::string client_id;
  // none | client_secret_basic | client_secret_post | client_secret_jwt |
  // private_key_jwt. Required.
  std::string client_auth_method;
  // Secret (`client_secret` or `client_secret_file`). Required for the
  // client_secret_* methods, forbidden otherwise. Default empty.
  std::string client_secret;
  // For private_key_jwt: the client's public keys inline, or where to fetch
  // them. Exactly one of the two. Default: null / empty.
  nlohmann::json jwks;
  std::string jwks_uri;
  // Default empty.
  std::vector<std::string> redirect_uris;
  std::string client_name;
  std::string client_uri;
};

void decode_clients(Section& root, std::vector<ClientConfig>& out);

}  // namespace gatehouse::config
