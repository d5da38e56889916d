#include "shared/crypto/jwk.h"

#include <doctest/doctest.h>

#include "shared/crypto/encoding.h"
#include "shared/crypto/rfc7515_vectors.h"

namespace gatehouse::crypto {
namespace {

using nlohmann::json;

// RFC 7638 §3.1, verbatim.
const json kRfc7638Jwk = {
    {"kty", "RSA"},
    {"n",
     "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"},
    {"e", "AQAB"},
    {"alg", "RS256"},
    {"kid", "2011-04-29"},
};

TEST_CASE("RFC 7638 §3.1 thumbprint") {
  CHECK(rfc7638_thumbprint(kRfc7638Jwk).value() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  // Optional members do not change it; a required one does.
  json bare = {{"kty", "RSA"}, {"n", kRfc7638Jwk["n"]}, {"e", "AQAB"}};
  CHECK(rfc7638_thumbprint(bare).value() == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  bare["e"] = "AQAC";
  CHECK(rfc7638_thumbprint(bare).value() != "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  CHECK_FALSE(rfc7638_thumbprint(json{{"kty", "RSA"}, {"n", "AQAB"}}));
  CHECK_FALSE(rfc7638_thumbprint(json{{"kty", "oct"}, {"k", "AQAB"}}));
}

TEST_CASE("EC thumbprint uses crv, kty, x, y") {
  // python3: base64url(sha256('{"crv":"P-256","kty":"EC","x":"<A.3 x>","y":"<A.3 y>"}'))
  json jwk = {{"kty", "EC"}, {"crv", "P-256"}, {"x", rfc7515::kA3X}, {"y", rfc7515::kA3Y}, {"use", "sig"}};
  CHECK(rfc7638_thumbprint(jwk).value() == "oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U");
}

TEST_CASE("parse_public_jwk reads RSA and EC keys with kid and alg") {
  auto rsa = parse_public_jwk(kRfc7638Jwk);
  REQUIRE(rsa);
  CHECK(rsa->type() == KeyType::kRsa);
  CHECK(rsa->kid() == "2011-04-29");
  CHECK(rsa->alg() == JwsAlgorithm::kRS256);
  CHECK(rsa->supports(JwsAlgorithm::kRS256));
  CHECK_FALSE(rsa->supports(JwsAlgorithm::kPS256));  // "alg" restricts it

  auto ec = parse_public_jwk(json{{"kty", "EC"}, {"crv", "P-256"}, {"x", rfc7515::kA3X}, {"y", rfc7515::kA3Y}});
  REQUIRE(ec);
  CHECK(ec->type() == KeyType::kEcP256);
  CHECK(ec->supports(JwsAlgorithm::kES256));
  CHECK_FALSE(ec->supports(JwsAlgorithm::kES384));
}

TEST_CASE("parse_public_jwk refuses bad keys") {
  json ec = {{"kty", "EC"}, {"crv", "P-256"}, {"x", rfc7515::kA3X}, {"y", rfc7515::kA3Y}};
  json off_curve = ec;
  off_curve["y"] = rfc7515::kA3X;  // (x, x) is not on P-256
  CHECK_FALSE(parse_public_jwk(off_curve));
  json short_x = ec;
  short_x["x"] = base64url_encode(std::string(31, '\x01'));
  CHECK_FALSE(parse_public_jwk(short_x));
  json wrong_alg = ec;
  wrong_alg["alg"] = "RS256";
  CHECK_FALSE(parse_public_jwk(wrong_alg));
  json enc = ec;
  enc["use"] = "enc";
  CHECK_FALSE(parse_public_jwk(enc));
  json curve = ec;
  curve["crv"] = "P-521";
  CHECK(parse_public_jwk(curve).error().code == ErrorCode::kCrypto);
  CHECK_FALSE(parse_public_jwk(json{{"kty", "oct"}, {"k", "AQAB"}}));
  CHECK_FALSE(parse_public_jwk(json::array()));
  // A 1024-bit RSA modulus is below RFC 7518 §3.3's minimum.
  json small = {{"kty", "RSA"}, {"n", base64url_encode("\xc1" + std::string(127, '\x07'))}, {"e", "AQAB"}};
  CHECK_FALSE(parse_public_jwk(small));
}

TEST_CASE("parse_jwks skips unusable keys and requires a keys array") {
  json set = {{"keys",
               {kRfc7638Jwk,
                {{"kty", "oct"}, {"k", "AQAB"}},
                {{"kty", "EC"}, {"crv", "P-256"}, {"x", rfc7515::kA3X}, {"y", rfc7515::kA3Y}, {"kid", "ec"}}}}};
  auto keys = parse_jwks(set);
  REQUIRE(keys);
  REQUIRE(keys->size() == 2);
  CHECK((*keys)[1].kid() == "ec");
  CHECK_FALSE(parse_jwks(json{{"key", json::array()}}));
  CHECK_FALSE(parse_jwks(json::array()));
  CHECK(parse_jwks(json{{"keys", json::array()}})->empty());
}

}  // namespace
}  // namespace gatehouse::crypto
