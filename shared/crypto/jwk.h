// JSON Web Keys (RFC 7517) for public keys: parsing a client's or provider's
// JWK/JWKS into VerificationKeys, exporting our keys' public halves, and JWK
// thumbprints (RFC 7638). Only RSA and EC P-256/P-384 are understood.
//
// Thread safety: pure functions. nlohmann::json exceptions never escape.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <openssl/types.h>

#include "shared/core/error.h"
#include "shared/crypto/key_type.h"
#include "shared/crypto/verification_key.h"

namespace gatehouse::crypto {

// One public JWK: {"kty":"RSA","n","e"} or {"kty":"EC","crv":"P-256"|"P-384",
// "x","y"} (§6.2.1: x and y exactly the coordinate size). "kid" and "alg" are
// carried over; a JWK with "use" other than "sig" is refused. The EC point
// must lie on the curve. Errors: ErrorCode::kInvalidInput for malformed
// members, kCrypto for unsupported types or curves. Private members ("d")
// are ignored, never loaded.
Result<VerificationKey> parse_public_jwk(const nlohmann::json& jwk);

// A JWK Set {"keys":[...]}. Keys this server cannot use (other kty/crv, "use"
// "enc", malformed) are skipped, as RFC 7517 §5 asks; the result may be empty.
// A document that is not an object with a "keys" array is kInvalidInput.
Result<std::vector<VerificationKey>> parse_jwks(const nlohmann::json& jwks);

// The public JWK of `key` with only the required members ({"kty","n","e"} or
// {"kty","crv","x","y"}). `key` may be private; private parts are never
// written.
Result<nlohmann::json> public_jwk_of(const EVP_PKEY* key, KeyType type);

// RFC 7638 §3: base64url(SHA-256(JSON of the required members in
// lexicographic order, no whitespace)). Other members are ignored. A JWK
// lacking a required member, or of another kty, is kInvalidInput.
Result<std::string> rfc7638_thumbprint(const nlohmann::json& jwk);

}  // namespace gatehouse::crypto
