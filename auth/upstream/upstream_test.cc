// The upstream sign-in's pure parts: ID token checks, the token request's
// client authentication, discovery checks, attribute import, and template
// errors naming their config key.
#include <doctest/doctest.h>

#include "auth/upstream/code_exchange.h"
#include "auth/upstream/id_token_check.h"
#include "auth/upstream/imported_attributes.h"
#include "auth/upstream/provider.h"
#include "auth/upstream/provider_metadata.h"
#include "shared/crypto/encoding.h"
#include "shared/crypto/jws.h"
#include "shared/crypto/key_generation.h"
#include "shared/crypto/signing_key.h"

namespace gatehouse::auth::upstream {
namespace {

constexpr std::int64_t kNow = 1'700'000'000;

const crypto::SigningKey& provider_key() {
  static const crypto::SigningKey key = [] {
    auto pem = crypto::generate_rsa_private_key_pem();
    REQUIRE(pem.has_value());
    auto k = crypto::SigningKey::from_pem(*pem, {}, "provider-key");
    REQUIRE(k.has_value());
    return *k;
  }();
  return key;
}

nlohmann::json good_claims() {
  return {{"iss", "https://idp.example"}, {"aud", "gatehouse"}, {"sub", "u-1"},
          {"exp", kNow + 300}, {"iat", kNow}, {"nonce", "n-1"},
          {"preferred_username", "Alice"}, {"name", "Alice L."}, {"email", "a@idp.example"}};
}

std::string sign(const nlohmann::json& claims) {
  auto jwt = crypto::sign_jws({{"typ", "JWT"}}, claims.dump(), provider_key(),
                              crypto::JwsAlgorithm::kRS256);
  REQUIRE(jwt.has_value());
  return *jwt;
}

IdTokenExpectations expectations() {
  return {"https://idp.example", "gatehouse", "n-1", crypto::JwsAlgorithm::kRS256, kNow, 60};
}

std::string check_error(const nlohmann::json& claims) {
  auto r = check_id_token(sign(claims), {provider_key().verification_key()}, expectations());
  REQUIRE(!r.has_value());
  CHECK(r.error().code == ErrorCode::kUnauthorized);
  return r.error().message;
}

config::UpstreamProviderConfig provider_config(std::string method) {
  config::UpstreamProviderConfig c;
  c.id = "01JQK7DK6VFH62NMW4HS9RKD3R";
  c.issuer = "https://idp.example";
  c.client_id = "gate house";
  c.client_secret = "s3cr:et";
  c.token_endpoint_auth_method = std::move(method);
  c.scope = "openid profile";
  return c;
}

UpstreamProvider compiled(config::UpstreamProviderConfig c) {
  config::UpstreamOAuth2Config all;
  all.providers.push_back(std::move(c));
  auto providers = UpstreamProviders::compile(all);
  REQUIRE(providers.has_value());
  REQUIRE((*providers)->all().size() == 1);
  return (*providers)->all()[0];
}

std::string field(const TokenRequest& r, std::string_view name) {
  for (const auto& [k, v] : r.fields) {
    if (k == name) return v;
  }
  return "<absent>";
}

}  // namespace

TEST_CASE("upstream ID token: a good one gives its claims; each broken rule is named") {
  auto ok = check_id_token(sign(good_claims()), {provider_key().verification_key()}, expectations());
  REQUIRE(ok.has_value());
  CHECK((*ok)["sub"] == "u-1");

  auto c = good_claims();
  c["iss"] = "https://evil.example";
  CHECK(check_error(c).find("issued by https://evil.example") != std::string::npos);
  c = good_claims();
  c["aud"] = "someone-else";
  CHECK(check_error(c).find("another client") != std::string::npos);
  c = good_claims();
  c["aud"] = {"gatehouse", "other"};
  CHECK(check_error(c).find("several audiences") != std::string::npos);
  c["azp"] = "gatehouse";
  CHECK(check_id_token(sign(c), {provider_key().verification_key()}, expectations()).has_value());
  c = good_claims();
  c["exp"] = kNow - 61;
  CHECK(check_error(c).find("expired") != std::string::npos);
  c["exp"] = kNow - 59;  // within the leeway
  CHECK(check_id_token(sign(c), {provider_key().verification_key()}, expectations()).has_value());
  c = good_claims();
  c["nonce"] = "replayed";
  CHECK(check_error(c).find("nonce") != std::string::npos);
  c = good_claims();
  c.erase("sub");
  CHECK(check_error(c).find("no subject") != std::string::npos);

  // Another key, or an algorithm other than the configured one: refused.
  auto other_pem = crypto::generate_ec_p256_private_key_pem();
  REQUIRE(other_pem.has_value());
  auto other = crypto::SigningKey::from_pem(*other_pem, {}, "provider-key");
  REQUIRE(other.has_value());
  auto es = crypto::sign_jws({}, good_claims().dump(), *other, crypto::JwsAlgorithm::kES256);
  REQUIRE(es.has_value());
  auto wrong_alg = check_id_token(*es, {other->verification_key()}, expectations());
  CHECK(!wrong_alg.has_value());
  auto forged = check_id_token(sign(good_claims()), {other->verification_key()}, expectations());
  CHECK(!forged.has_value());
}

TEST_CASE("upstream token request: each client authentication method as its RFC says") {
  FakeClock clock(kNow * 1000);
  ProviderEndpoints endpoints{"https://idp.example", "https://idp.example/auth",
                              "https://idp.example/token", "https://idp.example/jwks", "", true};
  const CodeExchange exchange{"the-code", "https://auth.example/upstream/callback/x", "verifier"};

  auto basic = token_request(compiled(provider_config("client_secret_basic")), endpoints, exchange,
                             nullptr, clock);
  REQUIRE(basic.has_value());
  CHECK(field(*basic, "grant_type") == "authorization_code");
  CHECK(field(*basic, "code") == "the-code");
  CHECK(field(*basic, "code_verifier") == "verifier");
  CHECK(field(*basic, "client_secret") == "<absent>");
  // RFC 6749 §2.3.1: form-encoded, then base64.
  CHECK(basic->headers.find("Authorization")->second ==
        "Basic " + crypto::base64_encode("gate%20house:s3cr%3Aet"));

  auto post = token_request(compiled(provider_config("client_secret_post")), endpoints, exchange,
                            nullptr, clock);
  REQUIRE(post.has_value());
  CHECK(field(*post, "client_id") == "gate house");
  CHECK(field(*post, "client_secret") == "s3cr:et");
  CHECK(post->headers.count("Authorization") == 0);

  auto jwt = token_request(compiled(provider_config("client_secret_jwt")), endpoints, exchange,
                           nullptr, clock);
  REQUIRE(jwt.has_value());
  CHECK(field(*jwt, "client_assertion_type") ==
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  auto decoded = crypto::verify_jws_hmac(field(*jwt, "client_assertion"), "s3cr:et",
                                         {crypto::JwsAlgorithm::kHS256});
  REQUIRE(decoded.has_value());
  auto claims = nlohmann::json::parse(decoded->payload);
  CHECK(claims["iss"] == "gate house");
  CHECK(claims["sub"] == "gate house");
  CHECK(claims["aud"] == "https://idp.example/token");

  auto keystore = crypto::Keystore::create({provider_key()});
  REQUIRE(keystore.has_value());
  auto config = provider_config("private_key_jwt");
  config.client_secret.reset();
  auto signed_by_us = token_request(compiled(config), endpoints, exchange, &*keystore, clock);
  REQUIRE(signed_by_us.has_value());
  CHECK(crypto::verify_jws(field(*signed_by_us, "client_assertion"),
                           std::vector{provider_key().verification_key()},
                           {crypto::JwsAlgorithm::kRS256})
            .has_value());
  auto no_key = token_request(compiled(config), endpoints, exchange, nullptr, clock);
  REQUIRE(!no_key.has_value());
  CHECK(no_key.error().message.find("no key in secrets.keys can sign RS256") != std::string::npos);

  auto none = token_request(compiled(provider_config("none")), endpoints,
                            {"c", "https://r", std::nullopt}, nullptr, clock);
  REQUIRE(none.has_value());
  CHECK(field(*none, "client_id") == "gate house");
  CHECK(field(*none, "code_verifier") == "<absent>");
}

TEST_CASE("upstream discovery: strict mode checks issuer and https; overrides win") {
  auto c = provider_config("none");
  const nlohmann::json doc = {{"issuer", "https://idp.example"},
                              {"authorization_endpoint", "https://idp.example/auth"},
                              {"token_endpoint", "https://idp.example/token"},
                              {"jwks_uri", "https://idp.example/jwks"},
                              {"response_types_supported", {"code", "id_token"}},
                              {"code_challenge_methods_supported", {"plain", "S256"}}};
  auto e = endpoints_from(c, doc);
  REQUIRE(e.has_value());
  CHECK(e->supports_s256);
  CHECK(e->token_endpoint == "https://idp.example/token");

  auto wrong_issuer = doc;
  wrong_issuer["issuer"] = "https://idp.example/";
  auto refused = endpoints_from(c, wrong_issuer);
  REQUIRE(!refused.has_value());
  CHECK(refused.error().message.find("names the issuer \"https://idp.example/\"") !=
        std::string::npos);
  auto plain_http = doc;
  plain_http["token_endpoint"] = "http://idp.example/token";
  CHECK(!endpoints_from(c, plain_http).has_value());
  c.discovery_mode = "insecure";
  CHECK(endpoints_from(c, plain_http).has_value());
  CHECK(endpoints_from(c, wrong_issuer).has_value());

  c.token_endpoint = "https://override.example/token";
  auto overridden = endpoints_from(c, doc);
  REQUIRE(overridden.has_value());
  CHECK(overridden->token_endpoint == "https://override.example/token");
  c.discovery_mode = "disabled";
  c.token_endpoint.clear();
  CHECK(!endpoints_from(c, nullptr).has_value());
}

TEST_CASE("upstream attributes: userinfo fills in over the ID token; empty renders are absent") {
  auto c = provider_config("none");
  c.claims_imports.localpart.template_text = "{{ user.preferred_username | lower }}";
  c.claims_imports.account_name_template = "@{{ user.preferred_username }}";
  const auto p = compiled(c);
  auto ctx = claims_context({{"sub", "u-1"}, {"preferred_username", "Alice"}},
                            {{"email", "a@idp.example"}, {"preferred_username", "Alicia"}});
  auto a = import_attributes(p, ctx);
  CHECK(a.subject == "u-1");
  CHECK(a.localpart == "alicia");
  CHECK(a.email == "a@idp.example");
  CHECK(!a.displayname);
  CHECK(a.account_name == "@Alicia");
  CHECK(ctx["id_token_claims"]["preferred_username"] == "Alice");
}

TEST_CASE("upstream providers: a template that cannot be rendered names its key; disabled ones are left out") {
  config::UpstreamOAuth2Config all;
  auto bad = provider_config("none");
  bad.claims_imports.localpart.template_text = "{{ user.name | slugify }}";
  all.providers.push_back(bad);
  auto r = UpstreamProviders::compile(all);
  REQUIRE(!r.has_value());
  CHECK(r.error().code == ErrorCode::kConfig);
  CHECK(r.error().message.starts_with(
      "upstream_oauth2.providers[0].claims_imports.localpart.template: "));

  auto off = provider_config("none");
  off.enabled = false;
  config::UpstreamOAuth2Config one_off;
  one_off.providers.push_back(off);
  auto compiled_off = UpstreamProviders::compile(one_off);
  REQUIRE(compiled_off.has_value());
  CHECK((*compiled_off)->find(off.id) == nullptr);
}

}  // namespace gatehouse::auth::upstream
