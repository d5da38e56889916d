// Byte-string encodings used on the wire: base64url without padding (JOSE,
// RFC 7515 §2; PKCE, RFC 7636 §4.2), standard padded base64 (RFC 4648 §4;
// MAS's Encrypter output, HTTP Basic) and lowercase hex.
//
// Encoders never fail. Decoders return ErrorCode::kInvalidInput for any
// character outside the alphabet, wrong padding or impossible lengths; they
// never skip characters. Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "shared/core/error.h"

namespace gatehouse::crypto {

// RFC 4648 §5 alphabet, no '=' padding.
std::string base64url_encode(std::string_view bytes);
// Accepts only unpadded base64url; '=' , '+', '/', whitespace are errors.
// Non-zero trailing bits are rejected too, so every byte string has exactly
// one accepted encoding (a signature cannot be altered without detection).
Result<std::string> base64url_decode(std::string_view text);

// RFC 4648 §4 alphabet with '=' padding.
std::string base64_encode(std::string_view bytes);
// Requires correct padding (length a multiple of 4); no whitespace.
Result<std::string> base64_decode(std::string_view text);

// Lowercase hex.
std::string hex_encode(std::string_view bytes);
// Accepts upper and lower case; odd lengths are an error.
Result<std::string> hex_decode(std::string_view text);

}  // namespace gatehouse::crypto
