#include "auth/oauth2/registration.h"

#include "auth/oauth2/registration_policy.h"
#include "auth/oauth2/token/issue.h"
#include "auth/oauth2/token_endpoint.h"
#include "shared/crypto/jws_algorithm.h"
#include "shared/crypto/random.h"
#include "shared/storage/oauth2_client_repository.h"

namespace gatehouse::auth::oauth2 {
namespace {

bool needs_secret(std::string_view method) {
  return method == "client_secret_basic" || method == "client_secret_post" ||
         method == "client_secret_jwt";
}

RegistrationPolicy policy_of(const OAuth2Context& ctx) {
  RegistrationPolicy p;
  p.allowed_hosts = ctx.oauth.registration_allowed_hosts;
  for (auto alg : ctx.keystore->algorithms()) p.id_token_algs.emplace_back(crypto::to_string(alg));
  return p;
}

// RFC 7591 §3.2.1: the registered metadata, as stored.
nlohmann::json describe(const storage::OAuth2Client& c) {
  nlohmann::json out = {{"client_id", c.id},
                        {"client_id_issued_at", c.created_at / 1000},
                        {"token_endpoint_auth_method", c.client_auth_method},
                        {"grant_types", c.grant_types},
                        {"redirect_uris", c.redirect_uris},
                        {"application_type", c.application_type.value_or("web")}};
  bool code = false;
  for (const auto& g : c.grant_types) code = code || g == "authorization_code";
  out["response_types"] = code ? nlohmann::json{"code"} : nlohmann::json::array();
  if (!c.contacts.empty()) out["contacts"] = c.contacts;
  if (!c.post_logout_redirect_uris.empty()) out["post_logout_redirect_uris"] = c.post_logout_redirect_uris;
  auto put = [&](const char* key, const std::optional<std::string>& v) {
    if (v) out[key] = *v;
  };
  put("client_name", c.client_name);
  put("client_uri", c.client_uri);
  put("logo_uri", c.logo_uri);
  put("policy_uri", c.policy_uri);
  put("tos_uri", c.tos_uri);
  put("jwks_uri", c.jwks_uri);
  put("id_token_signed_response_alg", c.id_token_signed_response_alg);
  put("token_endpoint_auth_signing_alg", c.token_endpoint_auth_signing_alg);
  if (c.jwks) out["jwks"] = nlohmann::json::parse(*c.jwks, nullptr, false);
  return out;
}

}  // namespace

OAuthResult<nlohmann::json> handle_registration(const OAuth2Context& ctx, std::string_view body) {
  if (!ctx.oauth.dynamic_registration_enabled) {
    return reject(OAuthError{403, "access_denied", "dynamic client registration is disabled", false});
  }
  auto metadata = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  auto client = validate_client_metadata(metadata, policy_of(ctx));
  if (!client) return reject(client.error());
  const std::int64_t now_ms = ctx.clock->unix_millis();
  client->id = ctx.new_id();
  client->is_static = false;
  client->created_at = client->updated_at = now_ms;
  std::optional<std::string> secret;
  if (needs_secret(client->client_auth_method)) {
    if (!ctx.encrypter) {
      return reject(OAuthError::invalid_client_metadata("this server cannot store client secrets"));
    }
    secret = crypto::random_alnum(48);
    auto encrypted = ctx.encrypter->encrypt(*secret);
    if (!encrypted) return reject(server_error("encrypt client secret", encrypted.error()));
    client->encrypted_client_secret = std::move(*encrypted);
  }
  auto tx = ctx.db->begin(storage::TxMode::kWrite);
  if (!tx) return reject(server_error("begin", tx.error()));
  if (auto added = storage::oauth2_clients::upsert(**tx, *client); !added) {
    return reject(server_error("store client", added.error()));
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return reject(server_error("commit", committed.error()));
  }
  nlohmann::json out = describe(*client);
  if (secret) {
    out["client_secret"] = *secret;
    out["client_secret_expires_at"] = 0;  // §3.2.1: never
  }
  return out;
}

void register_registration_route(http::Routes& routes, const OAuth2Context& ctx) {
  routes.add("oauth", http::Method::kPost, "/oauth2/registration",
             [&ctx](const httplib::Request& req, httplib::Response& res) {
               auto result = handle_registration(ctx, req.body);
               res.set_header("Access-Control-Allow-Origin", "*");
               if (!result) return write_oauth_error(res, result.error());
               write_oauth_json(res, 201, *result);
             });
}

}  // namespace gatehouse::auth::oauth2
