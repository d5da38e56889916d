#include "auth/oauth2/device_authorization.h"

#include <algorithm>
#include <cctype>

#include "auth/oauth2/client_authentication.h"
#include "auth/oauth2/scope.h"
#include "auth/oauth2/token/issue.h"
#include "auth/oauth2/token_endpoint.h"
#include "shared/crypto/random.h"
#include "shared/ids/token.h"
#include "shared/storage/oauth2_device_code_grant_repository.h"

namespace gatehouse::auth::oauth2 {
namespace {

std::string new_user_code() {
  std::string code = crypto::random_alnum(6);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return code;
}

}  // namespace

OAuthResult<nlohmann::json> handle_device_authorization(const OAuth2Context& ctx,
                                                        std::string_view authorization,
                                                        const Form& form) {
  if (!ctx.oauth.device_code_grant_enabled) {
    return reject(OAuthError::unauthorized_client("the device code grant is disabled"));
  }
  auto credentials = extract_client_credentials(authorization, form);
  if (!credentials) return reject(credentials.error());
  auto tx = ctx.db->begin(storage::TxMode::kWrite);
  if (!tx) return reject(server_error("begin", tx.error()));
  const std::int64_t now_ms = ctx.clock->unix_millis();
  auto client = authenticate_client(**tx, *credentials, client_auth_context(ctx, now_ms));
  if (!client) return reject(client.error());
  const auto& grants = client->grant_types;
  if (std::find(grants.begin(), grants.end(), to_string(GrantType::kDeviceCode)) == grants.end()) {
    return reject(OAuthError::unauthorized_client("the client may not use the device code grant"));
  }
  const auto scope = parse_scope(form.get("scope").value_or(""));
  // The user is not known yet: admin scopes are checked again on approval.
  if (auto refused = validate_scope(scope, {GrantType::kDeviceCode, true, false})) {
    return reject(*refused);
  }

  const std::string device_code = crypto::random_alnum(32);
  storage::OAuth2DeviceCodeGrant grant;
  grant.id = ctx.new_id();
  grant.client_id = client->id;
  grant.scope = join_scope(scope);
  grant.device_code_fingerprint = ids::token_fingerprint(device_code);
  grant.created_at = now_ms;
  grant.expires_at = now_ms + kDeviceCodeLifetimeS * 1000;
  grant.user_code = new_user_code();
  auto added = storage::oauth2_device_code_grants::add(**tx, grant);
  if (!added && added.error().code == ErrorCode::kConflict) {
    // 36^6 codes: a collision with a live one is rare; one retry in a fresh
    // transaction (the failed statement poisoned this one).
    tx = ctx.db->begin(storage::TxMode::kWrite);
    if (!tx) return reject(server_error("begin", tx.error()));
    grant.user_code = new_user_code();
    added = storage::oauth2_device_code_grants::add(**tx, grant);
  }
  if (!added) return reject(server_error("store device grant", added.error()));
  if (auto committed = (*tx)->commit(); !committed) {
    return reject(server_error("commit", committed.error()));
  }
  const std::string verification_uri = endpoint_url(ctx, "link");
  nlohmann::json out = {{"device_code", device_code},
                        {"user_code", grant.user_code},
                        {"verification_uri", verification_uri},
                        {"expires_in", kDeviceCodeLifetimeS},
                        {"interval", kDevicePollIntervalS}};
  if (ctx.oauth.device_code_user_code_auto_fill_enabled) {
    out["verification_uri_complete"] = verification_uri + "?code=" + grant.user_code;
  }
  return out;
}

void register_device_authorization_route(http::Routes& routes, const OAuth2Context& ctx) {
  routes.add("oauth", http::Method::kPost, "/oauth2/device",
             [&ctx](const httplib::Request& req, httplib::Response& res) {
               auto form = parse_form_request(req);
               auto result = form ? handle_device_authorization(
                                        ctx, req.get_header_value("Authorization"), *form)
                                  : reject(form.error());
               if (!result) return write_oauth_error(res, result.error());
               write_oauth_json(res, 200, *result);
             });
}

}  // namespace gatehouse::auth::oauth2
