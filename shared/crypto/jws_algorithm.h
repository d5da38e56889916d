// JWS algorithm identifiers ("alg", RFC 7518 §3.1) that Gatehouse signs or
// verifies. "none" is deliberately absent: it can never be parsed, so an
// unsecured JWS (RFC 7519 §6) cannot reach a verifier.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace gatehouse::crypto {

enum class JwsAlgorithm {
  kHS256, kHS384, kHS512,  // HMAC with a shared secret (client_secret_jwt)
  kRS256, kRS384, kRS512,  // RSASSA-PKCS1-v1_5
  kPS256, kPS384, kPS512,  // RSASSA-PSS, salt length = hash length (§3.5)
  kES256, kES384,          // ECDSA P-256 / P-384, raw R||S signatures (§3.4)
};

// "RS256", "ES256", ... exactly as registered.
std::string_view to_string(JwsAlgorithm alg);

// Case-sensitive, as JOSE names are. "none" and unknown names give nullopt.
std::optional<JwsAlgorithm> parse_jws_algorithm(std::string_view name);

// True for HS256/384/512.
bool is_hmac(JwsAlgorithm alg);

// Every algorithm above, HMAC last; handy as an "allowed" list in tests.
const std::vector<JwsAlgorithm>& all_jws_algorithms();

}  // namespace gatehouse::crypto
