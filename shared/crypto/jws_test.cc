#include "shared/crypto/jws.h"

#include <doctest/doctest.h>

#include "shared/crypto/encoding.h"
#include "shared/crypto/hmac.h"
#include "shared/crypto/jwk.h"
#include "shared/crypto/key_generation.h"
#include "shared/crypto/rfc7515_vectors.h"

namespace gatehouse::crypto {
namespace {

using nlohmann::json;
namespace v = rfc7515;

std::string a1_key() { return base64url_decode(v::kA1Key).value(); }

VerificationKey a2_public() {
  return parse_public_jwk(json{{"kty", "RSA"}, {"n", v::kA2N}, {"e", v::kA2E}}).value();
}

VerificationKey a3_public() {
  return parse_public_jwk(json{{"kty", "EC"}, {"crv", "P-256"}, {"x", v::kA3X}, {"y", v::kA3Y}}).value();
}

const std::vector<JwsAlgorithm> kHs256{JwsAlgorithm::kHS256};
const std::vector<JwsAlgorithm> kRs256{JwsAlgorithm::kRS256};
const std::vector<JwsAlgorithm> kEs256{JwsAlgorithm::kES256};

// Replaces one character of the part `index` (0 header, 1 payload, 2 sig).
std::string tamper(std::string token, int index) {
  std::size_t start = 0;
  for (int i = 0; i < index; ++i) start = token.find('.', start) + 1;
  token[start + 2] = token[start + 2] == 'A' ? 'B' : 'A';
  return token;
}

TEST_CASE("RFC 7515 A.1: HS256 gives exactly the published signature") {
  CHECK(base64url_encode(hmac_sha256(a1_key(), v::kA1SigningInput)) == v::kA1Signature);
  std::string token = std::string(v::kA1SigningInput) + "." + v::kA1Signature;
  auto decoded = verify_jws_hmac(token, a1_key(), kHs256);
  REQUIRE(decoded);
  CHECK(decoded->payload == v::kPayload);
  CHECK(decoded->header["typ"] == "JWT");
  CHECK(decoded->alg == JwsAlgorithm::kHS256);
  CHECK_FALSE(verify_jws_hmac(token, "another secret", kHs256));
  CHECK_FALSE(verify_jws_hmac(tamper(token, 1), a1_key(), kHs256));
}

TEST_CASE("RFC 7515 A.2: RS256 signing is deterministic and gives the published signature") {
  auto key = SigningKey::from_pem(v::kA2PrivateKeyPkcs1);
  REQUIRE(key);
  // The PEM is the RFC key: its public members equal the RFC's.
  CHECK(key->public_jwk()["n"] == v::kA2N);
  CHECK(key->public_jwk()["e"] == v::kA2E);
  auto sig = key->sign(JwsAlgorithm::kRS256, v::kA2SigningInput);
  REQUIRE(sig);
  CHECK(base64url_encode(*sig) == v::kA2Signature);

  std::string token = std::string(v::kA2SigningInput) + "." + v::kA2Signature;
  auto decoded = verify_jws(token, a2_public(), kRs256);
  REQUIRE(decoded);
  CHECK(decoded->payload == v::kPayload);
  CHECK(verify_jws(token, key->verification_key(), kRs256));
}

TEST_CASE("RFC 7515 A.3: ES256 published signature verifies; sign-then-verify round-trips") {
  std::string token = std::string(v::kA3SigningInput) + "." + v::kA3Signature;
  auto decoded = verify_jws(token, a3_public(), kEs256);
  REQUIRE(decoded);
  CHECK(decoded->payload == v::kPayload);
  CHECK_FALSE(verify_jws(tamper(token, 2), a3_public(), kEs256));

  auto key = SigningKey::from_pem(v::kA3PrivateKeySec1);
  REQUIRE(key);
  CHECK(key->public_jwk()["x"] == v::kA3X);
  CHECK(key->public_jwk()["y"] == v::kA3Y);
  auto signed_token = sign_jws(json::object(), v::kPayload, *key, JwsAlgorithm::kES256);
  REQUIRE(signed_token);
  // Raw R||S: 64 bytes, i.e. 86 base64url characters (RFC 7518 §3.4).
  CHECK(signed_token->substr(signed_token->rfind('.') + 1).size() == 86);
  auto again = verify_jws(*signed_token, a3_public(), kEs256);
  REQUIRE(again);
  CHECK(again->payload == v::kPayload);
  CHECK(again->header["kid"] == key->kid());
}

TEST_CASE("tampered tokens are rejected in every part") {
  auto key = SigningKey::from_pem(v::kA2PrivateKeyPkcs1).value();
  auto token = sign_jws(json{{"typ", "JWT"}}, R"({"sub":"alice"})", key, JwsAlgorithm::kRS256).value();
  REQUIRE(verify_jws(token, key.verification_key(), kRs256));
  for (int part = 0; part < 3; ++part) {
    CAPTURE(part);
    CHECK_FALSE(verify_jws(tamper(token, part), key.verification_key(), kRs256));
  }
  CHECK_FALSE(verify_jws(token + "A", key.verification_key(), kRs256));
}

TEST_CASE("algorithms outside the allowed list, and alg none, are rejected") {
  auto key = SigningKey::from_pem(v::kA2PrivateKeyPkcs1).value();
  auto token = sign_jws(json{}, "x", key, JwsAlgorithm::kRS256).value();
  auto err = verify_jws(token, key.verification_key(), {JwsAlgorithm::kPS256});
  REQUIRE_FALSE(err);
  CHECK(err.error().code == ErrorCode::kUnauthorized);

  // RFC 7519 §6.1 unsecured JWT.
  std::string none = "eyJhbGciOiJub25lIn0."
                     "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";
  auto none_result = verify_jws(none, key.verification_key(), all_jws_algorithms());
  REQUIRE_FALSE(none_result);
  CHECK(none_result.error().message.find("none") != std::string::npos);
  CHECK_FALSE(verify_jws_hmac(none, "secret", all_jws_algorithms()));
  CHECK_FALSE(decode_jws_unverified(none));

  std::string unknown = base64url_encode(R"({"alg":"XS256"})") + "." + base64url_encode("x") + ".c2ln";
  CHECK_FALSE(verify_jws(unknown, key.verification_key(), all_jws_algorithms()));
}

TEST_CASE("an RSA public key can not be abused as an HMAC secret") {
  // The classic confusion: an attacker signs HS256 with the public key bytes.
  auto key = SigningKey::from_pem(v::kA2PrivateKeyPkcs1).value();
  std::string fake = sign_jws_hmac(json{}, "x", v::kA2N, JwsAlgorithm::kHS256).value();
  CHECK_FALSE(verify_jws(fake, key.verification_key(), all_jws_algorithms()));
  auto rs = sign_jws(json{}, "x", key, JwsAlgorithm::kRS256).value();
  CHECK_FALSE(verify_jws_hmac(rs, v::kA2N, all_jws_algorithms()));
}

TEST_CASE("HS384 and HS512 round-trip; the MAC binds the secret") {
  for (auto alg : {JwsAlgorithm::kHS256, JwsAlgorithm::kHS384, JwsAlgorithm::kHS512}) {
    CAPTURE(to_string(alg));
    auto token = sign_jws_hmac(json{{"typ", "JWT"}}, "payload", "client-secret", alg).value();
    auto decoded = verify_jws_hmac(token, "client-secret", {alg});
    REQUIRE(decoded);
    CHECK(decoded->header["alg"] == std::string(to_string(alg)));
    CHECK(decoded->payload == "payload");
    CHECK_FALSE(verify_jws_hmac(token, "client-secreT", {alg}));
  }
  CHECK_FALSE(sign_jws_hmac(json{}, "x", "s", JwsAlgorithm::kRS256));
}

TEST_CASE("malformed tokens are invalid input") {
  auto key = a2_public();
  for (const char* bad : {"", "a.b", "a.b.c.d", "!!.e30.", "e30.e30.", "W10.e30."}) {
    CAPTURE(bad);
    auto r = verify_jws(bad, key, kRs256);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::kInvalidInput);
  }
}

TEST_CASE("crit headers are rejected") {
  auto key = SigningKey::from_pem(v::kA2PrivateKeyPkcs1).value();
  auto token = sign_jws(json{{"crit", {"exp"}}, {"exp", 1}}, "x", key, JwsAlgorithm::kRS256).value();
  CHECK_FALSE(verify_jws(token, key.verification_key(), kRs256));
}

TEST_CASE("a key set selects by kid, else by algorithm") {
  auto rsa = SigningKey::from_pem(v::kA2PrivateKeyPkcs1, {}, "rsa-1").value();
  auto ec = SigningKey::from_pem(v::kA3PrivateKeySec1, {}, "ec-1").value();
  auto other = SigningKey::from_pem(generate_rsa_private_key_pem().value(), {}, "rsa-2").value();
  std::vector<VerificationKey> set{other.verification_key(), ec.verification_key(), rsa.verification_key()};
  const auto& all = all_jws_algorithms();

  auto by_kid = sign_jws(json{}, "1", rsa, JwsAlgorithm::kPS256).value();
  CHECK(verify_jws(by_kid, set, all));
  auto ec_token = sign_jws(json{}, "2", ec, JwsAlgorithm::kES256).value();
  CHECK(verify_jws(ec_token, set, all));

  // Without a kid every RSA key is tried.
  auto input = base64url_encode(R"({"alg":"RS256"})") + "." + base64url_encode("3");
  auto no_kid = input + "." + base64url_encode(rsa.sign(JwsAlgorithm::kRS256, input).value());
  CHECK(verify_jws(no_kid, set, all));

  // A kid not in the set fails even though a key would verify.
  std::vector<VerificationKey> without_rsa{other.verification_key(), ec.verification_key()};
  auto missing = verify_jws(by_kid, without_rsa, all);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("no key") != std::string::npos);
}

