#include "auth/upstream/code_exchange.h"

#include "shared/crypto/encoding.h"
#include "shared/crypto/jws.h"
#include "shared/crypto/random.h"
#include "shared/http/web_client.h"

namespace gatehouse::auth::upstream {
namespace {

constexpr std::string_view kJwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

// RFC 7523 §3: iss = sub = client_id, aud = the token endpoint.
std::string assertion_claims(const config::UpstreamProviderConfig& p,
                             const ProviderEndpoints& endpoints, const Clock& clock) {
  const auto now = clock.unix_seconds();
  return nlohmann::json{{"iss", p.client_id}, {"sub", p.client_id},
                        {"aud", endpoints.token_endpoint}, {"jti", crypto::random_alnum(32)},
                        {"iat", now}, {"exp", now + 300}}
      .dump();
}

Result<std::string> client_assertion(const config::UpstreamProviderConfig& p,
                                     const ProviderEndpoints& endpoints,
                                     const crypto::Keystore* keys, const Clock& clock) {
  const nlohmann::json header = {{"typ", "JWT"}};
  const std::string claims = assertion_claims(p, endpoints, clock);
  if (p.token_endpoint_auth_method == "client_secret_jwt") {
    const auto alg = crypto::parse_jws_algorithm(p.token_endpoint_auth_signing_alg.value_or("HS256"));
    if (!alg || !crypto::is_hmac(*alg)) {
      return fail(ErrorCode::kConfig, "upstream provider " + p.id +
                                          ": token_endpoint_auth_signing_alg must be HS256, "
                                          "HS384 or HS512 for client_secret_jwt");
    }
    return crypto::sign_jws_hmac(header, claims, p.client_secret.value_or(""), *alg);
  }
  const auto alg = crypto::parse_jws_algorithm(p.token_endpoint_auth_signing_alg.value_or("RS256"));
  const crypto::SigningKey* key = alg && keys ? keys->find_for_algorithm(*alg) : nullptr;
  if (!key) {
    return fail(ErrorCode::kConfig, "upstream provider " + p.id +
                                        ": no key in secrets.keys can sign " +
                                        p.token_endpoint_auth_signing_alg.value_or("RS256") +
                                        " for private_key_jwt");
  }
  return crypto::sign_jws(header, claims, *key, *alg);
}

}  // namespace

Result<TokenRequest> token_request(const UpstreamProvider& provider,
                                   const ProviderEndpoints& endpoints, const CodeExchange& exchange,
                                   const crypto::Keystore* keys, const Clock& clock) {
  const auto& p = provider.config;
  TokenRequest out;
  out.fields = {{"grant_type", "authorization_code"},
                {"code", exchange.code},
                {"redirect_uri", exchange.redirect_uri}};
  if (exchange.code_verifier) out.fields.emplace_back("code_verifier", *exchange.code_verifier);
  const std::string& method = p.token_endpoint_auth_method;
  if (method == "client_secret_basic") {
    // RFC 6749 §2.3.1: each part form-encoded before base64.
    const std::string pair =
        percent_encode(p.client_id) + ":" + percent_encode(p.client_secret.value_or(""));
    out.headers.emplace("Authorization", "Basic " + crypto::base64_encode(pair));
  } else if (method == "client_secret_post") {
    out.fields.emplace_back("client_id", p.client_id);
    out.fields.emplace_back("client_secret", p.client_secret.value_or(""));
  } else if (method == "client_secret_jwt" || method == "private_key_jwt") {
    GH_TRY(auto assertion, client_assertion(p, endpoints, keys, clock));
    out.fields.emplace_back("client_id", p.client_id);
    out.fields.emplace_back("client_assertion_type", std::string(kJwtBearer));
    out.fields.emplace_back("client_assertion", std::move(assertion));
  } else {  // none
    out.fields.emplace_back("client_id", p.client_id);
  }
  out.headers.emplace("Accept", "application/json");
  return out;
}

Result<UpstreamTokens> exchange_code(const UpstreamProvider& provider,
                                     const ProviderEndpoints& endpoints,
                                     const CodeExchange& exchange, const crypto::Keystore* keys,
                                     const Clock& clock) {
  GH_TRY(auto request, token_request(provider, endpoints, exchange, keys, clock));
  GH_TRY(auto reply, http::web_post_form(endpoints.token_endpoint, http::form_body(request.fields),
                                         request.headers));
  auto body = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (reply.status != 200) {
    std::string why = "its token endpoint answered HTTP " + std::to_string(reply.status);
    if (body.is_object() && body.contains("error") && body["error"].is_string()) {
      why += ": " + body["error"].get<std::string>();
      if (body.contains("error_description") && body["error_description"].is_string()) {
        why += " (" + body["error_description"].get<std::string>() + ")";
      }
    }
    return fail(reply.status >= 500 ? ErrorCode::kUnavailable : ErrorCode::kUnauthorized, why);
  }
  if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string()) {
    return fail(ErrorCode::kUnavailable, "its token endpoint answered without an access_token");
  }
  UpstreamTokens tokens;
  tokens.access_token = body["access_token"].get<std::string>();
  if (body.contains("id_token") && body["id_token"].is_string()) {
    tokens.id_token = body["id_token"].get<std::string>();
  }
  return tokens;
}

Result<nlohmann::json> fetch_userinfo(const ProviderEndpoints& endpoints,
                                      const std::string& access_token) {
  if (endpoints.userinfo_endpoint.empty()) {
    return fail(ErrorCode::kUnavailable, "it has no userinfo_endpoint (set userinfo_endpoint)");
  }
  GH_TRY(auto reply, http::web_get(endpoints.userinfo_endpoint,
                                   {{"Authorization", "Bearer " + access_token},
                                    {"Accept", "application/json"}}));
  return http::json_object_of(reply, "its userinfo endpoint");
}

}  // namespace gatehouse::auth::upstream
