#include "shared/crypto/keystore.h"

#include <doctest/doctest.h>

#include "shared/crypto/jwk.h"
#include "shared/crypto/rfc7515_vectors.h"

namespace gatehouse::crypto {
namespace {

namespace v = rfc7515;

Keystore two_keys() {
  // EC first in config order, to show RS256 still leads algorithms().
  std::vector<SigningKey> keys{SigningKey::from_pem(v::kA3PrivateKeySec1, {}, "ec").value(),
                               SigningKey::from_pem(v::kA2PrivateKeyPkcs1, {}, "rsa").value()};
  return Keystore::create(std::move(keys)).value();
}

TEST_CASE("jwks has one public JWK per key, in config order") {
  Keystore store = two_keys();
  const auto& jwks = store.jwks();
  REQUIRE(jwks.is_object());
  REQUIRE(jwks.size() == 1);
  REQUIRE(jwks["keys"].is_array());
  REQUIRE(jwks["keys"].size() == 2);
  CHECK(jwks["keys"][0]["kid"] == "ec");
  CHECK(jwks["keys"][0]["kty"] == "EC");
  CHECK(jwks["keys"][0]["alg"] == "ES256");
  CHECK(jwks["keys"][1]["kid"] == "rsa");
  CHECK(jwks["keys"][1]["use"] == "sig");
  for (const auto& jwk : jwks["keys"]) CHECK_FALSE(jwk.contains("d"));
  CHECK(nlohmann::json::parse(store.jwks_text()) == jwks);
  // A relying party can use every published key.
  CHECK(parse_jwks(jwks)->size() == 2);
}

TEST_CASE("lookups by algorithm and kid") {
  Keystore store = two_keys();
  REQUIRE(store.find_for_algorithm(JwsAlgorithm::kRS256) != nullptr);
  CHECK(store.find_for_algorithm(JwsAlgorithm::kRS256)->kid() == "rsa");
  CHECK(store.find_for_algorithm(JwsAlgorithm::kPS256)->kid() == "rsa");
  CHECK(store.find_for_algorithm(JwsAlgorithm::kES256)->kid() == "ec");
  CHECK(store.find_for_algorithm(JwsAlgorithm::kES384) == nullptr);
  CHECK(store.find_for_algorithm(JwsAlgorithm::kHS256) == nullptr);
  CHECK(store.find_by_kid("ec")->type() == KeyType::kEcP256);
  CHECK(store.find_by_kid("nope") == nullptr);
}

TEST_CASE("algorithms is the union with RS256 first") {
  Keystore store = two_keys();
  CHECK(store.algorithms() == std::vector<JwsAlgorithm>{JwsAlgorithm::kRS256, JwsAlgorithm::kES256,
                                                        JwsAlgorithm::kRS384, JwsAlgorithm::kRS512,
                                                        JwsAlgorithm::kPS256});
}

TEST_CASE("duplicate kids are a config error; empty stores are allowed") {
  std::vector<SigningKey> keys{SigningKey::from_pem(v::kA3PrivateKeySec1, {}, "same").value(),
                               SigningKey::from_pem(v::kA2PrivateKeyPkcs1, {}, "same").value()};
  auto dup = Keystore::create(std::move(keys));
  REQUIRE_FALSE(dup);
  CHECK(dup.error().code == ErrorCode::kConfig);
  auto empty = Keystore::create({});
  REQUIRE(empty);
  CHECK(empty->jwks_text() == R"({"keys":[]})");
  CHECK(empty->algorithms().empty());
}

}  // namespace
}  // namespace gatehouse::crypto
