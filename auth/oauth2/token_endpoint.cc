#include "auth/oauth2/token_endpoint.h"

#include <algorithm>

#include "auth/oauth2/token/grants.h"
#include "auth/oauth2/token/session_device.h"
#include "shared/http/response.h"

namespace gatehouse::auth::oauth2 {
namespace {

bool is_server_side(const OAuthError& e) { return e.status >= 500; }

OAuthResult<TokenResponse> run_grant(const GrantInput& in, const TokenRequest& request) {
  return std::visit(
      [&](const auto& r) -> OAuthResult<TokenResponse> {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, AuthorizationCodeRequest>) return authorization_code_grant(in, r);
        if constexpr (std::is_same_v<T, RefreshTokenRequest>) return refresh_token_grant(in, r);
        if constexpr (std::is_same_v<T, ClientCredentialsRequest>) return client_credentials_grant(in, r);
        if constexpr (std::is_same_v<T, DeviceCodeRequest>) return device_code_grant(in, r);
      },
      request);
}

}  // namespace

ClientAuthContext client_auth_context(const OAuth2Context& ctx, std::int64_t now_ms) {
  ClientAuthContext out;
  out.encrypter = ctx.encrypter.get();
  out.audiences = {ctx.token_endpoint, ctx.issuer};
  // The issuer without its trailing slash is what many client libraries send.
  if (ctx.issuer.ends_with('/')) out.audiences.push_back(ctx.issuer.substr(0, ctx.issuer.size() - 1));
  out.now_ms = now_ms;
  out.jwks_fetcher = ctx.jwks_fetcher.get();
  out.clients = ctx.clients.get();
  return out;
}

OAuthResult<TokenResponse> handle_token_request(const OAuth2Context& ctx,
                                                std::string_view authorization, const Form& form) {
  auto request = parse_token_request(form);
  if (!request) return reject(request.error());
  auto credentials = extract_client_credentials(authorization, form);
  if (!credentials) return reject(credentials.error());

  auto tx = ctx.db->begin(storage::TxMode::kWrite);
  if (!tx) return reject(server_error("begin", tx.error()));
  const std::int64_t now_ms = ctx.clock->unix_millis();
  auto client = authenticate_client(**tx, *credentials, client_auth_context(ctx, now_ms));
  if (!client) {
    if (!is_server_side(client.error())) (void)(*tx)->commit();  // keeps a seen jti
    return reject(client.error());
  }
  const GrantType grant = grant_type_of(*request);
  const auto& allowed = client->grant_types;
  if (std::find(allowed.begin(), allowed.end(), to_string(grant)) == allowed.end()) {
    return reject(OAuthError::unauthorized_client("the client may not use grant type " +
                                                  std::string(to_string(grant))));
  }
  sessions::EndedSessions ended;
  auto result = run_grant(GrantInput{**tx, ctx, *client, now_ms, &ended}, *request);
  // grants.h: commit on success and on protocol errors, roll back on our own.
  if (!result && is_server_side(result.error())) return result;
  // A new session's device must exist on the homeserver before we answer.
  std::optional<StartedDevice> device;
  if (result && (grant == GrantType::kAuthorizationCode || grant == GrantType::kDeviceCode)) {
    auto started = started_device(**tx, *client, *result);
    if (!started) return reject(started.error());
    device = std::move(*started);
  }
  if (auto committed = (*tx)->commit(); !committed) {
    return reject(server_error("commit", committed.error()));
  }
  ended.announce(ctx.homeserver.get(), *ctx.db, *ctx.clock);
  if (device) {
    if (auto created = create_started_device(ctx, *device); !created) return reject(created.error());
  }
  return result;
}

void write_oauth_json(httplib::Response& res, int status, const nlohmann::json& body) {
  write_oauth_json_text(res, status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void write_oauth_json_text(httplib::Response& res, int status, std::string body) {
  http::write_json_text(res, status, std::move(body));
  res.set_header("Cache-Control", "no-store");
  res.set_header("Pragma", "no-cache");
  res.set_header("Access-Control-Allow-Origin", "*");
}

void register_token_route(http::Routes& routes, const OAuth2Context& ctx) {
  routes.add("oauth", http::Method::kPost, "/oauth2/token",
             [&ctx](const httplib::Request& req, httplib::Response& res) {
               auto form = parse_form_request(req);
               auto result = form ? handle_token_request(ctx, req.get_header_value("Authorization"), *form)
                                  : reject(form.error());
               if (!result) {
                 write_oauth_error(res, result.error());
                 res.set_header("Access-Control-Allow-Origin", "*");
                 return;
               }
               write_oauth_json_text(res, 200, to_json_text(*result));
             });
}

}  // namespace gatehouse::auth::oauth2
