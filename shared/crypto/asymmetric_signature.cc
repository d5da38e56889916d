#include "shared/crypto/asymmetric_signature.h"

#include <openssl/err.h>
#include <openssl/rsa.h>

#include "shared/crypto/ecdsa_signature.h"
#include "shared/crypto/openssl_handles.h"

namespace gatehouse::crypto {
namespace {

const EVP_MD* md_for(JwsAlgorithm alg) {
  switch (alg) {
    case JwsAlgorithm::kRS256: case JwsAlgorithm::kPS256: case JwsAlgorithm::kES256:
    case JwsAlgorithm::kHS256:
      return internal::sha256_md();
    case JwsAlgorithm::kRS384: case JwsAlgorithm::kPS384: case JwsAlgorithm::kES384:
    case JwsAlgorithm::kHS384:
      return internal::sha384_md();
    case JwsAlgorithm::kRS512: case JwsAlgorithm::kPS512: case JwsAlgorithm::kHS512:
      return internal::sha512_md();
  }
  return internal::sha256_md();
}

bool is_pss(JwsAlgorithm alg) {
  return alg == JwsAlgorithm::kPS256 || alg == JwsAlgorithm::kPS384 || alg == JwsAlgorithm::kPS512;
}

std::size_t ec_half(KeyType type) { return type == KeyType::kEcP384 ? 48 : 32; }

// RFC 7518 §3.5: PSS with MGF1 over the same hash and a salt as long as the
// hash output.
bool configure_padding(EVP_PKEY_CTX* pctx, JwsAlgorithm alg) {
  if (!is_pss(alg)) return true;
  return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) > 0 &&
         EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md_for(alg)) > 0;
}

}  // namespace

Result<std::string> asymmetric_sign(EVP_PKEY* key, KeyType type, JwsAlgorithm alg,
                                    std::string_view input) {
  if (!key_type_supports(type, alg)) {
    return fail(ErrorCode::kInvalidInput, "this key cannot sign with the requested algorithm",
                std::string(to_string(type)) + " key, " + std::string(to_string(alg)));
  }
  internal::MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  std::size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(input.data());
  if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, md_for(alg), nullptr, key) != 1 ||
      !configure_padding(pctx, alg) ||
      EVP_DigestSign(ctx.get(), nullptr, &len, in, input.size()) != 1) {
    return fail(ErrorCode::kCrypto, "signing failed", internal::drain_openssl_errors());
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, in,
                     input.size()) != 1) {
    return fail(ErrorCode::kCrypto, "signing failed", internal::drain_openssl_errors());
  }
  sig.resize(len);
  if (type == KeyType::kRsa) return sig;
  return ecdsa_der_to_raw(sig, ec_half(type));
}

bool asymmetric_verify(EVP_PKEY* key, KeyType type, JwsAlgorithm alg, std::string_view input,
                       std::string_view signature) {
  if (!key_type_supports(type, alg)) return false;
  std::string der;
  if (type != KeyType::kRsa) {
    auto converted = ecdsa_raw_to_der(signature, ec_half(type));
    if (!converted) return false;
    der = std::move(*converted);
    signature = der;
  }
  internal::MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), &pctx, md_for(alg), nullptr, key) == 1 &&
            configure_padding(pctx, alg) &&
            EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                             signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                             input.size()) == 1;
  // A failed verification leaves entries on the thread's error queue; clear
  // them so they do not surface in an unrelated later error message.
  ERR_clear_error();
  return ok;
}

}  // namespace gatehouse::crypto
