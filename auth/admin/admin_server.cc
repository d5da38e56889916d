// /api/admin/v1/site-config and /version, as MAS answers them. site-config
// says what this server does, not only what its config says: a feature
// that needs something else to work (passwords for recovery and
// registration) is false without it, and captcha, which Gatehouse does not
// have, is false.
#include "auth/admin/admin_resources.h"
#include "auth/admin/admin_routes.h"

namespace gatehouse::auth::admin {
namespace {

AdminResult site_config(const AdminRequest& r) {
  const auto& c = r.ctx.config;
  const bool passwords = c.passwords.enabled;
  return AdminReply{200,
                    nlohmann::json{
                        {"server_name", c.matrix.homeserver},
                        {"password_login_enabled", passwords},
                        {"password_registration_enabled", passwords && c.account.password_registration_enabled},
                        {"password_registration_email_required",
                         passwords && c.account.password_registration_enabled &&
                             c.account.password_registration_email_required},
                        {"password_registration_token_required", c.account.password_registration_token_required},
                        {"email_change_allowed", c.account.email_change_allowed},
                        {"displayname_change_allowed", c.account.displayname_change_allowed},
                        {"password_change_allowed", passwords && c.account.password_change_allowed},
                        {"account_recovery_allowed", passwords && c.account.password_recovery_enabled},
                        {"account_deactivation_allowed", c.account.account_deactivation_allowed},
                        {"captcha_enabled", false},
                        {"minimum_password_complexity", c.passwords.minimum_complexity},
                    },
                    {}};
}

AdminResult version(const AdminRequest&) {
  return AdminReply{200, nlohmann::json{{"version", GATEHOUSE_VERSION}}, {}};
}

}  // namespace

void register_server_routes(http::Routes& routes, const AdminContext& ctx) {
  routes.add("adminapi", http::Method::kGet, std::string(kBase) + "/site-config",
             admin_handler(ctx, storage::TxMode::kRead, site_config));
  routes.add("adminapi", http::Method::kGet, std::string(kBase) + "/version",
             admin_handler(ctx, storage::TxMode::kRead, version));
}

}  // namespace gatehouse::auth::admin
