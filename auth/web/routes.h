// Mounts the browser-facing routes: the human pages (/authorize, /login,
// /logout, /consent/{id}, /link, /device/{id}, /oauth2/logout) under the
// `human` resource and /oauth2/userinfo under `oauth`.
#pragma once

#include "auth/server/app.h"
#include "shared/core/error.h"
#include "shared/http/routes.h"

namespace gatehouse::web {

// Loads the templates and builds the shared page context from
// `state.config`; `state` must outlive the routes. Errors (kConfig): a
// template directory that cannot be read or parsed, a bad encryption key
// or password scheme; the server must not start then.
Status register_web_routes(http::Routes& routes, auth::AppState& state);

}  // namespace gatehouse::web
