#include "shared/ids/token.h"

#include <array>
#include <utility>

#include <zlib.h>

#include "shared/crypto/digest.h"
#include "shared/crypto/encoding.h"
#include "shared/crypto/random.h"

namespace gatehouse::ids {
namespace {

constexpr std::array<std::pair<TokenType, std::string_view>, 5> kPrefixes{{
    {TokenType::kAccessToken, "mat"},
    {TokenType::kRefreshToken, "mar"},
    {TokenType::kCompatAccessToken, "mct"},
    {TokenType::kCompatRefreshToken, "mcr"},
    {TokenType::kPersonalAccessToken, "mpt"},
}};

constexpr std::size_t kRandomLength = 30;

std::uint32_t crc32_of(std::string_view data) {
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
  return static_cast<std::uint32_t>(crc);
}

// MAS's is_likely_synapse_macaroon: a macaroon's serialized form starts with
// a 4-byte packet header and then "location ".
bool is_likely_synapse_macaroon(std::string_view token) {
  auto decoded = crypto::base64url_decode(token);
  return decoded && decoded->size() >= 13 && std::string_view(*decoded).substr(4, 9) == "location ";
}

}  // namespace

std::string_view token_prefix(TokenType type) {
  for (const auto& [t, prefix] : kPrefixes)
    if (t == type) return prefix;
  return "mat";
}

std::string encode_token_checksum(std::uint32_t crc) {
  static constexpr std::string_view kBase62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string digits;
  // Least-significant digit first, exactly as MAS's base62_encode does; the
  // result is NOT reversed. 2^32 < 62^6, so six digits always suffice.
  while (crc > 0) {
    digits += kBase62[crc % 62];
    crc /= 62;
  }
  return std::string(6 - digits.size(), '0') + digits;
}

std::string generate_token(TokenType type) {
  std::string base = std::string(token_prefix(type)) + "_" + crypto::random_alnum(kRandomLength);
  return base + "_" + encode_token_checksum(crc32_of(base));
}

Result<TokenType> check_token(std::string_view token) {
  // Legacy Synapse tokens are accepted unchecked, as MAS does after syn2mas.
  if (token.starts_with("syt_") || is_likely_synapse_macaroon(token)) return TokenType::kCompatAccessToken;
  if (token.starts_with("syr_")) return TokenType::kCompatRefreshToken;

  auto first = token.find('_');
  auto second = first == std::string_view::npos ? first : token.find('_', first + 1);
  if (second == std::string_view::npos || token.find('_', second + 1) != std::string_view::npos) {
    return fail(ErrorCode::kInvalidInput, "invalid format");
  }
  std::string_view prefix = token.substr(0, first);
  std::string_view random = token.substr(first + 1, second - first - 1);
  std::string_view checksum = token.substr(second + 1);
  if (prefix.size() != 3 || random.size() != kRandomLength || checksum.size() != 6) {
    return fail(ErrorCode::kInvalidInput, "invalid format");
  }
  for (const auto& [type, known] : kPrefixes) {
    if (known != prefix) continue;
    if (encode_token_checksum(crc32_of(token.substr(0, second))) != checksum) {
      return fail(ErrorCode::kInvalidInput, "invalid token checksum");
    }
    return type;
  }
  return fail(ErrorCode::kInvalidInput, "unknown token prefix");
}

std::string token_fingerprint(std::string_view token) { return crypto::sha256_hex(token); }

}  // namespace gatehouse::ids
