#include "shared/crypto/key_generation.h"

#include <doctest/doctest.h>
#include <openssl/pem.h>

#include "shared/crypto/openssl_handles.h"

namespace gatehouse::crypto {
namespace {

// Parses the PEM back with plain OpenSSL, independent of SigningKey.
internal::PkeyPtr parse(const std::string& pem) {
  internal::BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return internal::PkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

TEST_CASE("generated RSA key is PKCS#8 PEM of the requested size") {
  auto pem = generate_rsa_private_key_pem(2048);
  REQUIRE(pem);
  CHECK(pem->rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
  auto key = parse(*pem);
  REQUIRE(key);
  CHECK(EVP_PKEY_is_a(key.get(), "RSA"));
  CHECK(EVP_PKEY_get_bits(key.get()) == 2048);
  CHECK(*pem != *generate_rsa_private_key_pem(2048));
}

TEST_CASE("RSA key sizes outside [2048, 8192] are refused") {
  CHECK(generate_rsa_private_key_pem(1024).error().code == ErrorCode::kInvalidInput);
  CHECK_FALSE(generate_rsa_private_key_pem(16384));
}

TEST_CASE("generated EC keys are on the requested curve") {
  auto p256 = generate_ec_p256_private_key_pem();
  REQUIRE(p256);
  CHECK(p256->rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
  auto k256 = parse(*p256);
  REQUIRE(k256);
  CHECK(EVP_PKEY_is_a(k256.get(), "EC"));
  CHECK(EVP_PKEY_get_bits(k256.get()) == 256);
  auto p384 = generate_ec_p384_private_key_pem();
  REQUIRE(p384);
  auto k384 = parse(*p384);
  REQUIRE(k384);
  CHECK(EVP_PKEY_get_bits(k384.get()) == 384);
}

}  // namespace
}  // namespace gatehouse::crypto
