// HMAC (RFC 2104) with SHA-2, returning the raw MAC bytes. Used for HS256/384/
// 512 JWS (client_secret_jwt, RFC 7523) and for keyed fingerprints.
//
// Thread safety: pure functions, callable from any thread. Keys of any length
// are accepted (longer than the block size are hashed first, per RFC 2104).
// Compare MACs with constant_time_equals, never with ==.
#pragma once

#include <string>
#include <string_view>

namespace gatehouse::crypto {

std::string hmac_sha256(std::string_view key, std::string_view data);  // 32 bytes
std::string hmac_sha384(std::string_view key, std::string_view data);  // 48 bytes
std::string hmac_sha512(std::string_view key, std::string_view data);  // 64 bytes

}  // namespace gatehouse::crypto
