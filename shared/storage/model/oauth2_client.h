// An OAuth 2.0 client as stored in `oauth2_clients`: plain data, no SQL.
// Static clients come from the config file (`gatehouse config sync`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gatehouse::storage {

struct OAuth2Client {
  std::string id;  // ULID (static clients: the id written in config)
  bool is_static = false;
  // RFC 7591 token_endpoint_auth_method: "none", "client_secret_basic",
  // "client_secret_post", "client_secret_jwt", "private_key_jwt".
  std::string client_auth_method;
  // Encrypted by the caller (crypto::Encrypter); storage never sees the secret.
  std::optional<std::string> encrypted_client_secret;
  std::optional<std::string> jwks;      // JSON Web Key Set, as JSON text
  std::optional<std::string> jwks_uri;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> grant_types;
  std::optional<std::string> client_name;
  std::optional<std::string> client_uri;
  // RFC 7591 / OIDC Registration metadata (migration 0004).
  std::optional<std::string> application_type;  // "web" or "native"
  std::vector<std::string> contacts;
  std::optional<std::string> logo_uri;
  std::optional<std::string> policy_uri;
  std::optional<std::string> tos_uri;
  std::vector<std::string> post_logout_redirect_uris;
  std::optional<std::string> id_token_signed_response_alg;     // default RS256
  std::optional<std::string> token_endpoint_auth_signing_alg;  // for *_jwt methods
  std::int64_t created_at = 0;  // ms since the epoch
  std::int64_t updated_at = 0;  // ms since the epoch

  bool operator==(const OAuth2Client&) const = default;
};

}  // namespace gatehouse::storage
