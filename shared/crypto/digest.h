// SHA-2 digests (FIPS 180-4) over byte strings, returning raw digest bytes.
// The EVP_MD objects are fetched once per process (openssl_handles.h).
//
// Thread safety: pure functions, callable from any thread.
#pragma once

#include <string>
#include <string_view>

namespace gatehouse::crypto {

std::string sha256(std::string_view data);  // 32 bytes
std::string sha384(std::string_view data);  // 48 bytes
std::string sha512(std::string_view data);  // 64 bytes

// Lowercase hex of sha256(data) (64 characters).
std::string sha256_hex(std::string_view data);

}  // namespace gatehouse::crypto
