// Checking an upstream provider's ID token (OpenID Connect Core 1.0
// §3.1.3.7): signature with the provider's keys and the configured
// algorithm, `iss` equal to the issuer, our client_id among `aud` (and as
// `azp` when there are several audiences), not expired, and the `nonce` we
// sent. Pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/core/error.h"
#include "shared/crypto/jws_algorithm.h"
#include "shared/crypto/verification_key.h"

namespace gatehouse::auth::upstream {

struct IdTokenExpectations {
  std::string issuer;
  std::string client_id;
  std::string nonce;
  crypto::JwsAlgorithm alg = crypto::JwsAlgorithm::kRS256;
  std::int64_t now_s = 0;
  std::int64_t leeway_s = 60;  // clock skew allowed on exp and iat
};

// The token's claims (a JSON object with a non-empty string `sub`).
// kUnauthorized with the reason (never the token) when it does not pass.
Result<nlohmann::json> check_id_token(std::string_view id_token,
                                      const std::vector<crypto::VerificationKey>& keys,
                                      const IdTokenExpectations& expected);

}  // namespace gatehouse::auth::upstream
