#include "shared/crypto/pkce.h"

#include <doctest/doctest.h>

namespace gatehouse::crypto {
namespace {

// RFC 7636 appendix B.
constexpr const char* kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr const char* kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

TEST_CASE("S256 challenge matches RFC 7636 appendix B") {
  CHECK(pkce_s256_challenge(kVerifier) == kChallenge);
}

TEST_CASE("pkce_verify accepts the right verifier only") {
  CHECK(pkce_verify("S256", kVerifier, kChallenge));
  std::string wrong = kVerifier;
  wrong[0] = 'e';
  CHECK_FALSE(pkce_verify("S256", wrong, kChallenge));
  CHECK_FALSE(pkce_verify("S256", kVerifier, kVerifier));  // plain value under S256
  CHECK(pkce_verify("plain", kVerifier, kVerifier));
  CHECK_FALSE(pkce_verify("plain", kVerifier, kChallenge));
  CHECK_FALSE(pkce_verify("s256", kVerifier, kChallenge));  // method is case-sensitive
  CHECK_FALSE(pkce_verify("", kVerifier, kChallenge));
}

TEST_CASE("verifiers outside RFC 7636 §4.1 are refused") {
  std::string short_v(42, 'a');
  CHECK_FALSE(pkce_verify("plain", short_v, short_v));
  std::string long_v(129, 'a');
  CHECK_FALSE(pkce_verify("plain", long_v, long_v));
  std::string bad(43, 'a');
  bad[5] = '+';
  CHECK_FALSE(pkce_verify("plain", bad, bad));
  std::string ok_v(128, '~');
  CHECK(pkce_verify("plain", ok_v, ok_v));
}

}  // namespace
}  // namespace gatehouse::crypto
