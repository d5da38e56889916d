#include "auth/oauth2/client_authentication.h"

#include <chrono>

#include "auth/oauth2/client_cache.h"

#include "auth/oauth2/test_support.h"
#include "shared/crypto/encoding.h"
#include "shared/crypto/jws.h"
#include "shared/crypto/signing_key.h"

namespace gatehouse::auth::oauth2 {
namespace {

using Kind = ClientCredentials::Kind;
constexpr const char* kClient = "01HCL1ENT0000000000000000A";

Form form_of(std::string_view body) {
  auto f = parse_form(body);
  REQUIRE(f);
  return *f;
}

std::string basic(std::string_view id, std::string_view secret) {
  return "Basic " + crypto::base64_encode(std::string(id) + ":" + std::string(secret));
}

nlohmann::json claims(std::string_view client, std::int64_t now_s, std::string jti) {
  return {{"iss", client}, {"sub", client}, {"aud", "https://auth.example/oauth2/token"},
          {"exp", now_s + 60}, {"iat", now_s}, {"jti", std::move(jti)}};
}

OAuthResult<storage::OAuth2Client> authenticate(testing::Fixture& f, std::string_view header,
                                                std::string_view body, ClientCache* cache = nullptr) {
  auto c = extract_client_credentials(header, form_of(body));
  if (!c) return reject(c.error());
  auto tx = f.ctx->db->begin();
  REQUIRE(tx);
  ClientAuthContext ctx;
  ctx.encrypter = f.ctx->encrypter.get();
  ctx.audiences = {f.ctx->token_endpoint, f.ctx->issuer};
  ctx.now_ms = f.clock->unix_millis();
  ctx.jwks_fetcher = f.fetcher.get();
  ctx.clients = cache;
  auto r = authenticate_client(**tx, *c, ctx);
  REQUIRE((*tx)->commit());
  return r;
}

}  // namespace

TEST_CASE("client credentials: basic, post, none, assertion, and conflicts") {
  auto b = extract_client_credentials(basic("my%20id", "s3cr%3At"), form_of("grant_type=x"));
  REQUIRE(b);
  CHECK(b->kind == Kind::kBasic);
  CHECK(b->client_id == "my id");
  CHECK(b->secret == "s3cr:t");

  auto p = extract_client_credentials("", form_of("client_id=a&client_secret=b"));
  REQUIRE(p);
  CHECK(p->kind == Kind::kPost);

  auto n = extract_client_credentials("", form_of("client_id=a"));
  REQUIRE(n);
  CHECK(n->kind == Kind::kNone);

  auto none = extract_client_credentials("", form_of("grant_type=x"));
  REQUIRE(!none);
  CHECK(none.error().error == "invalid_client");
  CHECK(none.error().status == 401);

  auto two = extract_client_credentials(basic("a", "b"), form_of("client_id=a&client_secret=b"));
  REQUIRE(!two);
  CHECK(two.error().error == "invalid_request");

  auto mismatch = extract_client_credentials(basic("a", "b"), form_of("client_id=c"));
  REQUIRE(!mismatch);
  CHECK(mismatch.error().error == "invalid_request");

  auto bad_type = extract_client_credentials("", form_of("client_assertion=x.y.z&client_assertion_type=foo"));
  REQUIRE(!bad_type);
  CHECK(bad_type.error().error == "invalid_request");
}

TEST_CASE("client authentication: secrets, methods, unknown clients") {
  testing::Fixture f;
  f.add_client(kClient, "client_secret_basic", "correct-secret");
  f.add_client("01HCL1ENT0000000000000000B", "client_secret_post", "post-secret");
  f.add_client("01HCL1ENT0000000000000000C", "none");

  CHECK(authenticate(f, basic(kClient, "correct-secret"), ""));
  auto wrong = authenticate(f, basic(kClient, "wrong-secret"), "");
  REQUIRE(!wrong);
  CHECK(wrong.error().error == "invalid_client");
  CHECK(wrong.error().status == 401);
  CHECK(wrong.error().basic_challenge);
  // Same length, one character off: still refused.
  CHECK(!authenticate(f, basic(kClient, "correct-secreT"), ""));
  // Right secret, wrong method.
  auto method = authenticate(f, "", std::string("client_id=") + kClient + "&client_secret=correct-secret");
  REQUIRE(!method);
  CHECK(method.error().description.find("client_secret_basic") != std::string::npos);

  CHECK(authenticate(f, "", "client_id=01HCL1ENT0000000000000000B&client_secret=post-secret"));
  CHECK(!authenticate(f, "", "client_id=01HCL1ENT0000000000000000B&client_secret=nope"));
  CHECK(authenticate(f, "", "client_id=01HCL1ENT0000000000000000C"));
  // A confidential client cannot drop its secret.
  CHECK(!authenticate(f, "", std::string("client_id=") + kClient));
  auto unknown = authenticate(f, "", "client_id=01HNOPE0000000000000000000");
  REQUIRE(!unknown);
  CHECK(unknown.error().description == "unknown client");
}

TEST_CASE("client authentication through the cache: a change that grants works at once, one that takes away after the ttl") {
  testing::Fixture f;
  ClientCache cache(/*ttl_ms=*/5'000);
  f.add_client(kClient, "client_secret_basic", "first");
  CHECK(authenticate(f, basic(kClient, "first"), "", &cache));
  CHECK(cache.size() == 1);

  // A rotated secret works at once: a refusal reads the client again.
  f.add_client(kClient, "client_secret_basic", "second");
  CHECK(authenticate(f, basic(kClient, "second"), "", &cache));
  CHECK(!authenticate(f, basic(kClient, "first"), "", &cache));

  // Rotated again behind the cache's back: the remembered client still
  // answers, so the old secret works until the entry expires...
  f.add_client(kClient, "client_secret_basic", "third");
  CHECK(authenticate(f, basic(kClient, "second"), "", &cache));
  f.clock->advance(std::chrono::milliseconds(5'000));
  CHECK(!authenticate(f, basic(kClient, "second"), "", &cache));
  CHECK(authenticate(f, basic(kClient, "third"), "", &cache));

  // ...and so does a deleted client; then it is unknown.
  f.exec("DELETE FROM oauth2_clients WHERE id = $1", {std::string(kClient)});
  CHECK(authenticate(f, basic(kClient, "third"), "", &cache));
  f.clock->advance(std::chrono::milliseconds(5'000));
  auto gone = authenticate(f, basic(kClient, "third"), "", &cache);
  REQUIRE(!gone);
  CHECK(gone.error().description == "unknown client");
  CHECK(cache.size() == 0);

  // Clients that do not exist are not remembered: one registered later works.
  CHECK(!authenticate(f, "", "client_id=01HCL1ENT0000000000000000N", &cache));
  f.add_client("01HCL1ENT0000000000000000N", "none");
  CHECK(authenticate(f, "", "client_id=01HCL1ENT0000000000000000N", &cache));
}

TEST_CASE("client cache: secrets are decrypted once per ciphertext") {
  testing::Fixture f;
  ClientCache cache;
  auto first = f.add_client(kClient, "client_secret_basic", "first");
  auto once = cache.secret(first, *f.ctx->encrypter);
  REQUIRE(once);
  CHECK(*once == "first");
  CHECK(*cache.secret(first, *f.ctx->encrypter) == "first");
  // A rotated secret is a new ciphertext: decrypted anew.
  auto second = f.add_client(kClient, "client_secret_basic", "second");
  CHECK(*cache.secret(second, *f.ctx->encrypter) == "second");
  // What cannot be decrypted is an error, every time.
  storage::OAuth2Client corrupt = second;
  corrupt.encrypted_client_secret = "bm90IGEgY2lwaGVydGV4dCBhdCBhbGwgaGVyZQ==";
  CHECK(!cache.secret(corrupt, *f.ctx->encrypter));
  CHECK(!cache.secret(corrupt, *f.ctx->encrypter));
  corrupt.encrypted_client_secret.reset();
  CHECK(!cache.secret(corrupt, *f.ctx->encrypter));
}

TEST_CASE("client cache: bounded") {
  testing::Fixture f;
  ClientCache cache(/*ttl_ms=*/5'000, /*capacity=*/2);
  for (const char* id : {"01HCL1ENT0000000000000000A", "01HCL1ENT0000000000000000B",
                         "01HCL1ENT0000000000000000C"}) {
    f.add_client(id, "none");
    CHECK(authenticate(f, "", std::string("client_id=") + id, &cache));
    CHECK(cache.size() <= 2);
  }
  CHECK(cache.size() >= 1);
}

TEST_CASE("client authentication: client_secret_jwt, jti replay refused") {
  testing::Fixture f;
  f.add_client(kClient, "client_secret_jwt", "jwt-shared-secret");
  const std::int64_t now_s = f.clock->unix_seconds();
  auto body = [&](const nlohmann::json& c, std::string_view secret = "jwt-shared-secret") {
    auto jws = crypto::sign_jws_hmac({{"typ", "JWT"}}, c.dump(), secret, crypto::JwsAlgorithm::kHS256);
    REQUIRE(jws);
    return "client_assertion_type=" + std::string("urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer") +
           "&client_assertion=" + *jws;
  };
  CHECK(authenticate(f, "", body(claims(kClient, now_s, "jti-1"))));
  auto replay = authenticate(f, "", body(claims(kClient, now_s, "jti-1")));
  REQUIRE(!replay);
  CHECK(replay.error().description.find("already used") != std::string::npos);
  CHECK(authenticate(f, "", body(claims(kClient, now_s, "jti-2"))));
  CHECK(!authenticate(f, "", body(claims(kClient, now_s, "jti-3"), "other-secret")));
  auto expired = claims(kClient, now_s - 600, "jti-4");
  CHECK(!authenticate(f, "", body(expired)));
  auto wrong_aud = claims(kClient, now_s, "jti-5");
  wrong_aud["aud"] = "https://elsewhere.example/token";
  CHECK(!authenticate(f, "", body(wrong_aud)));
  auto issuer_aud = claims(kClient, now_s, "jti-6");
  issuer_aud["aud"] = nlohmann::json::array({"https://auth.example/"});
  CHECK(authenticate(f, "", body(issuer_aud)));
}

TEST_CASE("client authentication: private_key_jwt with jwks and with jwks_uri") {
  testing::Fixture f;
  auto pem = crypto::generate_ec_p256_private_key_pem();
  REQUIRE(pem);
  auto key = crypto::SigningKey::from_pem(*pem, {}, "client-key");
  REQUIRE(key);
  nlohmann::json jwks = {{"keys", nlohmann::json::array({key->public_jwk()})}};
  auto inline_client = f.add_client(kClient, "private_key_jwt");
  inline_client.jwks = jwks.dump();
  f.put(inline_client);
  auto remote = f.add_client("01HCL1ENT0000000000000000B", "private_key_jwt");
  remote.jwks_uri = "https://client.example/jwks.json";
  f.put(remote);
  f.fetcher->documents[*remote.jwks_uri] = jwks;

  const std::int64_t now_s = f.clock->unix_seconds();
  auto body = [&](const nlohmann::json& c) {
    auto jws = crypto::sign_jws({{"typ", "JWT"}}, c.dump(), *key, crypto::JwsAlgorithm::kES256);
    REQUIRE(jws);
    return "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
           "&client_assertion=" + *jws;
  };
  CHECK(authenticate(f, "", body(claims(kClient, now_s, "a"))));
  CHECK(!authenticate(f, "", body(claims(kClient, now_s, "a"))));
  CHECK(authenticate(f, "", body(claims(remote.id, now_s, "a"))));  // jti is per client
  CHECK(f.fetcher->fetches == 1);
  // Claims naming another client than the one whose key signed fail.
  auto forged = claims(remote.id, now_s, "b");
  forged["iss"] = kClient;
  CHECK(!authenticate(f, "", body(forged)));
}

TEST_CASE("client authentication: assertion claims are checked") {
  const std::vector<std::string> aud = {"https://auth.example/oauth2/token"};
  auto c = claims("id", 1000, "j");
  CHECK(check_assertion_claims(c, "id", aud, 1'000'000));
  auto no_jti = c;
  no_jti.erase("jti");
  CHECK(!check_assertion_claims(no_jti, "id", aud, 1'000'000));
  auto future = c;
  future["nbf"] = 5000;
  CHECK(!check_assertion_claims(future, "id", aud, 1'000'000));
  CHECK(!check_assertion_claims(c, "other", aud, 1'000'000));
  CHECK(!check_assertion_claims(c, "id", aud, 2'000'000));  // exp + leeway passed
}

}  // namespace gatehouse::auth::oauth2