TEST_CASE("decode_jws_unverified reads header and payload without a key") {
  auto key = SigningKey::from_pem(v::kA3PrivateKeySec1, {}, "k").value();
  auto token = sign_jws(json{{"typ", "JWT"}}, R"({"iss":"client"})", key, JwsAlgorithm::kES256).value();
  auto decoded = decode_jws_unverified(token);
  REQUIRE(decoded);
  CHECK(decoded->header["kid"] == "k");
  CHECK(decoded->payload == R"({"iss":"client"})");
}

TEST_CASE("generated keys sign and verify with every algorithm they support") {
  auto rsa = SigningKey::from_pem(generate_rsa_private_key_pem().value()).value();
  auto p256 = SigningKey::from_pem(generate_ec_p256_private_key_pem().value()).value();
  auto p384 = SigningKey::from_pem(generate_ec_p384_private_key_pem().value()).value();
  int checked = 0;
  for (const SigningKey* key : {&rsa, &p256, &p384}) {
    // Through the public JWK, as a relying party would.
    auto public_key = parse_public_jwk(key->public_jwk()).value();
    for (JwsAlgorithm alg : all_jws_algorithms()) {
      CAPTURE(to_string(alg));
      if (!key->supports(alg)) {
        CHECK_FALSE(sign_jws(json{}, "p", *key, alg));
        continue;
      }
      auto token = sign_jws(json{}, "p", *key, alg).value();
      auto decoded = verify_jws(token, public_key, {alg});
      CHECK(decoded);
      CHECK_FALSE(verify_jws(tamper(token, 2), public_key, {alg}));
      ++checked;
    }
  }
  CHECK(checked == 8);  // RS256/384/512, PS256/384/512, ES256, ES384
}

}  // namespace
}  // namespace gatehouse::crypto
