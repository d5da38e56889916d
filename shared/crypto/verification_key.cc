#include "shared/crypto/verification_key.h"

#include "shared/crypto/asymmetric_signature.h"

namespace gatehouse::crypto {

VerificationKey::VerificationKey(std::shared_ptr<EVP_PKEY> key, KeyType type, std::string kid,
                                 std::optional<JwsAlgorithm> alg)
    : key_(std::move(key)), type_(type), kid_(std::move(kid)), alg_(alg) {}

bool VerificationKey::supports(JwsAlgorithm alg) const {
  return key_type_supports(type_, alg) && (!alg_ || *alg_ == alg);
}

bool VerificationKey::verify(JwsAlgorithm alg, std::string_view signing_input,
                             std::string_view signature) const {
  if (!supports(alg)) return false;
  return asymmetric_verify(key_.get(), type_, alg, signing_input, signature);
}

}  // namespace gatehouse::crypto
