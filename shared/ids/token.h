// Opaque bearer tokens in MAS's exact format (crates/data-model/src/
// tokens.rs), so tokens issued by MAS keep working after a switch:
//
//   <prefix>_<30 chars [A-Za-z0-9]>_<6-char checksum>      (41 characters)
//
// The checksum is CRC-32 (zlib/PNG, ISO-HDLC) of "<prefix>_<random>", in
// base62 (alphabet 0-9A-Za-z) written least-significant digit FIRST and then
// left-padded with '0' to 6 characters. That quirk (1 and 62 both become
// "000001") must be kept to accept existing tokens.
//
// Tokens are secrets: never log them (log::redact_token), and store only
// token_fingerprint(). Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/core/error.h"

namespace gatehouse::ids {

enum class TokenType {
  kAccessToken,          // "mat": OAuth 2.0 access token
  kRefreshToken,         // "mar": OAuth 2.0 refresh token
  kCompatAccessToken,    // "mct": Matrix C-S API login; also Synapse "syt_" and macaroons
  kCompatRefreshToken,   // "mcr"; also Synapse "syr_"
  kPersonalAccessToken,  // "mpt": admin-issued personal token
};

// "mat", "mar", "mct", "mcr", "mpt".
std::string_view token_prefix(TokenType type);

// A fresh random token of the type (30 random alphanumerics, 178 bits).
std::string generate_token(TokenType type);

// Classifies a presented token as MAS does (TokenType::check):
//  - "syt_..." or a Synapse macaroon (base64url bytes [4,13) == "location ")
//    → kCompatAccessToken, "syr_..." → kCompatRefreshToken, unchecked;
//  - otherwise exactly three '_'-separated parts of lengths 3/30/6, else
//    "invalid format"; a prefix not listed above → "unknown token prefix";
//    a checksum mismatch → "invalid token checksum".
// All errors are ErrorCode::kInvalidInput. A pass says only that the token
// is well formed, not that it exists.
Result<TokenType> check_token(std::string_view token);

// The 6-character checksum for a CRC value (exposed for tests and tools).
std::string encode_token_checksum(std::uint32_t crc);

// Lowercase hex SHA-256 of the token: what the database stores and looks
// up by, so a database leak yields no usable tokens.
std::string token_fingerprint(std::string_view token);

}  // namespace gatehouse::ids
