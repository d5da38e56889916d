#include "shared/crypto/key_type.h"

#include <string>

#include <openssl/core_names.h>
#include <openssl/evp.h>

namespace gatehouse::crypto {

std::string_view to_string(KeyType type) {
  switch (type) {
    case KeyType::kRsa: return "RSA";
    case KeyType::kEcP256: return "EC P-256";
    case KeyType::kEcP384: return "EC P-384";
  }
  return "unknown";
}

Result<KeyType> key_type_of(const EVP_PKEY* key) {
  if (key == nullptr) return fail(ErrorCode::kInternal, "no key");
  if (EVP_PKEY_is_a(key, "RSA")) {
    int bits = EVP_PKEY_get_bits(key);
    if (bits < 2048) {
      return fail(ErrorCode::kCrypto, "RSA keys must have at least 2048 bits (RFC 7518 section 3.3)",
                  "got " + std::to_string(bits));
    }
    return KeyType::kRsa;
  }
  if (EVP_PKEY_is_a(key, "EC")) {
    char group[64] = {0};
    size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1) {
      return fail(ErrorCode::kCrypto, "EC key without a named curve");
    }
    std::string_view g(group, len);
    if (g == "prime256v1" || g == "P-256") return KeyType::kEcP256;
    if (g == "secp384r1" || g == "P-384") return KeyType::kEcP384;
    return fail(ErrorCode::kCrypto, "unsupported EC curve; use P-256 or P-384", std::string(g));
  }
  const char* name = EVP_PKEY_get0_type_name(key);
  return fail(ErrorCode::kCrypto, "unsupported key type; use RSA or EC P-256/P-384",
              name != nullptr ? name : "unknown");
}

bool key_type_supports(KeyType type, JwsAlgorithm alg) {
  switch (alg) {
    case JwsAlgorithm::kRS256: case JwsAlgorithm::kRS384: case JwsAlgorithm::kRS512:
    case JwsAlgorithm::kPS256: case JwsAlgorithm::kPS384: case JwsAlgorithm::kPS512:
      return type == KeyType::kRsa;
    case JwsAlgorithm::kES256: return type == KeyType::kEcP256;
    case JwsAlgorithm::kES384: return type == KeyType::kEcP384;
    case JwsAlgorithm::kHS256: case JwsAlgorithm::kHS384: case JwsAlgorithm::kHS512:
      return false;
  }
  return false;
}

const std::vector<JwsAlgorithm>& advertised_algorithms(KeyType type) {
  static const std::vector<JwsAlgorithm> rsa{JwsAlgorithm::kRS256, JwsAlgorithm::kRS384,
                                             JwsAlgorithm::kRS512, JwsAlgorithm::kPS256};
  static const std::vector<JwsAlgorithm> p256{JwsAlgorithm::kES256};
  static const std::vector<JwsAlgorithm> p384{JwsAlgorithm::kES384};
  switch (type) {
    case KeyType::kRsa: return rsa;
    case KeyType::kEcP256: return p256;
    case KeyType::kEcP384: return p384;
  }
  return rsa;
}

}  // namespace gatehouse::crypto
