// GET /_matrix/client/versions (client-server API, "Supported versions"):
// the spec versions this homeserver speaks. Listing v1.15 makes
// matrix-js-sdk discover the auth service through
// /_matrix/client/v1/auth_metadata (MSC2965) rather than the older
// unstable endpoint.
//
// Thread safety: the document is rendered once at registration; the handler
// only copies it.
#pragma once

#include <nlohmann/json.hpp>

#include "shared/http/routes.h"

namespace gatehouse::homeserver::api {

// {"versions": ["r0.0.1", ..., "v1.15"], "unstable_features": {}}
nlohmann::json versions_document();

// Registers the route under the `client` resource.
void register_versions(http::Routes& routes);

}  // namespace gatehouse::homeserver::api
