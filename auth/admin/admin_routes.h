// The admin API's route groups, one file each; admin_routes.cc mounts them.
#pragma once

#include "auth/admin/admin_api.h"
#include "auth/admin/admin_request.h"

namespace gatehouse::auth::admin {

void register_user_routes(http::Routes& routes, const AdminContext& ctx);     // admin_users.cc
void register_session_routes(http::Routes& routes, const AdminContext& ctx);  // admin_sessions.cc
void register_server_routes(http::Routes& routes, const AdminContext& ctx);   // admin_server.cc
void register_email_routes(http::Routes& routes, const AdminContext& ctx);    // admin_emails.cc
// admin_registration_tokens.cc
void register_registration_token_routes(http::Routes& routes, const AdminContext& ctx);
void register_upstream_routes(http::Routes& routes, const AdminContext& ctx);  // admin_upstream.cc
void register_client_routes(http::Routes& routes, const AdminContext& ctx);    // admin_clients.cc

}  // namespace gatehouse::auth::admin
