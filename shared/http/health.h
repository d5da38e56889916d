// `GET /health` under the `health` resource: 200 {"status":"ok"} when the
// supplied check (normally a database ping) succeeds, else
// 503 {"status":"unavailable","error":"<the error's message>"}.
// Load balancers and `gatehouse health` poll it.
//
// Thread safety: `check` runs on worker threads, possibly concurrently.
#pragma once

#include <functional>

#include "shared/core/error.h"

namespace gatehouse::http {

class Routes;

using HealthCheck = std::function<Status()>;

// Registers the route. A null `check` means "always healthy".
void register_health(Routes& routes, HealthCheck check);

}  // namespace gatehouse::http
