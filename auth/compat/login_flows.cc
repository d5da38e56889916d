// GET /_matrix/client/{version}/login: the login types offered. As MAS
// (compat/login.rs), with m.login.application_service added (we take it)
// and the identity providers of `upstream_oauth2.providers` listed.
#include "auth/compat/compat_routes.h"

namespace gatehouse::auth::compat {

nlohmann::json login_flows(const CompatContext& ctx) {
  using json = nlohmann::json;
  json flows = json::array();
  if (ctx.config.passwords.enabled) flows.push_back({{"type", "m.login.password"}});
  json providers = json::array();
  for (const auto& provider : ctx.config.upstream_oauth2.providers) {
    if (!provider.enabled) continue;
    json idp = {{"id", provider.id}, {"name", provider.human_name.value_or(provider.id)}};
    if (provider.brand_name) idp["brand"] = *provider.brand_name;
    providers.push_back(std::move(idp));
  }
  flows.push_back({{"type", "m.login.sso"},
                   {"identity_providers", std::move(providers)},
                   {"oauth_aware_preferred", true},
                   {"org.matrix.msc3824.delegated_oidc_compatibility", true}});
  flows.push_back({{"type", "m.login.token"}});
  flows.push_back({{"type", "m.login.application_service"}});
  return {{"flows", std::move(flows)}};
}

}  // namespace gatehouse::auth::compat
