#include "shared/crypto/signing_key.h"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "shared/crypto/jwk.h"
#include "shared/crypto/key_generation.h"
#include "shared/crypto/rfc7515_vectors.h"

namespace gatehouse::crypto {
namespace {

namespace v = rfc7515;

// The A.3 key as PKCS#8 (`openssl pkcs8 -topk8 -nocrypt`).
constexpr const char* kA3Pkcs8 = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgjpsQnnGQmL+YBIff
H1136cspYG6+0iY7X1fCE9+E9LKhRANCAAR/zc4ncPbEXUGDy+5v20t7WAczNXvp
7xO6z248e9FURcfxRM0bvZt+hyzf7bnuufSzaV1uqQskrYpGIyiFiOWt
-----END PRIVATE KEY-----
)";

// The A.3 key as encrypted PKCS#8, password "correct-horse"
// (`openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:correct-horse`).
constexpr const char* kA3EncryptedPkcs8 = R"(-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgFqktekm+V9QICCAAw
DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEJCGmk6XXJJv6gP1avwRYCAEgZB2
T/43e3Oej7niSCmGoZsLN2FvxNwCwlvHnaq8cBEJBlyBpKntpWmFtdFgm9i/E8E4
uvLvNUSsLPr+ABpXkKr3PT7cqgBkfaV6Ay4cGI2TdPV4B80W7eHRS5hJ97FBe+H2
stdgUFBGhgUA8xHgo3nnJoeeEgUW3kk+0L76Izu61PWmTLNCLkc0C2y3XlI5WHE=
-----END ENCRYPTED PRIVATE KEY-----
)";

// A P-384 key in SEC1 form (`openssl ecparam -name secp384r1 -genkey -noout`).
constexpr const char* kP384Sec1 = R"(-----BEGIN EC PRIVATE KEY-----
MIGkAgEBBDDl/0WNkyANb5mWUlU4Fe4X537HWu49bis0bChRMlBbeg1jC3LDjmkt
pMCFJfe1QU2gBwYFK4EEACKhZANiAAQnzHIpeO2KDmOEbnqLuXxv4HfwonIZdtfo
gMImNIkvwvgkRNiWMCZgpmIHNJOiKEsTjZFeCQjJJEdCM+tPRGEW8E3SKe1qDHyD
PrIe0Yy6DwL5Bx/AZ/8bPXXisiCZLg8=
-----END EC PRIVATE KEY-----
)";

// An Ed25519 key (`openssl genpkey -algorithm ed25519`): not supported.
constexpr const char* kEd25519 = R"(-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIDL0cMRmN0BDicfo7/+vD0kLVYv4C5b+apbWMkYwpduZ
-----END PRIVATE KEY-----
)";

TEST_CASE("RSA PKCS#1 key: algorithms, thumbprint kid, public JWK") {
  auto key = SigningKey::from_pem(v::kA2PrivateKeyPkcs1);
  REQUIRE(key);
  CHECK(key->type() == KeyType::kRsa);
  CHECK(key->algorithms() == std::vector<JwsAlgorithm>{JwsAlgorithm::kRS256, JwsAlgorithm::kRS384,
                                                       JwsAlgorithm::kRS512, JwsAlgorithm::kPS256});
  const auto& jwk = key->public_jwk();
  CHECK(key->kid() == rfc7638_thumbprint(jwk).value());
  CHECK(jwk["kid"] == key->kid());
  CHECK(jwk["use"] == "sig");
  CHECK(jwk["kty"] == "RSA");
  CHECK_FALSE(jwk.contains("alg"));
  CHECK_FALSE(jwk.contains("d"));
  CHECK_FALSE(jwk.contains("p"));
}

TEST_CASE("a configured kid wins over the thumbprint") {
  auto key = SigningKey::from_pem(v::kA2PrivateKeyPkcs1, {}, "2024-key");
  REQUIRE(key);
  CHECK(key->kid() == "2024-key");
  CHECK(key->public_jwk()["kid"] == "2024-key");
}

TEST_CASE("EC keys in SEC1, PKCS#8 and encrypted PKCS#8 are the same key") {
  auto sec1 = SigningKey::from_pem(v::kA3PrivateKeySec1);
  auto pkcs8 = SigningKey::from_pem(kA3Pkcs8);
  auto encrypted = SigningKey::from_pem(kA3EncryptedPkcs8, "correct-horse");
  REQUIRE(sec1);
  REQUIRE(pkcs8);
  REQUIRE(encrypted);
  for (const auto* key : {&*sec1, &*pkcs8, &*encrypted}) {
    CHECK(key->type() == KeyType::kEcP256);
    CHECK(key->public_jwk()["x"] == v::kA3X);
    CHECK(key->public_jwk()["y"] == v::kA3Y);
    CHECK(key->public_jwk()["crv"] == "P-256");
    CHECK(key->public_jwk()["alg"] == "ES256");
    CHECK(key->algorithms() == std::vector<JwsAlgorithm>{JwsAlgorithm::kES256});
  }
  CHECK(sec1->kid() == "oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U");
}

TEST_CASE("encrypted keys need the right password and never prompt") {
  auto none = SigningKey::from_pem(kA3EncryptedPkcs8);
  REQUIRE_FALSE(none);
  CHECK(none.error().message.find("no password") != std::string::npos);
  auto wrong = SigningKey::from_pem(kA3EncryptedPkcs8, "battery-staple");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == ErrorCode::kCrypto);
}

TEST_CASE("P-384 SEC1 key signs ES384 only") {
  auto key = SigningKey::from_pem(kP384Sec1);
  REQUIRE(key);
  CHECK(key->type() == KeyType::kEcP384);
  CHECK(key->public_jwk()["crv"] == "P-384");
  CHECK(key->algorithms() == std::vector<JwsAlgorithm>{JwsAlgorithm::kES384});
  CHECK(key->sign(JwsAlgorithm::kES384, "x").value().size() == 96);
  CHECK_FALSE(key->sign(JwsAlgorithm::kES256, "x"));
  CHECK_FALSE(key->sign(JwsAlgorithm::kRS256, "x"));
}

TEST_CASE("unsupported or malformed keys are refused") {
  CHECK(SigningKey::from_pem(kEd25519).error().code == ErrorCode::kCrypto);
  CHECK_FALSE(SigningKey::from_pem("not a key"));
  CHECK_FALSE(SigningKey::from_pem(""));
  // A public key is not a signing key.
  CHECK_FALSE(SigningKey::from_pem(
      "-----BEGIN PUBLIC KEY-----\n"
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV7\n"
      "6e8Tus9uPHvRVEXH8UTNG72bfocs3+257rn0s2ldbqkLJK2KRiMohYjlrQ==\n"
      "-----END PUBLIC KEY-----\n"));
  // RSA under 2048 bits (RFC 7518 §3.3).
  EVP_PKEY* small = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(1024));
  REQUIRE(small != nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, small, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  EVP_PKEY_free(small);
  auto refused = SigningKey::from_pem(pem);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("2048") != std::string::npos);
}

TEST_CASE("generated keys load with the expected types") {
  CHECK(SigningKey::from_pem(generate_rsa_private_key_pem().value())->type() == KeyType::kRsa);
  CHECK(SigningKey::from_pem(generate_ec_p256_private_key_pem().value())->type() == KeyType::kEcP256);
  CHECK(SigningKey::from_pem(generate_ec_p384_private_key_pem().value())->type() == KeyType::kEcP384);
}

}  // namespace
}  // namespace gatehouse::crypto
