#include "shared/crypto/signing_key.h"

#include <cstring>

#include <openssl/err.h>
#include <openssl/pem.h>

#include "shared/crypto/asymmetric_signature.h"
#include "shared/crypto/jwk.h"
#include "shared/crypto/openssl_handles.h"

namespace gatehouse::crypto {
namespace {

// OpenSSL's default password callback prompts on the terminal; a server
// must never do that, so an absent password makes decryption fail instead.
int password_callback(char* buf, int size, int /*rwflag*/, void* user) {
  const auto* password = static_cast<const std::string_view*>(user);
  if (password == nullptr || password->empty() || password->size() > static_cast<std::size_t>(size)) {
    return -1;
  }
  std::memcpy(buf, password->data(), password->size());
  return static_cast<int>(password->size());
}

}  // namespace

SigningKey::SigningKey(std::shared_ptr<EVP_PKEY> key, KeyType type, std::string kid,
                       nlohmann::json jwk)
    : key_(std::move(key)), type_(type), kid_(std::move(kid)), public_jwk_(std::move(jwk)) {}

Result<SigningKey> SigningKey::from_pem(std::string_view pem, std::string_view password,
                                        std::string kid) {
  ERR_clear_error();
  internal::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  internal::PkeyPtr key(
      bio ? PEM_read_bio_PrivateKey_ex(bio.get(), nullptr, password_callback, &password, nullptr, nullptr)
          : nullptr);
  if (!key) {
    std::string detail = internal::drain_openssl_errors();
    bool encrypted = pem.find("ENCRYPTED") != std::string_view::npos;
    if (encrypted && password.empty()) {
      return fail(ErrorCode::kCrypto, "the private key is encrypted and no password was given", detail);
    }
    if (encrypted) return fail(ErrorCode::kCrypto, "could not decrypt the private key (wrong password?)", detail);
    return fail(ErrorCode::kCrypto, "not a PEM private key (PKCS#1, SEC1 or PKCS#8)", detail);
  }
  GH_TRY(KeyType type, key_type_of(key.get()));
  GH_TRY(nlohmann::json jwk, public_jwk_of(key.get(), type));
  if (kid.empty()) {
    GH_TRY(kid, rfc7638_thumbprint(jwk));
  }
  jwk["kid"] = kid;
  jwk["use"] = "sig";
  const auto& algs = advertised_algorithms(type);
  if (algs.size() == 1) jwk["alg"] = std::string(to_string(algs.front()));
  return SigningKey(internal::share(std::move(key)), type, std::move(kid), std::move(jwk));
}

const std::vector<JwsAlgorithm>& SigningKey::algorithms() const {
  return advertised_algorithms(type_);
}

VerificationKey SigningKey::verification_key() const {
  return VerificationKey(key_, type_, kid_, std::nullopt);
}

Result<std::string> SigningKey::sign(JwsAlgorithm alg, std::string_view signing_input) const {
  return asymmetric_sign(key_.get(), type_, alg, signing_input);
}

}  // namespace gatehouse::crypto
