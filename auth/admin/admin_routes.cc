#include "auth/admin/admin_routes.h"

#include "auth/accounts/accounts_config.h"

namespace gatehouse::auth::admin {

Result<std::unique_ptr<AdminContext>> make_admin_context(
    const config::Config& config, std::shared_ptr<storage::Database> db,
    std::shared_ptr<const Clock> clock,
    std::shared_ptr<homeserver_client::HomeserverClient> homeserver) {
  GH_TRY(auto passwords, accounts::password_manager_from_config(config.passwords));
  return std::unique_ptr<AdminContext>(new AdminContext{
      config, std::move(db), std::move(clock), std::move(homeserver), std::move(passwords)});
}

void register_admin_routes(http::Routes& routes, const AdminContext& ctx) {
  register_user_routes(routes, ctx);
  register_session_routes(routes, ctx);
  register_server_routes(routes, ctx);
  register_email_routes(routes, ctx);
  register_registration_token_routes(routes, ctx);
  register_upstream_routes(routes, ctx);
  register_client_routes(routes, ctx);
}

}  // namespace gatehouse::auth::admin
