// Maps the `http` config section onto the HTTP server's options: one
// http::Listener per configured listener, resources by their MAS names.
#pragma once

#include "shared/config/http.h"
#include "shared/core/error.h"
#include "shared/http/server.h"

namespace gatehouse::auth {

// kConfig if a trusted_proxies entry does not parse (config validation
// normally catches that first).
Result<http::ServerOptions> server_options(const config::HttpConfig& http);

}  // namespace gatehouse::auth
