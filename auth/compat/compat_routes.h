// The legacy Matrix login API under the `compat` listener resource (MAS:
// compat_router), for every {version} path segment (r0, v3, ...); the
// homeserver forwards these paths here. One file per endpoint:
//
//   GET  /_matrix/client/{version}/login            login_flows.cc
//   POST /_matrix/client/{version}/login            login.cc
//   POST /_matrix/client/{version}/logout           logout.cc
//   POST /_matrix/client/{version}/logout/all       logout_all.cc
//   POST /_matrix/client/{version}/refresh          refresh.cc
//   GET  /_matrix/client/{version}/login/sso/redirect[/, /{idpId}]
//                                                   sso_redirect.cc
//
// Handlers return the JSON body or a CompatError (compat_error.h).
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "auth/compat/compat_context.h"
#include "auth/compat/compat_error.h"
#include "shared/http/routes.h"

namespace gatehouse::auth::compat {

// `ctx` must outlive the routes.
void register_compat_routes(http::Routes& routes, const CompatContext& ctx);

nlohmann::json login_flows(const CompatContext& ctx);
CompatResult<nlohmann::json> handle_login(const CompatContext& ctx, const httplib::Request& req);
CompatResult<nlohmann::json> handle_logout(const CompatContext& ctx, const httplib::Request& req);
CompatResult<nlohmann::json> handle_logout_all(const CompatContext& ctx,
                                               const httplib::Request& req);
CompatResult<nlohmann::json> handle_refresh(const CompatContext& ctx, const httplib::Request& req);
// The Location to send the browser to; `idp_id` empty for the plain route.
CompatResult<std::string> handle_sso_redirect(const CompatContext& ctx,
                                              const httplib::Request& req,
                                              std::string_view idp_id);

}  // namespace gatehouse::auth::compat
