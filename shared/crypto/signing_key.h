// One private key that signs ID tokens and other JWTs (secrets.keys[] in the
// config, as in MAS's mas-keystore). Loaded from PEM: RSA as PKCS#1 ("RSA
// PRIVATE KEY") or PKCS#8, EC P-256/P-384 as SEC1 ("EC PRIVATE KEY") or
// PKCS#8, and password-encrypted PKCS#8 ("ENCRYPTED PRIVATE KEY").
//
// Thread safety: immutable after loading; sign() may run on many threads.
// Copies share the OpenSSL key. The key is a secret: nothing here logs it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <openssl/types.h>

#include "shared/core/error.h"
#include "shared/crypto/jws_algorithm.h"
#include "shared/crypto/key_type.h"
#include "shared/crypto/verification_key.h"

namespace gatehouse::crypto {

class SigningKey {
 public:
  // Parses the first private key in `pem`. `password` decrypts an encrypted
  // key (empty: none given; an encrypted key then fails, it never prompts).
  // `kid` empty → the RFC 7638 thumbprint of the public JWK.
  // Errors: ErrorCode::kCrypto naming the problem (not a private key, wrong
  // password, unsupported type/curve, RSA under 2048 bits).
  static Result<SigningKey> from_pem(std::string_view pem, std::string_view password = {},
                                     std::string kid = {});

  const std::string& kid() const { return kid_; }
  KeyType type() const { return type_; }

  // Algorithms this key advertises, preferred first (see key_type.h):
  // RSA → RS256 RS384 RS512 PS256; P-256 → ES256; P-384 → ES384.
  const std::vector<JwsAlgorithm>& algorithms() const;
  // Whether sign() accepts `alg` (RSA also does PS384/PS512).
  bool supports(JwsAlgorithm alg) const { return key_type_supports(type_, alg); }

  // {"kty",...,"kid","use":"sig"} plus "alg" when the key advertises exactly
  // one algorithm (EC); RSA keys, usable with several, carry no "alg".
  // Computed once at load.
  const nlohmann::json& public_jwk() const { return public_jwk_; }

  // The public half, with this key's kid.
  VerificationKey verification_key() const;

  // The raw JWS signature of `signing_input` (ES*: R||S). An algorithm the
  // key cannot do is ErrorCode::kInvalidInput.
  Result<std::string> sign(JwsAlgorithm alg, std::string_view signing_input) const;

 private:
  SigningKey(std::shared_ptr<EVP_PKEY> key, KeyType type, std::string kid, nlohmann::json jwk);

  std::shared_ptr<EVP_PKEY> key_;
  KeyType type_;
  std::string kid_;
  nlohmann::json public_jwk_;
};

}  // namespace gatehouse::crypto
