// Encryption of secrets at rest and in cookies (stored client secrets,
// upstream provider secrets, cookie values), compatible with MAS's
// Encrypter (crates/keystore/src/encrypter.rs) so a MAS database and its
// cookies stay readable: ChaCha20-Poly1305 (RFC 8439) under the 32-byte
// `secrets.encryption` key, a random 12-byte nonce per message, no AAD, and
// the text form standard padded base64(nonce || ciphertext || 16-byte tag).
//
// Thread safety: immutable after construction; encrypt/decrypt may run on
// many threads. Plaintexts, the key and its hex are secrets: never logged.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/core/error.h"

namespace gatehouse::crypto {

class Encrypter {
 public:
  // From `secrets.encryption`: exactly 64 hex characters (32 bytes).
  // Anything else is ErrorCode::kConfig with a message saying so.
  static Result<Encrypter> from_hex(std::string_view hex);

  Encrypter(const Encrypter&) = default;
  Encrypter& operator=(const Encrypter&) = default;
  ~Encrypter();  // wipes the key

  // base64(nonce || ciphertext || tag). Fails only if OpenSSL does
  // (ErrorCode::kCrypto).
  Result<std::string> encrypt(std::string_view plaintext) const;

  // The plaintext of a value made by encrypt() under the same key. Any
  // modification, a different key, bad base64 or a value too short →
  // ErrorCode::kCrypto; garbage is never returned.
  Result<std::string> decrypt(std::string_view text) const;

 private:
  explicit Encrypter(const std::array<std::uint8_t, 32>& key) : key_(key) {}

  std::array<std::uint8_t, 32> key_;
};

}  // namespace gatehouse::crypto
