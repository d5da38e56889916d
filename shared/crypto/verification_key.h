// A public key that verifies JWS signatures: one entry of a client's
// registered `jwks` (private_key_jwt, RFC 7523 §2.2), an upstream provider's
// key, or the public half of one of our SigningKeys.
//
// Thread safety: immutable after construction; copies share the underlying
// OpenSSL key (reference counted), and verify() may run on many threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <openssl/types.h>

#include "shared/crypto/jws_algorithm.h"
#include "shared/crypto/key_type.h"

namespace gatehouse::crypto {

class VerificationKey {
 public:
  // For shared/crypto: wraps a key whose type was checked with key_type_of.
  // `kid` may be empty; `alg` restricts the key to one algorithm (JWK "alg").
  VerificationKey(std::shared_ptr<EVP_PKEY> key, KeyType type, std::string kid,
                  std::optional<JwsAlgorithm> alg);

  KeyType type() const { return type_; }
  // The JWK "kid", empty if it had none.
  const std::string& kid() const { return kid_; }
  // The JWK "alg", if it named one.
  std::optional<JwsAlgorithm> alg() const { return alg_; }

  // True iff the key type fits `alg` and any "alg" restriction equals it.
  bool supports(JwsAlgorithm alg) const;

  // Checks a raw JWS signature (RFC 7515 §5.2 step 8) over `signing_input`
  // (ASCII(BASE64URL(header) || '.' || BASE64URL(payload))). Unsupported
  // algorithms and malformed signatures give false.
  bool verify(JwsAlgorithm alg, std::string_view signing_input, std::string_view signature) const;

  // The OpenSSL key, owned by this object; for shared/crypto internals.
  EVP_PKEY* native() const { return key_.get(); }

 private:
  std::shared_ptr<EVP_PKEY> key_;
  KeyType type_;
  std::string kid_;
  std::optional<JwsAlgorithm> alg_;
};

}  // namespace gatehouse::crypto
