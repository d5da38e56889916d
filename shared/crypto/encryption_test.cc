#include "shared/crypto/encryption.h"

#include <doctest/doctest.h>

#include "shared/crypto/encoding.h"

namespace gatehouse::crypto {
namespace {

constexpr const char* kKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

TEST_CASE("decrypts a value made by an independent ChaCha20-Poly1305 (MAS format)") {
  // python3 -c "from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305; import base64;
  //   k=bytes.fromhex('<kKeyHex>'); n=bytes(range(12));
  //   print(base64.b64encode(n+ChaCha20Poly1305(k).encrypt(n,b'client-secret-value',None)).decode())"
  auto enc = Encrypter::from_hex(kKeyHex).value();
  auto plain = enc.decrypt("AAECAwQFBgcICQoL6pdhZUdjiDPS4E2W7DB4AqUF1+1iXJCaBMrJk8XFDuGydZg=");
  REQUIRE(plain);
  CHECK(*plain == "client-secret-value");
}

TEST_CASE("encrypt output is base64(nonce12 || ciphertext || tag16) and round-trips") {
  auto enc = Encrypter::from_hex(kKeyHex).value();
  for (std::string plain : {std::string(), std::string("x"), std::string(1000, 'y')}) {
    auto text = enc.encrypt(plain);
    REQUIRE(text);
    CHECK(base64_decode(*text)->size() == 12 + plain.size() + 16);
    CHECK(enc.decrypt(*text).value() == plain);
  }
  // A fresh nonce each time.
  CHECK(enc.encrypt("same").value() != enc.encrypt("same").value());
}

TEST_CASE("tampering, another key or junk give an error, never garbage") {
  auto enc = Encrypter::from_hex(kKeyHex).value();
  std::string text = enc.encrypt("secret value").value();
  std::string raw = base64_decode(text).value();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    CAPTURE(i);
    std::string flipped = raw;
    flipped[i] ^= 0x01;
    auto r = enc.decrypt(base64_encode(flipped));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::kCrypto);
  }
  auto other = Encrypter::from_hex(std::string(64, 'a')).value();
  CHECK_FALSE(other.decrypt(text));
  CHECK_FALSE(enc.decrypt(base64_encode(raw.substr(0, 27))));  // shorter than nonce + tag
  CHECK_FALSE(enc.decrypt("not base64!"));
  CHECK_FALSE(enc.decrypt(""));
}

TEST_CASE("the key must be exactly 64 hex characters") {
  auto short_key = Encrypter::from_hex("0011");
  REQUIRE_FALSE(short_key);
  CHECK(short_key.error().code == ErrorCode::kConfig);
  CHECK(short_key.error().message.find("64 hex") != std::string::npos);
  CHECK_FALSE(Encrypter::from_hex(std::string(66, '0')));
  CHECK_FALSE(Encrypter::from_hex(std::string(64, 'g')));
  CHECK(Encrypter::from_hex(std::string(64, 'F')));
}

}  // namespace
}  // namespace gatehouse::crypto
