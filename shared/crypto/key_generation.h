// Fresh private signing keys as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"),
// the form `config generate` writes into secrets.keys and SigningKey loads.
//
// Thread safety: may be called from any thread.
// Ownership: the returned PEM is a secret; never log it.
#pragma once

#include <string>

#include "shared/core/error.h"

namespace gatehouse::crypto {

// An RSA key of `bits` bits (public exponent 65537). bits must be in
// [2048, 8192]; anything else is ErrorCode::kInvalidInput. Takes ~50-500 ms.
Result<std::string> generate_rsa_private_key_pem(int bits = 2048);

// An EC key on P-256 (prime256v1), for ES256.
Result<std::string> generate_ec_p256_private_key_pem();

// An EC key on P-384 (secp384r1), for ES384.
Result<std::string> generate_ec_p384_private_key_pem();

}  // namespace gatehouse::crypto
