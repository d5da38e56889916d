// FIPS 180-2 appendix examples ("abc"), checked with python3 hashlib.
#include "shared/crypto/digest.h"

#include <doctest/doctest.h>

#include "shared/crypto/encoding.h"

namespace gatehouse::crypto {
namespace {

TEST_CASE("SHA-2 digests of \"abc\"") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256("abc").size() == 32);
  CHECK(hex_encode(sha384("abc")) ==
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
        "8086072ba1e7cc2358baeca134c825a7");
  CHECK(hex_encode(sha512("abc")) ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST_CASE("SHA-256 of the empty string") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace gatehouse::crypto
