#include "shared/crypto/key_generation.h"

#include <openssl/pem.h>

#include "shared/crypto/openssl_handles.h"

namespace gatehouse::crypto {
namespace {

using internal::BioPtr;
using internal::PkeyPtr;

Result<std::string> to_pkcs8_pem(const PkeyPtr& key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  // PEM_write_bio_PrivateKey writes unencrypted PKCS#8 ("BEGIN PRIVATE KEY").
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0,
                                       nullptr, nullptr) != 1) {
    return fail(ErrorCode::kCrypto, "could not encode the new key as PEM",
                internal::drain_openssl_errors());
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

Result<std::string> generate_ec(const char* group) {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", group));
  if (!key) {
    return fail(ErrorCode::kCrypto, "could not generate an EC key",
                internal::drain_openssl_errors());
  }
  return to_pkcs8_pem(key);
}

}  // namespace

Result<std::string> generate_rsa_private_key_pem(int bits) {
  if (bits < 2048 || bits > 8192) {
    return fail(ErrorCode::kInvalidInput, "RSA key size must be between 2048 and 8192 bits",
                "got " + std::to_string(bits));
  }
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)));
  if (!key) {
    return fail(ErrorCode::kCrypto, "could not generate an RSA key",
                internal::drain_openssl_errors());
  }
  return to_pkcs8_pem(key);
}

Result<std::string> generate_ec_p256_private_key_pem() { return generate_ec("P-256"); }

Result<std::string> generate_ec_p384_private_key_pem() { return generate_ec("P-384"); }

}  // namespace gatehouse::crypto
