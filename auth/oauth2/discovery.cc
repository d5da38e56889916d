#include "auth/oauth2/discovery.h"

#include <nlohmann/json.hpp>

#include "shared/crypto/jws_algorithm.h"
#include "shared/http/response.h"

namespace gatehouse::auth::oauth2 {
namespace {

using json = nlohmann::json;

const json kAuthMethods = {"none", "client_secret_basic", "client_secret_post",
                           "client_secret_jwt", "private_key_jwt"};

json auth_signing_algs() {
  json out = json::array();
  for (auto alg : crypto::all_jws_algorithms()) out.push_back(std::string(crypto::to_string(alg)));
  return out;
}

}  // namespace

std::string render_discovery_document(const OAuth2Context& ctx) {
  auto url = [&](std::string_view path) { return endpoint_url(ctx, path); };
  json grant_types = {"authorization_code", "refresh_token", "client_credentials"};
  if (ctx.oauth.device_code_grant_enabled) {
    grant_types.push_back("urn:ietf:params:oauth:grant-type:device_code");
  }
  json id_token_algs = json::array();
  for (auto alg : ctx.keystore->algorithms()) id_token_algs.push_back(std::string(crypto::to_string(alg)));
  json prompts = {"login", "none"};
  if (ctx.password_registration_enabled) prompts.push_back("create");

  json doc = {
      {"issuer", ctx.issuer},
      {"authorization_endpoint", url("authorize")},
      {"token_endpoint", ctx.token_endpoint},
      {"jwks_uri", url("oauth2/keys.json")},
      {"userinfo_endpoint", url("oauth2/userinfo")},
      {"revocation_endpoint", url("oauth2/revoke")},
      {"introspection_endpoint", url("oauth2/introspect")},
      {"end_session_endpoint", url("oauth2/logout")},
      {"scopes_supported",
       {"openid", "email", "urn:matrix:client:api:*", "urn:matrix:org.matrix.msc2967.client:api:*",
        "urn:synapse:admin:*", "urn:mas:admin"}},
      {"response_types_supported", {"code"}},
      // matrix-js-sdk 43 refuses metadata without both query and fragment.
      {"response_modes_supported", {"query", "fragment", "form_post"}},
      {"grant_types_supported", grant_types},
      {"token_endpoint_auth_methods_supported", kAuthMethods},
      {"token_endpoint_auth_signing_alg_values_supported", auth_signing_algs()},
      {"revocation_endpoint_auth_methods_supported", kAuthMethods},
      {"revocation_endpoint_auth_signing_alg_values_supported", auth_signing_algs()},
      {"introspection_endpoint_auth_methods_supported", kAuthMethods},
      {"introspection_endpoint_auth_signing_alg_values_supported", auth_signing_algs()},
      {"code_challenge_methods_supported", {"S256", "plain"}},
      {"subject_types_supported", {"public"}},
      {"id_token_signing_alg_values_supported", id_token_algs},
      {"userinfo_signing_alg_values_supported", id_token_algs},
      {"display_values_supported", {"page"}},
      {"claim_types_supported", {"normal"}},
      {"claims_supported",
       {"iss", "sub", "aud", "iat", "exp", "nonce", "auth_time", "at_hash", "c_hash"}},
      {"claims_parameter_supported", false},
      {"request_parameter_supported", false},
      {"request_uri_parameter_supported", false},
      {"prompt_values_supported", prompts},
      // MSC4191: where users manage their account, and what the link may ask.
      {"account_management_uri", url("account/")},
      {"account_management_actions_supported",
       {"org.matrix.profile", "org.matrix.devices_list", "org.matrix.device_view",
        "org.matrix.device_delete", "org.matrix.cross_signing_reset", "org.matrix.sessions_list",
        "org.matrix.session_view", "org.matrix.session_end"}},
  };
  if (ctx.oauth.dynamic_registration_enabled) doc["registration_endpoint"] = url("oauth2/registration");
  if (ctx.oauth.device_code_grant_enabled) {
    doc["device_authorization_endpoint"] = url("oauth2/device");
  }
  return doc.dump();
}

void register_discovery_routes(http::Routes& routes, const OAuth2Context& ctx) {
  for (const char* path :
       {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"}) {
    routes.add("discovery", http::Method::kGet, path,
               [&ctx](const httplib::Request&, httplib::Response& res) {
                 http::write_json_text(res, 200, ctx.openid_configuration);
                 res.set_header("Access-Control-Allow-Origin", "*");
               });
  }
}

void register_keys_route(http::Routes& routes, const OAuth2Context& ctx) {
  routes.add("oauth", http::Method::kGet, "/oauth2/keys.json",
             [&ctx](const httplib::Request&, httplib::Response& res) {
               http::write_json_text(res, 200, ctx.keystore->jwks_text());
               res.set_header("Access-Control-Allow-Origin", "*");
             });
}

}  // namespace gatehouse::auth::oauth2
