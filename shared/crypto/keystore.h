// The set of signing keys the server holds (secrets.keys), with the JWKS
// document served at /oauth2/keys.json and the key choice per algorithm.
// Policy such as "at least one RSA key" belongs to the config layer.
//
// Thread safety: immutable after create(); share it freely (const).
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/error.h"
#include "shared/crypto/jws_algorithm.h"
#include "shared/crypto/signing_key.h"

namespace gatehouse::crypto {

class Keystore {
 public:
  // Two keys with the same kid are ErrorCode::kConfig. An empty list is
  // allowed (tests, tools); then every lookup finds nothing.
  static Result<Keystore> create(std::vector<SigningKey> keys);

  const std::vector<SigningKey>& keys() const { return keys_; }

  // {"keys":[public_jwk(), ...]} in configuration order. Rendered once at
  // create(); serve jwks_text() directly (performance-anchors.md).
  const nlohmann::json& jwks() const { return jwks_; }
  const std::string& jwks_text() const { return jwks_text_; }

  // The first key (config order) that can sign with `alg`; nullptr if none.
  // The pointer stays valid as long as this Keystore.
  const SigningKey* find_for_algorithm(JwsAlgorithm alg) const;

  // The key with this kid; nullptr if none.
  const SigningKey* find_by_kid(std::string_view kid) const;

  // Union of the keys' advertised algorithms without duplicates, RS256 first
  // when present (OIDC Discovery's default), then in first-seen order. This
  // is id_token_signing_alg_values_supported.
  const std::vector<JwsAlgorithm>& algorithms() const { return algorithms_; }

 private:
  Keystore() = default;

  std::vector<SigningKey> keys_;
  nlohmann::json jwks_;
  std::string jwks_text_;
  std::vector<JwsAlgorithm> algorithms_;
};

}  // namespace gatehouse::crypto
