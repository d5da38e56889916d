// The client-server API groups (one .cc each) and what they share.
// Synapse serves most endpoints under both r0 and v3; client_paths() gives
// those variants, so no path string is written twice.
//
// Thread safety: handlers run concurrently; the Context outlives them.
#pragma once

#include <string>
#include <vector>

#include "homeserver/api/matrix_error.h"
#include "homeserver/context.h"
#include "shared/http/routes.h"

namespace gatehouse::homeserver::api {

// "/_matrix/client/r0" + suffix and "/_matrix/client/v3" + suffix.
std::vector<std::string> client_paths(const std::string& suffix);

// Registers `handler` under the `client` resource for each of `paths`.
void add_client_route(http::Routes& routes, http::Method method,
                      const std::vector<std::string>& paths, ApiHandler handler);

// The requester, who must be a user (not the auth service itself).
ApiResult<introspection::Requester> authenticate_user(const Context& ctx,
                                                      const httplib::Request& req);

// /.well-known/matrix/client, /_matrix/client/v1/auth_metadata and the
// MSC2965 unstable auth_metadata and auth_issuer.
void register_discovery(http::Routes& routes, Context& ctx);
// whoami and capabilities.
void register_account(http::Routes& routes, Context& ctx);
// /devices, /devices/{id} (MSC4190 for appservices), /delete_devices.
void register_devices(http::Routes& routes, Context& ctx);
// /profile/{userId}[/displayname|/avatar_url].
void register_profile(http::Routes& routes, Context& ctx);
// /login, /logout, /logout/all, /refresh, /login/sso/redirect… relayed to
// the auth service.
void register_forwarding(http::Routes& routes, Context& ctx);
// /register for appservices (m.login.application_service).
void register_appservice_registration(http::Routes& routes, Context& ctx);

}  // namespace gatehouse::homeserver::api
