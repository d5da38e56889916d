// Raw JWS signatures with an OpenSSL key: the bytes that go, base64url
// encoded, in the third part of a compact JWS (RFC 7515 §5.1). Callers
// normally use SigningKey::sign / VerificationKey::verify or jws.h instead.
//
// Thread safety: an EVP_PKEY may be used from several threads at once; each
// call builds its own context.
#pragma once

#include <string>
#include <string_view>

#include <openssl/types.h>

#include "shared/core/error.h"
#include "shared/crypto/jws_algorithm.h"
#include "shared/crypto/key_type.h"

namespace gatehouse::crypto {

// Signs `input` with a private key. ES* results are raw R||S. The caller
// must have checked key_type_supports(type, alg); otherwise kInvalidInput.
Result<std::string> asymmetric_sign(EVP_PKEY* key, KeyType type, JwsAlgorithm alg,
                                    std::string_view input);

// True iff `signature` is a valid signature of `input` under `alg`. A key
// type that cannot do `alg`, a malformed signature or a wrong length all
// give false; the reason is not reported (it helps only attackers).
bool asymmetric_verify(EVP_PKEY* key, KeyType type, JwsAlgorithm alg, std::string_view input,
                       std::string_view signature);

}  // namespace gatehouse::crypto
