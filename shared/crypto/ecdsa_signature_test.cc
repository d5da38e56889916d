#include "shared/crypto/ecdsa_signature.h"

#include <doctest/doctest.h>

#include "shared/crypto/encoding.h"
#include "shared/crypto/rfc7515_vectors.h"

namespace gatehouse::crypto {
namespace {

TEST_CASE("raw R||S and DER convert both ways") {
  std::string raw = base64url_decode(rfc7515::kA3Signature).value();
  REQUIRE(raw.size() == 64);
  auto der = ecdsa_raw_to_der(raw, 32);
  REQUIRE(der);
  CHECK(static_cast<unsigned char>((*der)[0]) == 0x30);  // SEQUENCE
  // S of the A.3 signature starts with 0xc5, so DER adds a 0x00 before it:
  // 2 + (2 + 32) + (2 + 33) = 71 bytes.
  CHECK(der->size() == 71);
  CHECK(ecdsa_der_to_raw(*der, 32).value() == raw);
}

TEST_CASE("short integers are left-padded to the curve size") {
  // SEQUENCE { INTEGER 1, INTEGER 2 }
  std::string der("\x30\x06\x02\x01\x01\x02\x01\x02", 8);
  auto raw = ecdsa_der_to_raw(der, 32);
  REQUIRE(raw);
  CHECK(raw->size() == 64);
  CHECK((*raw)[31] == 1);
  CHECK((*raw)[63] == 2);
  CHECK(ecdsa_raw_to_der(*raw, 32).value() == der);
}

TEST_CASE("wrong lengths and junk are refused") {
  CHECK_FALSE(ecdsa_raw_to_der(std::string(63, '\x01'), 32));
  CHECK_FALSE(ecdsa_raw_to_der(std::string(96, '\x01'), 32));
  CHECK_FALSE(ecdsa_der_to_raw("junk", 32));
  std::string raw48(96, '\x7f');
  CHECK_FALSE(ecdsa_der_to_raw(ecdsa_raw_to_der(raw48, 48).value(), 32));  // too big for P-256
}

}  // namespace
}  // namespace gatehouse::crypto
