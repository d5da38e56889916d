// Compact JWS (RFC 7515 §7.1): signing our ID tokens and JWT responses, and
// verifying client assertions (client_secret_jwt / private_key_jwt, RFC 7523)
// and upstream ID tokens. Payloads are opaque bytes here; JWT claim checks
// (iss, aud, exp) belong to the caller.
//
// Verification rules, all callers: exactly three base64url parts; a JSON
// object header with a string "alg"; "alg" "none" or unknown → rejected;
// "alg" not in `allowed` → rejected; a "crit" header → rejected (we
// implement no extensions, §4.1.11); then the signature must check.
// Error codes: kInvalidInput for a malformed token, kUnauthorized for a
// token that is well formed but not acceptable (alg, key, signature).
//
// Thread safety: pure functions over immutable keys.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/error.h"
#include "shared/crypto/jws_algorithm.h"
#include "shared/crypto/signing_key.h"
#include "shared/crypto/verification_key.h"

namespace gatehouse::crypto {

struct DecodedJws {
  nlohmann::json header;  // the protected header (an object)
  JwsAlgorithm alg;       // header "alg", parsed
  std::string payload;    // decoded payload bytes (JSON for a JWT)
};

// Header = header_extra (an object or null; e.g. {"typ":"JWT"}) with "alg"
// and "kid" (the key's) set, overriding any given. Payload is taken as is.
// Errors: alg the key cannot do, header_extra not an object → kInvalidInput.
Result<std::string> sign_jws(const nlohmann::json& header_extra, std::string_view payload,
                             const SigningKey& key, JwsAlgorithm alg);

// HS256/384/512 with a shared secret (client_secret_jwt: the client secret,
// RFC 7518 §3.2). No "kid" is added. A non-HMAC alg is kInvalidInput.
Result<std::string> sign_jws_hmac(const nlohmann::json& header_extra, std::string_view payload,
                                  std::string_view secret, JwsAlgorithm alg);

// Verifies with one key.
Result<DecodedJws> verify_jws(std::string_view token, const VerificationKey& key,
                              const std::vector<JwsAlgorithm>& allowed);

// Verifies with a key set (a parsed "jwks"): if the header names a "kid",
// only keys with that kid are tried; otherwise every key supporting the
// header's alg. No matching key → kUnauthorized.
Result<DecodedJws> verify_jws(std::string_view token, const std::vector<VerificationKey>& keys,
                              const std::vector<JwsAlgorithm>& allowed);

// Verifies an HS256/384/512 JWS with a shared secret; `allowed` may list
// only HMAC algorithms that are acceptable. The MAC is compared in constant
// time.
Result<DecodedJws> verify_jws_hmac(std::string_view token, std::string_view secret,
                                   const std::vector<JwsAlgorithm>& allowed);

// Decodes header and payload WITHOUT checking the signature, to learn which
// client or issuer a token claims to come from before choosing its key.
// Never trust the result for anything else. Applies the same format and alg
// checks as verification ("none" is still rejected).
Result<DecodedJws> decode_jws_unverified(std::string_view token);

}  // namespace gatehouse::crypto
