// ECDSA signature encodings. OpenSSL produces and expects DER
// (SEQUENCE { INTEGER r, INTEGER s }); JWS uses the fixed-size big-endian
// concatenation R||S, each half as long as the curve order (RFC 7518 §3.4:
// 32 bytes for P-256, 48 for P-384).
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "shared/core/error.h"

namespace gatehouse::crypto {

// DER → R||S with each half left-padded to `half` bytes. A value longer than
// `half` (not from this curve) is ErrorCode::kCrypto.
Result<std::string> ecdsa_der_to_raw(std::string_view der, std::size_t half);

// R||S → DER. The input must be exactly 2 * half bytes, else kInvalidInput.
Result<std::string> ecdsa_raw_to_der(std::string_view raw, std::size_t half);

}  // namespace gatehouse::crypto
