#include "shared/crypto/encryption.h"

#include <openssl/crypto.h>

#include "shared/crypto/encoding.h"
#include "shared/crypto/openssl_handles.h"
#include "shared/crypto/random.h"

namespace gatehouse::crypto {
namespace {

constexpr std::size_t kNonceSize = 12;  // RFC 8439 §2.8
constexpr std::size_t kTagSize = 16;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

Result<Encrypter> Encrypter::from_hex(std::string_view hex) {
  if (hex.size() != 64) {
    return fail(ErrorCode::kConfig,
                "secrets.encryption must be 64 hex characters (32 bytes)",
                "got " + std::to_string(hex.size()) + " characters");
  }
  auto raw = hex_decode(hex);
  if (!raw) return fail(ErrorCode::kConfig, "secrets.encryption must be 64 hex characters (32 bytes)", "not hex");
  std::array<std::uint8_t, 32> key{};
  std::copy(raw->begin(), raw->end(), key.begin());
  OPENSSL_cleanse(raw->data(), raw->size());
  return Encrypter(key);
}

Encrypter::~Encrypter() { OPENSSL_cleanse(key_.data(), key_.size()); }

Result<std::string> Encrypter::encrypt(std::string_view plaintext) const {
  std::string nonce = random_bytes(kNonceSize);
  std::string out = nonce;
  out.resize(kNonceSize + plaintext.size() + kTagSize);
  auto* ct = reinterpret_cast<unsigned char*>(out.data()) + kNonceSize;
  internal::CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0, final_len = 0;
  if (!ctx ||
      EVP_EncryptInit_ex2(ctx.get(), internal::chacha20_poly1305_cipher(), key_.data(), bytes(nonce), nullptr) != 1 ||
      EVP_EncryptUpdate(ctx.get(), ct, &len, bytes(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), ct + len, &final_len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, kTagSize, ct + plaintext.size()) != 1) {
    return fail(ErrorCode::kCrypto, "encryption failed", internal::drain_openssl_errors());
  }
  return base64_encode(out);
}

Result<std::string> Encrypter::decrypt(std::string_view text) const {
  auto raw = base64_decode(text);
  if (!raw) return fail(ErrorCode::kCrypto, "encrypted value is not base64");
  if (raw->size() < kNonceSize + kTagSize) return fail(ErrorCode::kCrypto, "encrypted value is too short");
  std::string_view all(*raw);
  std::string_view nonce = all.substr(0, kNonceSize);
  std::string_view ct = all.substr(kNonceSize, all.size() - kNonceSize - kTagSize);
  std::string tag(all.substr(all.size() - kTagSize));
  std::string plain(ct.size(), '\0');
  auto* pt = reinterpret_cast<unsigned char*>(plain.data());
  internal::CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0, final_len = 0;
  bool ok = ctx &&
            EVP_DecryptInit_ex2(ctx.get(), internal::chacha20_poly1305_cipher(), key_.data(), bytes(nonce), nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, kTagSize, tag.data()) == 1 &&
            EVP_DecryptUpdate(ctx.get(), pt, &len, bytes(ct), static_cast<int>(ct.size())) == 1 &&
            // Final checks the Poly1305 tag; on mismatch the plaintext is discarded.
            EVP_DecryptFinal_ex(ctx.get(), pt + len, &final_len) == 1;
  if (!ok) {
    OPENSSL_cleanse(plain.data(), plain.size());
    internal::drain_openssl_errors();
    return fail(ErrorCode::kCrypto, "encrypted value is corrupt or was made with another key");
  }
  return plain;
}

}  // namespace gatehouse::crypto
