// Assembly of the homeserver's HTTP side from its Synapse-style config: the
// routes of each endpoint group (homeserver/api/), the listeners, and a run
// loop that serves until SIGTERM/SIGINT and then lets requests in flight
// finish.
//
// Thread safety: call from main only.
#pragma once

#include "homeserver/context.h"
#include "shared/config/homeserver_config.h"
#include "shared/core/error.h"
#include "shared/http/routes.h"
#include "shared/http/server.h"

namespace gatehouse::homeserver {

// Every route the homeserver serves, by resource (client, health): the
// client-server API groups (homeserver/api/), the provisioning API
// (homeserver/provisioning/). The routes keep references into `ctx`.
http::Routes build_routes(Context& ctx);

// Listeners from `listeners:`: one bind per bind address; `health` is
// mounted on every listener (as Synapse serves /health everywhere);
// x_forwarded: true believes X-Forwarded-For from any peer (Synapse's
// meaning), false from none. "::" and "0.0.0.0" together collapse to the
// dual-stack "::", which already accepts IPv4.
http::ServerOptions server_options(const config::HomeserverConfig& config);

// Opens and migrates the homeserver's database, loads the appservices,
// then serves until SIGTERM/SIGINT. Prints one line naming the bound addresses.
// The caller must have called http::block_shutdown_signals() before any
// thread started. kIo if a listener cannot bind.
Status run(const config::HomeserverConfig& config);

}  // namespace gatehouse::homeserver
