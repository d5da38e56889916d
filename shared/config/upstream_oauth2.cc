#include "shared/config/upstream_oauth2.h"

namespace gatehouse::config {

void decode(Section& s, UpstreamOAuth2Config& out) {
  s.each("providers", [&](Section& item, std::size_t) {
    UpstreamProviderConfig provider;
    item.require("id", "the provider's id (a ULID)");
    item.get("id", provider.id);
    std::string text;
    if (item.get("human_name", text)) provider.human_name = text;
    if (item.get("brand_name", text)) provider.brand_name = text;
    // The rest of a MAS provider: accepted, reported, not used yet.
    for (const char* key :
         {"synapse_idp_id", "issuer", "discovery_mode", "pkce_method", "fetch_userinfo",
          "client_id", "client_secret", "client_secret_file", "token_endpoint_auth_method",
          "token_endpoint_auth_signing_alg", "id_token_signed_response_alg",
          "userinfo_signed_response_alg", "scope", "authorization_endpoint", "token_endpoint",
          "userinfo_endpoint", "jwks_uri", "response_mode", "claims_imports",
          "additional_authorization_parameters", "forward_login_hint",
          "on_backchannel_logout", "sign_in_with_apple", "enabled"}) {
      item.unsupported(key);
    }
    out.providers.push_back(std::move(provider));
  });
}

}  // namespace gatehouse::config
