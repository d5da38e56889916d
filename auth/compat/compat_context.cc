#include "auth/compat/compat_context.h"

#include "auth/accounts/accounts_config.h"
#include "shared/http/client_ip.h"

namespace gatehouse::auth::compat {

std::string CompatContext::client_ip(const httplib::Request& req) const {
  return http::client_ip(req, proxies);
}

std::string CompatContext::user_id(std::string_view localpart) const {
  return "@" + std::string(localpart) + ":" + config.matrix.homeserver;
}

Result<std::unique_ptr<CompatContext>> make_compat_context(const config::Config& config,
                                                           CompatDeps deps) {
  GH_TRY(auto passwords, accounts::password_manager_from_config(config.passwords));
  GH_TRY(auto proxies, http::TrustedProxies::parse(config.http.trusted_proxies));
  auto appservices = appservice::Registry::load(config.matrix.app_service_config_files);
  if (!appservices) {
    return fail(ErrorCode::kConfig,
                "matrix.app_service_config_files: " + appservices.error().message,
                appservices.error().detail);
  }
  return std::unique_ptr<CompatContext>(new CompatContext{
      config, std::move(deps.db), std::move(deps.clock), std::move(deps.homeserver),
      std::move(passwords), std::move(deps.login_limits), std::move(*appservices),
      std::move(proxies)});
}

}  // namespace gatehouse::auth::compat
