// The asymmetric key kinds Gatehouse signs and verifies with, and which JWS
// algorithms each can produce (RFC 7518 §3.3-3.5).
//
// Thread safety: pure functions.
#pragma once

#include <string_view>
#include <vector>

#include <openssl/types.h>

#include "shared/core/error.h"
#include "shared/crypto/jws_algorithm.h"

namespace gatehouse::crypto {

enum class KeyType {
  kRsa,    // RSA, at least 2048 bits (RFC 7518 §3.3)
  kEcP256, // NIST P-256 (prime256v1)
  kEcP384, // NIST P-384 (secp384r1)
};

// "RSA", "EC P-256", "EC P-384": for messages.
std::string_view to_string(KeyType type);

// Classifies an OpenSSL key. Other key types and curves, and RSA keys under
// 2048 bits, are ErrorCode::kCrypto with a message naming what was found.
Result<KeyType> key_type_of(const EVP_PKEY* key);

// Whether a key of this type can produce/verify `alg` (never for HS*).
bool key_type_supports(KeyType type, JwsAlgorithm alg);

// What SigningKey advertises: RSA → RS256 RS384 RS512 PS256 (RS256 first:
// the OIDC default); P-256 → ES256; P-384 → ES384. key_type_supports also
// accepts PS384/PS512 for RSA, so clients using them still verify.
const std::vector<JwsAlgorithm>& advertised_algorithms(KeyType type);

}  // namespace gatehouse::crypto
