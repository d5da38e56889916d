// OpenID Connect ID tokens (OIDC Core §2, §3.1.3.6), issued by the
// authorization_code and device_code grants when `openid` was granted.
// Claims as MAS's generate_id_token (mas.md §3.7): iss, sub (user ULID),
// aud (the client_id as a plain string: matrix-js-sdk rejects an array),
// iat, exp (+1 h), auth_time, nonce, at_hash, c_hash. Signed RS256 unless the
// client registered id_token_signed_response_alg; `kid` in the header.
// The only RSA signing on the token path. Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/core/error.h"
#include "shared/crypto/jws_algorithm.h"
#include "shared/crypto/keystore.h"

namespace gatehouse::auth::oauth2 {

struct IdTokenInput {
  std::string issuer;
  std::string subject;    // the user's ULID
  std::string client_id;  // aud
  std::int64_t now_s = 0;
  std::optional<std::int64_t> auth_time_s;
  std::optional<std::string> nonce;
  std::optional<std::string> access_token;  // → at_hash
  std::optional<std::string> code;          // → c_hash
};

// OIDC Core §3.1.3.6: base64url of the left half of the hash of `value`,
// the hash being the one of `alg` (SHA-256 for *256, ...).
std::string left_half_hash(crypto::JwsAlgorithm alg, std::string_view value);

// The claim set (pure; exp = now + 3600).
nlohmann::json id_token_claims(const IdTokenInput& input, crypto::JwsAlgorithm alg);

// The algorithm a client's ID tokens use: its registered one, or RS256.
// kInvalidInput for a name that is no JWS algorithm or an HMAC one.
Result<crypto::JwsAlgorithm> id_token_algorithm(const std::optional<std::string>& registered);

// The signed compact JWT. kCrypto when no key signs with `alg`.
Result<std::string> sign_id_token(const crypto::Keystore& keys, const IdTokenInput& input,
                                  crypto::JwsAlgorithm alg);

}  // namespace gatehouse::auth::oauth2
