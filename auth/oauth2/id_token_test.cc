#include "auth/oauth2/id_token.h"

#include <doctest/doctest.h>

#include "shared/crypto/digest.h"
#include "shared/crypto/encoding.h"
#include "shared/crypto/jws.h"
#include "shared/crypto/key_generation.h"

namespace gatehouse::auth::oauth2 {

TEST_CASE("id_token: claims, aud as a plain string, hashes of the left half") {
  IdTokenInput in;
  in.issuer = "https://auth.example/";
  in.subject = "01HUSER0000000000000000000";
  in.client_id = "01HCL1ENT0000000000000000A";
  in.now_s = 1'700'000'000;
  in.auth_time_s = 1'699'999'000;
  in.nonce = "n-0S6_WzA2Mj";
  in.access_token = "mat_token";
  in.code = "code123";
  auto c = id_token_claims(in, crypto::JwsAlgorithm::kRS256);
  CHECK(c["iss"] == in.issuer);
  CHECK(c["sub"] == in.subject);
  CHECK(c["aud"].is_string());
  CHECK(c["aud"] == in.client_id);
  CHECK(c["iat"] == 1'700'000'000);
  CHECK(c["exp"] == 1'700'003'600);
  CHECK(c["auth_time"] == 1'699'999'000);
  CHECK(c["nonce"] == in.nonce);
  const std::string digest = crypto::sha256("mat_token");
  CHECK(c["at_hash"] == crypto::base64url_encode(digest.substr(0, 16)));
  CHECK(c["c_hash"] == crypto::base64url_encode(crypto::sha256("code123").substr(0, 16)));
  CHECK(left_half_hash(crypto::JwsAlgorithm::kES384, "x").size() ==
        crypto::base64url_encode(std::string(24, 'a')).size());

  IdTokenInput bare = in;
  bare.nonce.reset();
  bare.auth_time_s.reset();
  bare.code.reset();
  auto b = id_token_claims(bare, crypto::JwsAlgorithm::kRS256);
  CHECK(!b.contains("nonce"));
  CHECK(!b.contains("auth_time"));
  CHECK(!b.contains("c_hash"));
}

TEST_CASE("id_token: RS256 by default, signed with the keystore key and its kid") {
  CHECK(*id_token_algorithm(std::nullopt) == crypto::JwsAlgorithm::kRS256);
  CHECK(*id_token_algorithm(std::string("ES256")) == crypto::JwsAlgorithm::kES256);
  CHECK(!id_token_algorithm(std::string("HS256")));
  CHECK(!id_token_algorithm(std::string("none")));

  auto pem = crypto::generate_rsa_private_key_pem();
  REQUIRE(pem);
  auto key = crypto::SigningKey::from_pem(*pem, {}, "key-1");
  REQUIRE(key);
  auto store = crypto::Keystore::create({*key});
  REQUIRE(store);
  IdTokenInput in;
  in.issuer = "https://auth.example/";
  in.subject = "01HUSER0000000000000000000";
  in.client_id = "client";
  in.now_s = 1;
  auto jwt = sign_id_token(*store, in, crypto::JwsAlgorithm::kRS256);
  REQUIRE(jwt);
  auto verified = crypto::verify_jws(*jwt, key->verification_key(), {crypto::JwsAlgorithm::kRS256});
  REQUIRE(verified);
  CHECK(verified->header["kid"] == "key-1");
  CHECK(nlohmann::json::parse(verified->payload)["aud"] == "client");
  // No EC key in the store: ES256 cannot be signed.
  CHECK(!sign_id_token(*store, in, crypto::JwsAlgorithm::kES256));
}

}  // namespace gatehouse::auth::oauth2
