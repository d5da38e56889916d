// `secrets`: the encryption key for data at rest and cookies, and the keys
// that sign ID tokens and the JWKS. MAS: crates/config/src/sections/secrets.rs.
#pragma once

#include <string>
#include <vector>

#include "shared/config/decode.h"

namespace gatehouse::config {

struct SigningKeyConfig {
  // Key ID published in the JWKS. Default empty: derived from the key (its
  // RFC 7638 thumbprint) by whoever loads it.
  std::string kid;
  // The private key, PEM (PKCS#8, PKCS#1 or SEC1). Secret. Required: `key`
  // inline or `key_file`.
  std::string pem;
  // Passphrase of an encrypted PEM. Secret. Default empty.
  std::string password;
};

struct SecretsConfig {
  // 32 raw bytes (given as 64 hex characters in `encryption` or in the file
  // named by `encryption_file`). Encrypts cookies and secrets stored in the
  // database; changing it makes those unreadable. Required.
  std::string encryption_key;
  // At least one, and at least one RSA key (OIDC requires RS256). Required.
  // In file order; after a successful load every pem is non-empty.
  std::vector<SigningKeyConfig> keys;
};

void decode(Section& section, SecretsConfig& out);

}  // namespace gatehouse::config
