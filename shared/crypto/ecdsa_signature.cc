#include "shared/crypto/ecdsa_signature.h"

#include <memory>

#include <openssl/ecdsa.h>

#include "shared/crypto/openssl_handles.h"

namespace gatehouse::crypto {
namespace {

struct SigFree { void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); } };
using SigPtr = std::unique_ptr<ECDSA_SIG, SigFree>;

}  // namespace

Result<std::string> ecdsa_der_to_raw(std::string_view der, std::size_t half) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  SigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) return fail(ErrorCode::kCrypto, "malformed ECDSA signature", internal::drain_openssl_errors());
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::string raw(2 * half, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(r, out, static_cast<int>(half)) < 0 ||
      BN_bn2binpad(s, out + half, static_cast<int>(half)) < 0) {
    return fail(ErrorCode::kCrypto, "ECDSA signature does not fit the curve size");
  }
  return raw;
}

Result<std::string> ecdsa_raw_to_der(std::string_view raw, std::size_t half) {
  if (raw.size() != 2 * half) {
    return fail(ErrorCode::kInvalidInput, "ECDSA signature has the wrong length",
                "expected " + std::to_string(2 * half) + " bytes, got " + std::to_string(raw.size()));
  }
  const auto* in = reinterpret_cast<const unsigned char*>(raw.data());
  internal::BnPtr r(BN_bin2bn(in, static_cast<int>(half), nullptr));
  internal::BnPtr s(BN_bin2bn(in + half, static_cast<int>(half), nullptr));
  SigPtr sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
    return fail(ErrorCode::kCrypto, "could not build an ECDSA signature", internal::drain_openssl_errors());
  }
  r.release();  // now owned by sig
  s.release();
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return fail(ErrorCode::kCrypto, "could not encode an ECDSA signature");
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

}  // namespace gatehouse::crypto
