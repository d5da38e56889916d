#include "auth/oauth2/id_token.h"

#include "shared/crypto/digest.h"
#include "shared/crypto/encoding.h"
#include "shared/crypto/jws.h"

namespace gatehouse::auth::oauth2 {

std::string left_half_hash(crypto::JwsAlgorithm alg, std::string_view value) {
  using A = crypto::JwsAlgorithm;
  std::string digest;
  switch (alg) {
    case A::kHS384: case A::kRS384: case A::kPS384: case A::kES384:
      digest = crypto::sha384(value);
      break;
    case A::kHS512: case A::kRS512: case A::kPS512:
      digest = crypto::sha512(value);
      break;
    default:
      digest = crypto::sha256(value);
  }
  return crypto::base64url_encode(std::string_view(digest).substr(0, digest.size() / 2));
}

nlohmann::json id_token_claims(const IdTokenInput& in, crypto::JwsAlgorithm alg) {
  nlohmann::json claims = {
      {"iss", in.issuer}, {"sub", in.subject}, {"aud", in.client_id},
      {"iat", in.now_s},  {"exp", in.now_s + 3600},
  };
  if (in.auth_time_s) claims["auth_time"] = *in.auth_time_s;
  if (in.nonce) claims["nonce"] = *in.nonce;
  if (in.access_token) claims["at_hash"] = left_half_hash(alg, *in.access_token);
  if (in.code) claims["c_hash"] = left_half_hash(alg, *in.code);
  return claims;
}

Result<crypto::JwsAlgorithm> id_token_algorithm(const std::optional<std::string>& registered) {
  if (!registered) return crypto::JwsAlgorithm::kRS256;
  auto alg = crypto::parse_jws_algorithm(*registered);
  if (!alg || crypto::is_hmac(*alg)) {
    return fail(ErrorCode::kInvalidInput, "unsupported id_token_signed_response_alg");
  }
  return *alg;
}

Result<std::string> sign_id_token(const crypto::Keystore& keys, const IdTokenInput& input,
                                  crypto::JwsAlgorithm alg) {
  const crypto::SigningKey* key = keys.find_for_algorithm(alg);
  if (!key) {
    return fail(ErrorCode::kCrypto,
                "no signing key for " + std::string(crypto::to_string(alg)));
  }
  return crypto::sign_jws({{"typ", "JWT"}}, id_token_claims(input, alg).dump(), *key, alg);
}

}  // namespace gatehouse::auth::oauth2
